"""Composition of a 3-minute 1080p24 video from its normalized clips, beside two baselines measured in the same run.

Targets: ≤ 1.5 × a bare `ffmpeg -f concat -c copy` plus audio mux of the same clips (the floor), and
≥ 10 × faster than re-encoding them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from vibecraft.video.compose import compose_video, concat_list, stream_copy_args  # noqa: E402
from vibecraft.video.encoding import h264_output_args  # noqa: E402
from vibecraft.video.shapes import SHAPES, frame_count  # noqa: E402

FPS = 24
SONG_SEC = 180.0
SONG = BACKEND.parent.parent / "shared" / "data" / "lyrics" / "Fantasma_-_Los_Rombos.mp3"


def run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def cut_plan() -> list[tuple[float, float]]:
    """Varied clip lengths, as the planner makes them (3–10 s on a 120 BPM grid)."""
    lengths, bounds, t = [8.0, 6.0, 4.0, 10.0, 5.0, 7.0, 3.0, 9.0], [], 0.0
    i = 0
    while t < SONG_SEC:
        end = min(SONG_SEC, t + lengths[i % len(lengths)])
        bounds.append((t, end))
        t, i = end, i + 1
    return bounds


def make_clips(tmp: Path, bounds: list[tuple[float, float]]) -> tuple[list[Path], list[int]]:
    shape = SHAPES["16:9"]
    clips, frames = [], []
    for i, (start, end) in enumerate(bounds):
        n = frame_count(start, end, FPS)
        out = tmp / f"clip{i:03d}.mp4"
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                        "-i", f"testsrc2=size={shape.width}x{shape.height}:rate={FPS}", "-frames:v", str(n),
                        *h264_output_args(FPS), "-an", str(out)], check=True)
        clips.append(out)
        frames.append(n)
    return clips, frames


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        audio = tmp / "song.wav"
        if SONG.is_file():
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", "1", "-i", str(SONG), "-t", str(SONG_SEC),
                            str(audio)], check=True)
        else:
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=duration={SONG_SEC}",
                            str(audio)], check=True)
        bounds = cut_plan()
        print(f"making {len(bounds)} normalized 1080p24 clips for a {SONG_SEC:.0f} s video …", flush=True)
        clips, frames = make_clips(tmp, bounds)

        list_file = tmp / "list.txt"
        list_file.write_text(concat_list(clips))
        floor = min(run(stream_copy_args(list_file, audio, tmp / f"floor{i}.mp4")) for i in range(2))

        ours = []
        for i in range(2):
            t0 = time.perf_counter()
            compose_video(clips, audio, tmp / f"ours{i}.mp4", expected_frames=frames, fps=FPS, duration_sec=SONG_SEC)
            ours.append(time.perf_counter() - t0)
        mine = min(ours)

        reencode = run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(list_file),
                        "-i", str(audio), "-map", "0:v:0", "-map", "1:a:0", *h264_output_args(FPS),
                        "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", str(tmp / "reencode.mp4")])

    print()
    print(f"{'composition of 3:00 at 1080p24':<44}{'wall s':>10}")
    print(f"{'floor: bare concat -c copy + AAC mux':<44}{floor:>10.2f}")
    print(f"{'vibecraft compose (checks + verify)':<44}{mine:>10.2f}")
    print(f"{'re-encode of the same clips (libx264)':<44}{reencode:>10.2f}")
    ratio_floor, speedup = mine / floor, reencode / mine
    ok_floor, ok_speed = ratio_floor <= 1.5, speedup >= 10
    print()
    print(f"vibecraft / floor      = {ratio_floor:.2f}  (target ≤ 1.5)  {'PASS' if ok_floor else 'FAIL'}")
    print(f"re-encode / vibecraft  = {speedup:.1f}  (target ≥ 10)   {'PASS' if ok_speed else 'FAIL'}")
    return 0 if ok_floor and ok_speed else 1


if __name__ == "__main__":
    sys.exit(main())
