#!/usr/bin/env bash
# Browser end-to-end tests: start the product on embedded defaults in a throwaway data dir, run Playwright, stop it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="$(mktemp -d)"
port="${E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
log="$data/server.log"
# Embedded defaults: no PostgreSQL, Redis, S3 or Replicate even when the caller has them configured.
unset DATABASE_URL REDIS_URL STORAGE_BACKEND S3_BUCKET_NAME S3_ENDPOINT_URL VIDEO_PROVIDER REPLICATE_API_TOKEN ENV
# VIDEO_MAX_HEIGHT keeps the rendered frames small (360p) so the browser flow stays within minutes.
export DATA_DIR="$data" PORT="$port" SECRET_KEY="e2e-$(date +%s)-secret-key-not-for-production" VIDEO_MAX_HEIGHT="${VIDEO_MAX_HEIGHT:-360}"
started=$SECONDS
.venv/bin/vibecraft migrate >/dev/null
.venv/bin/vibecraft serve --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null || { echo "server did not start:"; cat "$log"; exit 1; }
status=0
# A song just under the 5-minute limit, for the editor's smoothness on ~600 beats: the two shared songs joined.
long_song="$data/long-song.mp3"
ffmpeg -nostdin -v error -y -i "$root/../shared/data/lyrics/Confession_-_Quesabe.mp3" -i "$root/../shared/data/lyrics/Fantasma_-_Los_Rombos.mp3" \
  -filter_complex "[0:a][1:a]concat=n=2:v=0:a=1" -t 295 -c:a libmp3lame -b:a 128k "$long_song"
VC_E2E_LONG_SONG="${VC_E2E_LONG_SONG:-$long_song}" VC_BASE_URL="http://127.0.0.1:$port" VC_E2E_SONG="${VC_E2E_SONG:-$root/../shared/data/lyrics/Fantasma_-_Los_Rombos.mp3}" \
  node frontend/tests/e2e/run.mjs || status=$?
echo "e2e: finished in $((SECONDS - started)) s (screenshots in frontend/test-results/screenshots/)"
if [ "$status" -ne 0 ]; then echo "--- server log (tail) ---"; tail -60 "$log"; fi
exit "$status"
