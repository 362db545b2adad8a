"""Shared helpers for the audio tests: where the shared annotated data lives, and synthetic signals."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import soundfile

from tests.conftest import unavailable

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
SR = 22050


def shared_file(relative: str) -> Path:
    """A file of the shared annotated data set; without it the test skips, or fails under VC_REQUIRE_SERVICES=1."""
    path = DATA / relative
    if not path.is_file():
        unavailable(f"shared annotated audio not found at {path} (it lives beside the repository, in shared/data)")
    return path


def reference_beats(stem: str) -> tuple[np.ndarray, np.ndarray, float]:
    """(beat times, downbeat times, annotated BPM) of a clip in shared/data/beats."""
    rows = np.loadtxt(shared_file(f"beats/{stem}.beats"), ndmin=2)
    downbeats = rows[rows[:, 1] == 1, 0] if rows.shape[1] > 1 else np.zeros(0)
    return rows[:, 0], downbeats, float(np.loadtxt(shared_file(f"beats/{stem}.bpm")))


def click_track(bpm: float, beats_per_bar: int, seconds: float, first_beat: float = 0.5) -> np.ndarray:
    """A metronome: a short decaying tick per beat, the first of each bar higher and louder."""
    signal = np.zeros(int(seconds * SR), np.float32)
    t = np.arange(int(0.03 * SR)) / SR
    for i, when in enumerate(np.arange(first_beat, seconds - 0.05, 60.0 / bpm)):
        accent = i % beats_per_bar == 0
        tick = (0.8 if accent else 0.5) * np.sin(2 * np.pi * (1500 if accent else 1000) * t) * np.exp(-150 * t)
        start = int(when * SR)
        signal[start:start + len(tick)] += tick[: len(signal) - start]
    return signal


def write_wav(path: Path, signal: np.ndarray, sample_rate: int = SR) -> Path:
    soundfile.write(path, signal, sample_rate, subtype="PCM_16")
    return path


def encode(source: Path, target: Path) -> Path:
    """Re-encode with ffmpeg; the container/codec follows target's extension."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(source), str(target)], check=True)
    return target
