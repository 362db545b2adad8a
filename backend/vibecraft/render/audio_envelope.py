"""How loud the clip's audio is at each video frame, and where its sound hits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vibecraft.audio.decode import decode_audio

ENVELOPE_RATE = 22050


@dataclass(frozen=True)
class AudioEnvelope:
    """Per-frame `energy` (smoothed loudness, 0–1) and `onset` (how sharply the sound rises there, 0–1)."""

    energy: np.ndarray
    onset: np.ndarray


def flat_envelope(n_frames: int, level: float = 0.5) -> AudioEnvelope:
    """The envelope of a clip rendered without audio: steady energy, no onsets."""
    return AudioEnvelope(energy=np.full(n_frames, level, np.float32), onset=np.zeros(n_frames, np.float32))


def read_envelope(audio_path: str | Path, n_frames: int, fps: float) -> AudioEnvelope:
    """Decode the clip's audio once (ffmpeg → mono float PCM) and measure it frame by frame.

    Raises vibecraft.audio.decode.AudioDecodeError when the file is missing or is not audio.
    """
    decoded = decode_audio(audio_path, ENVELOPE_RATE, timeout=120)
    return envelope_from_samples(decoded.samples, decoded.sample_rate, n_frames, fps)


def envelope_from_samples(samples: np.ndarray, sample_rate: int, n_frames: int, fps: float) -> AudioEnvelope:
    """Energy and onset per video frame; frame f measures the sound from f/fps for one frame's length."""
    hop = sample_rate / fps
    starts = np.round(np.arange(n_frames + 1) * hop).astype(np.int64)
    squared = np.concatenate([[0.0], np.cumsum(samples.astype(np.float64) ** 2)])
    lo, hi = np.minimum(starts[:-1], len(samples)), np.minimum(starts[1:], len(samples))
    mean_square = (squared[hi] - squared[lo]) / np.maximum(hi - lo, 1)
    rms = np.sqrt(mean_square)
    db = 20 * np.log10(np.maximum(rms, 1e-5))
    absolute = np.clip((db + 50) / 44, 0, 1)  # -50 dBFS → 0, -6 dBFS → 1
    relative = rms / max(float(np.percentile(rms, 95)), 1e-4)
    raw = np.clip(0.55 * np.clip(relative, 0, 1.2) + 0.45 * absolute, 0, 1)
    rise = np.maximum(np.diff(db, prepend=db[:1]), 0)
    onset = np.clip(rise / max(float(np.percentile(rise, 98)), 3.0), 0, 1)
    return AudioEnvelope(energy=_smooth(raw, fps).astype(np.float32), onset=onset.astype(np.float32))


def _smooth(values: np.ndarray, fps: float, attack_sec: float = 0.12, release_sec: float = 0.45) -> np.ndarray:
    # Slow attack on purpose: a sudden loud hit must not move the picture more than the beat pulse does.
    up, down = 1 - np.exp(-1 / (attack_sec * fps)), 1 - np.exp(-1 / (release_sec * fps))
    out = np.empty_like(values, dtype=np.float64)
    level = float(values[0]) if len(values) else 0.0
    for i, v in enumerate(values):
        level += (v - level) * (up if v > level else down)
        out[i] = level
    return out
