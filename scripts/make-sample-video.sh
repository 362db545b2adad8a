#!/usr/bin/env bash
# Remakes the landing page's sample video (frontend/public/sample-video.mp4, under 1 MB) with the
# product itself: a 12 s song synthesized here (our own, no third-party audio), then `vibecraft make`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ffmpeg -nostdin -v error -y -f lavfi -i "aevalsrc='0.5*sin(2*PI*55*t)*exp(-8*mod(t,0.5))*lt(mod(t,0.5),0.25)+0.18*sin(2*PI*(220+55*floor(mod(t/2,4)))*t)+0.12*sin(2*PI*(330+82.5*floor(mod(t/2,4)))*t)+0.15*random(0)*exp(-30*mod(t+0.25,0.5))':s=44100:d=12" \
  -af "afade=t=in:d=0.5,afade=t=out:st=10.5:d=1.5" -c:a pcm_s16le "$work/song.wav"
VIDEO_MAX_HEIGHT=240 DATA_DIR="$work/data" LYRICS_BACKEND=none \
  "$root/.venv/bin/vibecraft" make "$work/song.wav" -o "$root/frontend/public/sample-video.mp4" --type mood_environment --no-lyrics
ffmpeg -nostdin -v error -y -ss 6 -i "$root/frontend/public/sample-video.mp4" -frames:v 1 -q:v 4 "$root/frontend/public/sample-video-poster.jpg"
ls -l "$root/frontend/public/sample-video.mp4"
