"""Local renderer benchmark: 1080p24 speed per video type beside a bare ffmpeg encode, and how exactly the picture
pulses on the annotated beats of the shared real clips.

    cd backend && ../.venv/bin/python bench/bench_video.py

Speed: a 10 s clip at 1920×1080, 24 fps, rendered from the first 10 s of gtzan_country_00000 (its audio and
annotated beats; the lyric video also gets the first sung words of Fantasma), encode included; the floor is ffmpeg
encoding its own testsrc2 pattern at the same size with the same x264 settings. Each figure is the best of two runs.

Audio reactivity: each shared beats clip rendered whole as an abstract_visualizer at 320×180 with its own audio and
annotated beats (position 1 = downbeat). For each beat, the frame with the largest change (mean absolute pixel
difference to the frame before) inside the beat's window — halfway to the previous beat to halfway to the next —
must be within one frame of round(beat × fps).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from vibecraft.providers.base import ClipContext, ClipRequest, Word  # noqa: E402
from vibecraft.providers.local_renderer import LocalRendererProvider  # noqa: E402
from vibecraft.video.encoding import h264_output_args  # noqa: E402
from vibecraft.video.shapes import SHAPES, Shape  # noqa: E402
from vibecraft.video_types import VIDEO_TYPES  # noqa: E402

DATA = BACKEND.parent.parent / "shared" / "data"
SPEED_CLIP = DATA / "beats" / "gtzan_country_00000"
LYRICS = DATA / "lyrics" / "Fantasma_-_Los_Rombos"
FPS = 24
SECONDS = 10.0
REACTIVITY_SHAPE = Shape("16:9", 320, 180)
MIN_REAL_TIME = 1.0
MIN_BEAT_SHARE = 0.8
PROMPT = "A neon city at night, magenta and cyan light, retro synthwave drive"


def best_of(runs: int, action) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def floor_encode(out: Path) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=1920x1080:rate={FPS}:duration={SECONDS}", *h264_output_args(FPS), "-an", str(out)], check=True)


def annotated_beats(stem: Path) -> tuple[np.ndarray, np.ndarray]:
    rows = np.loadtxt(stem.with_suffix(".beats"), ndmin=2)
    downbeats = rows[rows[:, 1] == 1, 0] if rows.shape[1] > 1 else np.zeros(0)
    return rows[:, 0], downbeats


def first_sung_words(seconds: float, lead_in: float = 0.5) -> tuple[Word, ...]:
    """The song's first words that fit in `seconds`, moved so the first starts at lead_in."""
    text = LYRICS.with_suffix(".txt").read_text(encoding="utf-8").split()
    with open(LYRICS.with_suffix(".words.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    offset = float(rows[0]["word_start"]) - lead_in
    words = [Word(float(r["word_start"]) - offset, float(r["word_end"]) - offset, w) for w, r in zip(text, rows)]
    return tuple(w for w in words if w.end < seconds)


def excerpt(source: Path, seconds: float, out: Path) -> Path:
    """The first `seconds` of source as mono 22.05 kHz WAV, as the generation job cuts a clip's audio."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-t", f"{seconds:.3f}", "-i", str(source), "-ac", "1",
                    "-ar", "22050", str(out)], check=True)
    return out


def decode_frames(path: Path, shape: Shape) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, shape.height, shape.width, 3)


def beat_hits(frames: np.ndarray, beat_frames: list[int]) -> tuple[int, int]:
    """(beats whose window's largest frame change is within one frame of the beat, beats counted)."""
    changes = np.concatenate([[0.0], np.abs(np.diff(frames.astype(np.int16), axis=0)).mean(axis=(1, 2, 3))])
    hits = counted = 0
    for i, b in enumerate(beat_frames):
        before = b - (b - beat_frames[i - 1]) / 2 if i else b - (beat_frames[1] - b) / 2
        after = b + (beat_frames[i + 1] - b) / 2 if i + 1 < len(beat_frames) else b + (b - beat_frames[i - 1]) / 2
        lo, hi = max(1, int(np.ceil(before))), min(len(changes) - 1, int(np.floor(after)))
        if not 1 <= b < len(changes) or hi <= lo:
            continue  # a beat on the first frame has no change to measure
        counted += 1
        hits += abs(lo + int(np.argmax(changes[lo:hi + 1])) - b) <= 1
    return hits, counted


def bench_speed(tmp: Path) -> bool:
    provider = LocalRendererProvider()
    audio = excerpt(SPEED_CLIP.with_suffix(".wav"), SECONDS, tmp / "speed.wav")
    beats, downbeats = annotated_beats(SPEED_CLIP)
    words = first_sung_words(SECONDS) if LYRICS.with_suffix(".txt").is_file() else ()
    floor = best_of(2, lambda: floor_encode(tmp / "floor.mp4"))
    print(f"\nLocal renderer speed: {SECONDS:.0f} s clip at 1920×1080, {FPS} fps ({int(SECONDS * FPS)} frames), "
          f"encode included; best of 2")
    print(f"{'':34s}{'wall s':>9s}{'× real time':>13s}{'÷ floor':>10s}")
    print(f"{'floor: ffmpeg testsrc2, same x264':34s}{floor:9.2f}{SECONDS / floor:13.2f}{1.0:10.2f}")
    factors = {}
    for video_type in VIDEO_TYPES:
        context = ClipContext(audio_path=audio, beat_times=tuple(b for b in beats if b < SECONDS),
                              downbeat_times=tuple(d for d in downbeats if d < SECONDS), words=words,
                              video_type=video_type, mood_vector={"energy": 0.55, "valence": 0.6, "danceability": 0.5,
                                                                  "tension": 0.3},
                              mood_primary="happy", genre="country", look_seed=3, fps=FPS)
        request = ClipRequest(prompt=PROMPT, duration=SECONDS, shape=SHAPES["16:9"], seed=1, context=context)
        wall = best_of(2, lambda: provider.generate(request, tmp / f"{video_type}.mp4"))
        factors[video_type] = SECONDS / wall
        print(f"{'local ' + video_type:34s}{wall:9.2f}{SECONDS / wall:13.2f}{wall / floor:10.2f}")
    slowest = min(factors, key=factors.get)
    ok = factors[slowest] >= MIN_REAL_TIME
    print(f"target ≥ {MIN_REAL_TIME:.0f}× real time for every type: {'PASS' if ok else 'FAIL'} "
          f"(slowest {slowest}, {factors[slowest]:.2f}×)")
    return ok


def bench_reactivity(tmp: Path) -> bool:
    provider = LocalRendererProvider()
    print(f"\nAudio reactivity: abstract_visualizer at {REACTIVITY_SHAPE.width}×{REACTIVITY_SHAPE.height}, {FPS} fps, "
          "each clip whole with its audio and annotated beats")
    print(f"{'clip':34s}{'beats':>7s}{'on beat':>9s}{'share':>8s}{'render s':>10s}")
    total_hits = total = 0
    for wav in sorted((DATA / "beats").glob("*.wav")):
        beats, downbeats = annotated_beats(wav.with_suffix(""))
        duration = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                                         str(wav)], check=True, capture_output=True, text=True).stdout)
        context = ClipContext(audio_path=wav, beat_times=tuple(beats), downbeat_times=tuple(downbeats),
                              video_type="abstract_visualizer", mood_vector={"energy": 0.6}, look_seed=1, fps=FPS)
        request = ClipRequest(prompt="", duration=duration, shape=REACTIVITY_SHAPE, seed=3, context=context)
        started = time.perf_counter()
        clip = provider.generate(request, tmp / f"react-{wav.stem}.mp4")
        wall = time.perf_counter() - started
        hits, counted = beat_hits(decode_frames(clip, REACTIVITY_SHAPE), [round(b * FPS) for b in beats])
        total_hits, total = total_hits + hits, total + counted
        print(f"{wav.stem[:33]:34s}{counted:7d}{hits:9d}{hits / max(counted, 1):8.0%}{wall:10.2f}")
    share = total_hits / max(total, 1)
    ok = share >= MIN_BEAT_SHARE
    print(f"{'all':34s}{total:7d}{total_hits:9d}{share:8.0%}")
    print(f"target ≥ {MIN_BEAT_SHARE:.0%} of beats with their largest change within one frame: {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    if not DATA.is_dir():
        sys.exit(f"no benchmark data at {DATA}")
    started = time.time()
    with open("/proc/loadavg") as f:
        print(f"load average before: {f.read().split()[:3]} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as name:
        ok_speed = bench_speed(Path(name))
        ok_beats = bench_reactivity(Path(name))
    print(f"\nbenchmark took {time.time() - started:.0f} s")
    return 0 if ok_speed and ok_beats else 1


if __name__ == "__main__":
    sys.exit(main())
