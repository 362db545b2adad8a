"""Clip plans: cut each section into clips of 3–10 s on the beat grid, by dynamic programming over the beats.

A plan is the cheapest path from the section's start to its end through candidate cut points.
Its cost is compared as a tuple, most important first:

1. cuts that are not on a beat (only used when no plan on beats exists),
2. cuts on a beat that is not a bar line (only when bar lines are known),
3. a soft cost: squared distance of each clip's length from a target that shrinks as the music
   gets louder (calm 9 s, busy 4 s), a charge for a bar line that does not start a four-bar phrase
   (less for one that starts its second half), distance from the provider's preferred lengths,
   and a small charge per clip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from vibecraft.planning.beat_grid import DOWNBEAT_MATCH_SEC, BeatGrid
from vibecraft.planning.energy import NEUTRAL_ENERGY, EnergyCurve

# Float slack when comparing lengths with min_len / max_len (beat times are millisecond floats).
LENGTH_EPS = 1e-9
# Soft-cost terms; at 120 BPM they make four-bar clips at mid energy, two-bar ones where it is loud (docs/planning.md).
CALM_TARGET_SEC = 9.0
BUSY_TARGET_SEC = 4.0
LENGTH_WEIGHT = 0.5
PHRASE_BARS = 4
HALF_PHRASE_BAR_COST = 0.75
OFF_PHRASE_BAR_COST = 2.0
PREFERRED_LENGTH_WEIGHT = 2.0
PER_CLIP_COST = 0.25
# Off-beat fallback cut points: a fine grid for freedom, plus the even split into the fewest clips, which
# always fits when any split does (n clips of min–max exist iff n·min <= length <= n·max).
OFF_BEAT_STEP_SEC = 0.25
# Energy is judged relative to the song (10th–90th percentile) unless the song barely changes in loudness.
RELATIVE_ENERGY_MIN_SPREAD = 0.05


class PlannedClip(NamedTuple):
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class _CutPoint:
    time: float
    on_beat: bool
    on_bar: bool
    bar_number: int | None = None  # counted from the section's first bar line; None when not a known bar line


_Cost = tuple[int, int, float]


def plan_clips(
    section_start: float,
    section_end: float,
    *,
    beat_times: Sequence[float],
    downbeat_times: Sequence[float],
    min_len: float = 3.0,
    max_len: float = 10.0,
    preferred_lengths: tuple[float, ...] | None = None,
    energy: Sequence[float] | None = None,
    song_duration: float | None = None,
) -> list[PlannedClip]:
    """Contiguous clips that fill [section_start, section_end] exactly, each min_len–max_len long, cut on beats.

    `energy` is loudness (0–1) spread evenly over [0, song_duration] (the analysis's waveform), or over
    the section itself when song_duration is None. A section shorter than min_len is one clip. When no
    plan on beats keeps every clip within min_len–max_len (sparse or missing beats), as few cuts as
    possible fall between beats (on a quarter-second grid or an even split); only if no split at all
    fits (possible when min_len > max_len / 2) are the clips split evenly, none longer than max_len.
    The same inputs always give the same plan.
    """
    if not (math.isfinite(section_start) and math.isfinite(section_end)) or section_end <= section_start:
        raise ValueError(f"A section must end after it starts ({section_start}–{section_end}).")
    if not 0 < min_len <= max_len:
        raise ValueError(f"Clip lengths need 0 < min_len <= max_len (got {min_len}, {max_len}).")
    length = section_end - section_start
    if length < min_len or length <= max_len and length < 2 * min_len:
        return [PlannedClip(section_start, section_end)]

    grid = BeatGrid.build(beat_times, downbeat_times)
    curve = _energy_curve(energy, section_start, section_end, song_duration)
    scorer = _ClipScorer(curve, min_len=min_len, max_len=max_len, preferred_lengths=preferred_lengths)
    points = _beat_points(grid, section_start, section_end)
    plan = _cheapest_plan(points, scorer, min_len=min_len, max_len=max_len)
    if plan is None:
        points = _with_off_beat_points(points, section_start, section_end, max_len=max_len, no_grid=not grid.is_usable())
        plan = _cheapest_plan(points, scorer, min_len=min_len, max_len=max_len)
    if plan is None:
        plan = _even_split(section_start, section_end, math.ceil(length / max_len - LENGTH_EPS))
    return plan


class _ClipScorer:
    def __init__(
        self, curve: EnergyCurve | None, *, min_len: float, max_len: float, preferred_lengths: tuple[float, ...] | None
    ) -> None:
        self.curve = curve
        self.min_len, self.max_len = min_len, max_len
        self.preferred = tuple(sorted(p for p in preferred_lengths or () if p > 0))
        self.low, self.high = (curve.percentile(0.1), curve.percentile(0.9)) if curve else (0.0, 1.0)

    def clip_cost(self, start: float, end: float) -> float:
        length = end - start
        cost = LENGTH_WEIGHT * (length - self.target_length(start, end)) ** 2 + PER_CLIP_COST
        if self.preferred:
            cost += PREFERRED_LENGTH_WEIGHT * min(abs(length - p) for p in self.preferred)
        return cost

    def target_length(self, start: float, end: float) -> float:
        loudness = self.relative_energy(start, end)
        target = CALM_TARGET_SEC - loudness * (CALM_TARGET_SEC - BUSY_TARGET_SEC)
        return min(self.max_len, max(self.min_len, target))

    def relative_energy(self, start: float, end: float) -> float:
        if self.curve is None:
            return NEUTRAL_ENERGY
        value = self.curve.mean(start, end)
        if self.high - self.low < RELATIVE_ENERGY_MIN_SPREAD:
            return value
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))


def _energy_curve(
    energy: Sequence[float] | None, section_start: float, section_end: float, song_duration: float | None
) -> EnergyCurve | None:
    if not energy:
        return None
    if song_duration is None:
        return EnergyCurve(energy, section_start, section_end)
    return EnergyCurve(energy, 0.0, song_duration)


def _beat_points(grid: BeatGrid, start: float, end: float) -> list[_CutPoint]:
    """Section edges plus every beat strictly inside, each marked bar line / phrase start."""
    inside = grid.indices_between(start, end)
    bars_seen = sum(
        1 for i in range(inside.start) if grid.is_downbeat[i] and grid.beats[i] >= start - DOWNBEAT_MATCH_SEC
    )
    points = [_CutPoint(start, on_beat=True, on_bar=True, bar_number=0)]
    for i in inside:
        bar_number = None
        if grid.is_downbeat[i]:
            bar_number, bars_seen = bars_seen, bars_seen + 1
        # Without detected bar lines every beat is as good a cut as any other.
        on_bar = grid.is_downbeat[i] or not grid.has_downbeats
        points.append(_CutPoint(grid.beats[i], on_beat=True, on_bar=on_bar, bar_number=bar_number))
    points.append(_CutPoint(end, on_beat=True, on_bar=True, bar_number=0))
    return points


def _with_off_beat_points(
    points: list[_CutPoint], start: float, end: float, *, max_len: float, no_grid: bool
) -> list[_CutPoint]:
    """Add last-resort cut points between beats: every OFF_BEAT_STEP_SEC, and the even split into the fewest clips.

    With no beat grid at all there is no beat to miss, so these points cost no more than a beat would.
    """
    length = end - start
    fewest = max(1, math.ceil(length / max_len - LENGTH_EPS))
    times = [start + length * k / fewest for k in range(1, fewest)]
    times += [start + OFF_BEAT_STEP_SEC * k for k in range(1, math.ceil(length / OFF_BEAT_STEP_SEC))]
    taken = {round(p.time, 9) for p in points}
    extra = {round(t, 9): t for t in times if start < t < end}
    merged = points + [_CutPoint(t, on_beat=no_grid, on_bar=no_grid) for key, t in extra.items() if key not in taken]
    return sorted(merged, key=lambda p: p.time)


def _cut_cost(point: _CutPoint) -> _Cost:
    if not point.on_beat:
        return (1, 0, 0.0)
    if not point.on_bar:
        return (0, 1, 0.0)
    if point.bar_number is None or point.bar_number % PHRASE_BARS == 0:
        return (0, 0, 0.0)
    if point.bar_number % (PHRASE_BARS // 2) == 0:
        return (0, 0, HALF_PHRASE_BAR_COST)
    return (0, 0, OFF_PHRASE_BAR_COST)


def _cheapest_plan(points: list[_CutPoint], scorer: _ClipScorer, *, min_len: float, max_len: float) -> list[PlannedClip] | None:
    """Shortest path over the cut points (edges i → j are clips of an allowed length); None if there is none."""
    best: list[_Cost | None] = [None] * len(points)
    previous = [-1] * len(points)
    best[0] = (0, 0, 0.0)
    last = len(points) - 1
    for j in range(1, len(points)):
        cut = (0, 0, 0.0) if j == last else _cut_cost(points[j])
        for i in range(j - 1, -1, -1):
            length = points[j].time - points[i].time
            if length > max_len + LENGTH_EPS:
                break
            so_far = best[i]
            if so_far is None or length < min_len - LENGTH_EPS:
                continue
            cost = (so_far[0] + cut[0], so_far[1] + cut[1], so_far[2] + cut[2] + scorer.clip_cost(points[i].time, points[j].time))
            current = best[j]
            if current is None or cost < current:
                best[j], previous[j] = cost, i
    if best[last] is None:
        return None
    path = [last]
    while path[-1] != 0:
        path.append(previous[path[-1]])
    path.reverse()
    return [PlannedClip(points[a].time, points[b].time) for a, b in zip(path, path[1:])]


def _even_split(start: float, end: float, count: int) -> list[PlannedClip]:
    count = max(1, count)
    cuts = [start, *(start + (end - start) * k / count for k in range(1, count)), end]
    return [PlannedClip(a, b) for a, b in zip(cuts, cuts[1:])]
