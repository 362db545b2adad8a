"""Timed-lyrics benchmark on the shared JamendoLyrics songs: align the known text, compare word onsets.

    cd backend && ../.venv/bin/python bench/bench_lyrics.py [--full]

Each song runs in its own fresh subprocess: decode once (ffmpeg, mono float32 at the analysis rate),
load the local model, then time `align` with the song's `.txt` and, separately, `transcribe`.
Onset error is |estimated word start - reference word start| over the words of the `.txt` in order
(the `.words.csv` rows). "peak MB" is the subprocess's peak RSS (model included). With --full, the
whole `analyze_audio` (beats, structure, tags and lyrics) is timed too, in the same subprocess.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

BACKEND = Path(__file__).resolve().parents[1]
DATA = BACKEND.parent.parent / "shared" / "data" / "lyrics"
SONGS = ("Fantasma_-_Los_Rombos", "Confession_-_Quesabe")
WITHIN_SEC = 0.3

WORKER = r"""
import json, resource, sys, time
sys.path.insert(0, {backend!r})
from vibecraft.audio.decode import decode_audio
from vibecraft.audio.lyrics import load_lyrics_engine, preload
path, text_path, full = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
audio = decode_audio(path)
engine = load_lyrics_engine("local")
preload(engine)
text = open(text_path, encoding="utf-8").read()
t0 = time.perf_counter()
lines = engine.align(audio.samples, audio.sample_rate, text)
align_sec = time.perf_counter() - t0
t0 = time.perf_counter()
heard = engine.transcribe(audio.samples, audio.sample_rate)
transcribe_sec = time.perf_counter() - t0
full_sec = None
if full:
    from vibecraft.audio.analysis import analyze_audio, preload_models
    preload_models()
    t0 = time.perf_counter()
    analyze_audio(path, lyrics_engine=engine, lyrics_text=text)
    full_sec = time.perf_counter() - t0
print(json.dumps({{"starts": [w["start"] for line in lines for w in line["words"]],
                  "duration": audio.duration_sec, "align_sec": align_sec, "transcribe_sec": transcribe_sec,
                  "heard_lines": len(heard), "full_sec": full_sec,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def reference_starts(name: str) -> np.ndarray:
    with open(DATA / f"{name}.words.csv", encoding="utf-8") as f:
        return np.array([float(row["word_start"]) for row in csv.DictReader(f)])


def run_song(name: str, full: bool) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", WORKER.format(backend=str(BACKEND)), str(DATA / f"{name}.mp3"),
                           str(DATA / f"{name}.txt"), "1" if full else "0"],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    full = "--full" in sys.argv[1:]
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores shared)")
    header = f"{'song':26} {'dur s':>6} {'words':>5} {'median s':>8} {'mean s':>7} {'<=0.3s':>6} {'align s':>7} {'transcr s':>9}"
    header += f" {'full s':>6}" if full else ""
    print(header + f" {'peak MB':>7}")
    all_errors = []
    for name in SONGS:
        result = run_song(name, full)
        reference = reference_starts(name)
        starts = np.array(result["starts"])
        if len(starts) != len(reference):
            print(f"{name}: {len(starts)} words aligned for {len(reference)} reference words", file=sys.stderr)
            starts = np.resize(starts, len(reference)) if len(starts) else np.full(len(reference), np.inf)
        errors = np.abs(starts - reference)
        all_errors.append(errors)
        row = (f"{name[:26]:26} {result['duration']:6.1f} {len(errors):5d} {np.median(errors):8.3f} {errors.mean():7.3f}"
               f" {100 * np.mean(errors <= WITHIN_SEC):5.1f}% {result['align_sec']:7.1f} {result['transcribe_sec']:9.1f}")
        row += f" {result['full_sec']:6.1f}" if full else ""
        print(row + f" {result['peak_mb']:7.0f}")
    errors = np.concatenate(all_errors)
    print(f"{'overall':26} {'':6} {len(errors):5d} {np.median(errors):8.3f} {errors.mean():7.3f}"
          f" {100 * np.mean(errors <= WITHIN_SEC):5.1f}%")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
