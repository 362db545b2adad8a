"""The detected beat grid as the planners see it: sorted beats, which of them start a bar, the local tempo."""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Downbeats are reported on the same frames as beats; anything farther than this from every beat is noise.
DOWNBEAT_MATCH_SEC = 0.05
# Intervals either side of a time that set its local beat period (a median, so one missed beat does not skew it).
LOCAL_PERIOD_INTERVALS = 4


@dataclass(frozen=True)
class BeatGrid:
    """Beats in ascending order (the exact floats the analysis gave) and, per beat, whether it starts a bar."""

    beats: tuple[float, ...]
    is_downbeat: tuple[bool, ...]
    has_downbeats: bool

    @classmethod
    def build(cls, beat_times: Sequence[float], downbeat_times: Sequence[float]) -> BeatGrid:
        """The grid of finite, distinct beats; each downbeat marks its nearest beat (within 50 ms)."""
        beats = tuple(sorted({float(t) for t in beat_times if math.isfinite(t)}))
        flags = [False] * len(beats)
        for downbeat in downbeat_times:
            if not math.isfinite(downbeat) or not beats:
                continue
            i = nearest_index(beats, float(downbeat))
            if abs(beats[i] - downbeat) <= DOWNBEAT_MATCH_SEC:
                flags[i] = True
        return cls(beats=beats, is_downbeat=tuple(flags), has_downbeats=any(flags))

    def is_usable(self) -> bool:
        """A grid needs at least two beats: one beat gives no tempo and nothing to snap between."""
        return len(self.beats) >= 2

    def local_period(self, t: float) -> float:
        """Seconds per beat around time t: the median of the beat intervals nearest to it."""
        if not self.is_usable():
            raise ValueError("A beat period needs at least two beats.")
        i = nearest_index(self.beats, t)
        lo = max(0, i - LOCAL_PERIOD_INTERVALS // 2)
        hi = min(len(self.beats) - 1, lo + LOCAL_PERIOD_INTERVALS)
        lo = max(0, hi - LOCAL_PERIOD_INTERVALS)
        return statistics.median(self.beats[k + 1] - self.beats[k] for k in range(lo, hi))

    def indices_between(self, start: float, end: float) -> range:
        """Indices of the beats strictly inside (start, end)."""
        lo = bisect.bisect_right(self.beats, start)
        hi = bisect.bisect_left(self.beats, end)
        return range(lo, max(lo, hi))


def nearest_index(sorted_times: Sequence[float], t: float) -> int:
    """Index of the value nearest to t in a non-empty ascending sequence; the earlier one on a tie."""
    i = bisect.bisect_left(sorted_times, t)
    if i == 0:
        return 0
    if i == len(sorted_times):
        return len(sorted_times) - 1
    return i if sorted_times[i] - t < t - sorted_times[i - 1] else i - 1
