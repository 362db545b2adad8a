#!/usr/bin/env bash
# Every benchmark, each printing its figures beside a baseline measured in the same run.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/backend"
py="$root/.venv/bin/python"
status=0
for bench in bench/bench_test_margins.py bench/bench_analysis.py bench/bench_lyrics.py bench/bench_video.py bench/bench_compose.py bench/bench_pipeline.py bench/bench_replicate.py; do
  if [ -f "$bench" ]; then
    echo; echo "===== $bench ====="
    args=()
    [ "$bench" = bench/bench_lyrics.py ] && args=(--full)  # also times the whole analysis with lyrics
    "$py" "$bench" "${args[@]}" || status=1
  fi
done
if [ -f "$root/frontend/scripts/report-bundle-size.mjs" ]; then
  echo; echo "===== web app initial JavaScript ====="
  (cd "$root/frontend" && node scripts/report-bundle-size.mjs) || status=1
fi
exit $status
