"""Waveform overview for the section editor."""

from __future__ import annotations

import numpy as np


def waveform_peaks(signal: np.ndarray, n: int = 2000) -> list[float]:
    """`n` peak amplitudes (max |sample| per equal slice), scaled so the loudest is 1; [] for an empty signal."""
    signal = np.abs(np.asarray(signal, dtype=np.float32).ravel())
    if signal.size == 0 or n <= 0:
        return []
    edges = np.linspace(0, signal.size, n + 1).astype(np.int64)
    # A slice shorter than one sample takes the sample it falls on, so a short signal still fills n points.
    starts = np.minimum(edges[:-1], signal.size - 1)
    stops = np.maximum(edges[1:], starts + 1)
    peaks = np.maximum.reduceat(signal, starts) if np.all(np.diff(starts) > 0) else \
        np.array([signal[a:b].max() for a, b in zip(starts, stops)], dtype=np.float32)
    top = float(peaks.max())
    if top <= 0.0:
        return [0.0] * n
    return [round(float(p) / top, 4) for p in peaks]
