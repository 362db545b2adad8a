"""How loud a stretch of the song is, from the analysis's waveform peaks (values 0–1 spread evenly over a span)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate

NEUTRAL_ENERGY = 0.5


class EnergyCurve:
    """Loudness samples spread evenly over [span_start, span_end], with mean loudness of any stretch in O(1)."""

    def __init__(self, samples: Sequence[float], span_start: float, span_end: float) -> None:
        self.values = [min(1.0, max(0.0, float(v))) if math.isfinite(v) else 0.0 for v in samples]
        self.span_start = float(span_start)
        self.span_end = float(span_end)
        self._prefix = [0.0, *accumulate(self.values)]

    def mean(self, start: float, end: float) -> float:
        """Mean loudness (0–1) of the samples covering [start, end); 0.5 when there is nothing to measure."""
        n = len(self.values)
        span = self.span_end - self.span_start
        if n == 0 or span <= 0 or not end > start:
            return NEUTRAL_ENERGY
        lo = min(n - 1, max(0, int((start - self.span_start) / span * n)))
        hi = min(n, max(lo + 1, math.ceil((end - self.span_start) / span * n)))
        return (self._prefix[hi] - self._prefix[lo]) / (hi - lo)

    def percentile(self, fraction: float) -> float:
        """The value below which `fraction` of the samples lie (nearest rank)."""
        if not self.values:
            return NEUTRAL_ENERGY
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def energy_at(waveform: Sequence[float], duration: float, start: float, end: float) -> float:
    """Mean loudness (0–1) of the song between start and end, from waveform peaks spread over [0, duration]."""
    return EnergyCurve(waveform, 0.0, duration).mean(start, end)
