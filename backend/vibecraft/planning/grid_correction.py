"""A musician's corrections to the detected beat grid: half/double time, tap tempo, bar start, 3/4 vs 4/4.

Pure functions on plain lists. A correction is always applied to the *detected* grid (never on top of an
earlier correction), so the same correction gives the same grid and "no correction" gives the detection back.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from vibecraft.planning.beat_grid import BeatGrid, nearest_index

TEMPO_FACTORS = (0.5, 1.0, 2.0)
METRES = (3, 4)
MIN_BPM, MAX_BPM = 40.0, 240.0
# A tapped tempo within this of the detected tempo's half, same or double keeps the detected beats' timing.
TAP_OCTAVE_TOLERANCE = 0.08
MIN_TAPS = 4
# Taps further than this from the median tap interval are slips and are left out.
TAP_OUTLIER_RATIO = 0.35


class GridCorrectionError(ValueError):
    """A correction that cannot be applied; the message says what to change."""


@dataclass(frozen=True)
class GridCorrection:
    """tempo_factor scales the detected tempo (0.5 half time, 2 double time); bpm (tap tempo) replaces it;
    bar_shift moves the bar start by that many beats later; time_signature overrides the detected metre."""

    tempo_factor: float = 1.0
    bpm: float | None = None
    bar_shift: int = 0
    time_signature: int | None = None

    def is_identity(self) -> bool:
        return self.tempo_factor == 1.0 and self.bpm is None and self.bar_shift == 0 and self.time_signature is None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Grid:
    bpm: float
    bpm_alternatives: list[float]
    beat_times: list[float]
    downbeat_times: list[float]
    time_signature: int

    def as_dict(self) -> dict:
        return asdict(self)


def tempo_alternatives(bpm: float) -> list[float]:
    """The half- and double-tempo readings of `bpm` that a listener could also tap (40–240 BPM)."""
    return [round(b, 1) for b in (bpm / 2, bpm * 2) if MIN_BPM <= b <= MAX_BPM]


def tempo_of(beats: Sequence[float]) -> float:
    """BPM from the median span of up to 8 consecutive beat intervals (robust to one missed beat)."""
    if len(beats) < 2:
        raise GridCorrectionError("A tempo needs at least two beats.")
    span = min(8, len(beats) - 1)
    return 60.0 * span / statistics.median(beats[i + span] - beats[i] for i in range(len(beats) - span))


def bpm_from_taps(tap_times: Sequence[float]) -> float:
    """The tempo of a run of taps (seconds): the median interval, after dropping slips far from it."""
    taps = sorted(float(t) for t in tap_times)
    if len(taps) < MIN_TAPS:
        raise GridCorrectionError(f"Tap at least {MIN_TAPS} times to set the tempo.")
    intervals = [b - a for a, b in zip(taps, taps[1:]) if b > a]
    if not intervals:
        raise GridCorrectionError("The taps must be at different times.")
    typical = statistics.median(intervals)
    steady = [d for d in intervals if abs(d - typical) <= TAP_OUTLIER_RATIO * typical]
    bpm = 60.0 / statistics.median(steady)
    if not MIN_BPM <= bpm <= MAX_BPM:
        raise GridCorrectionError(f"The taps give {bpm:.0f} BPM; tap a steady beat between {MIN_BPM:.0f} and {MAX_BPM:.0f} BPM.")
    return round(bpm, 1)


def check_correction(correction: GridCorrection, detected_bpm: float) -> None:
    """Raise GridCorrectionError when the correction asks for something no grid can give."""
    if correction.tempo_factor not in TEMPO_FACTORS:
        raise GridCorrectionError("The tempo factor must be 0.5 (half time), 1 or 2 (double time).")
    if correction.bpm is not None and correction.tempo_factor != 1.0:
        raise GridCorrectionError("Give either a tapped tempo or half/double time, not both.")
    if correction.bpm is not None and not MIN_BPM <= correction.bpm <= MAX_BPM:
        raise GridCorrectionError(f"The tempo must be between {MIN_BPM:.0f} and {MAX_BPM:.0f} BPM.")
    if correction.time_signature is not None and correction.time_signature not in METRES:
        raise GridCorrectionError("The time signature must be 3 (3/4) or 4 (4/4).")
    target = detected_bpm * correction.tempo_factor
    if correction.bpm is None and not MIN_BPM <= target <= MAX_BPM:
        raise GridCorrectionError(
            f"{'Half' if correction.tempo_factor < 1 else 'Double'} time would be {target:.0f} BPM, "
            f"outside {MIN_BPM:.0f}–{MAX_BPM:.0f} BPM."
        )


def apply_correction(detected: Grid, correction: GridCorrection, *, duration: float) -> Grid:
    """The grid the musician asked for, built from the detected one (returned unchanged for no correction)."""
    check_correction(correction, detected.bpm)
    if correction.is_identity() or len(detected.beat_times) < 2:
        return detected
    beats = _beats_at_tempo(detected, correction, duration)
    metre = correction.time_signature or detected.time_signature
    phase = (_detected_bar_phase(beats, detected.downbeat_times, metre) + correction.bar_shift) % metre
    bpm = round(tempo_of(beats), 2)
    return Grid(
        bpm=bpm,
        bpm_alternatives=tempo_alternatives(bpm),
        beat_times=[round(t, 3) for t in beats],
        downbeat_times=[round(t, 3) for t in beats[phase::metre]],
        time_signature=metre,
    )


def _beats_at_tempo(detected: Grid, correction: GridCorrection, duration: float) -> list[float]:
    beats = list(detected.beat_times)
    factor = correction.tempo_factor
    if correction.bpm is not None:
        nearest = min(TEMPO_FACTORS, key=lambda f: abs(detected.bpm * f - correction.bpm))
        if abs(detected.bpm * nearest - correction.bpm) <= TAP_OCTAVE_TOLERANCE * correction.bpm:
            factor = nearest  # the tap confirms an octave of the detection: keep the detected beats' timing
        else:
            return _regular_beats(detected, correction.bpm, duration)
    if factor == 0.5:
        return _every_other_beat(beats, detected.downbeat_times)
    if factor == 2.0:
        return _with_midpoints(beats, duration)
    return beats


def _every_other_beat(beats: list[float], downbeats: Sequence[float]) -> list[float]:
    """Half time keeps the alternate beats that hold more of the detected bar starts (the first set on a tie)."""
    grid = BeatGrid.build(beats, downbeats)
    on_even = sum(1 for i, down in enumerate(grid.is_downbeat) if down and i % 2 == 0)
    on_odd = sum(1 for i, down in enumerate(grid.is_downbeat) if down and i % 2 == 1)
    return list(grid.beats[1::2] if on_odd > on_even else grid.beats[0::2])


def _with_midpoints(beats: list[float], duration: float) -> list[float]:
    """Double time: a beat halfway between every two detected beats, and one after the last if the song goes on."""
    out: list[float] = []
    for a, b in zip(beats, beats[1:]):
        out += [a, (a + b) / 2]
    out.append(beats[-1])
    after = beats[-1] + (beats[-1] - beats[-2]) / 2
    if after < duration:
        out.append(after)
    return out


def _regular_beats(detected: Grid, bpm: float, duration: float) -> list[float]:
    """An even grid at a tapped tempo unrelated to the detection, anchored on the first detected bar start."""
    period = 60.0 / bpm
    anchor = detected.downbeat_times[0] if detected.downbeat_times else detected.beat_times[0]
    first = anchor - period * int(anchor // period)
    count = int((duration - first) // period) + 1
    return [first + i * period for i in range(count) if first + i * period < duration]


def _detected_bar_phase(beats: Sequence[float], detected_downbeats: Sequence[float], metre: int) -> int:
    """Index (mod metre) of the beat the detected bars start on: the first detected downbeat's nearest beat."""
    if not detected_downbeats or not beats:
        return 0
    return nearest_index(beats, detected_downbeats[0]) % metre
