"""Beat grids as the analysis reports them, for the planning tests: any tempo, metre, phase and wobble."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True)
class Grid:
    duration: float
    beats: list[float]
    downbeats: list[float]
    bpm: float
    beats_per_bar: int


def make_grid(duration: float, bpm: float, *, first: float = 0.0, beats_per_bar: int = 4, bar_phase: int = 0,
              jitter: list[float] | None = None) -> Grid:
    """Beats every 60/bpm s from `first` (each nudged by jitter[i] × period), millisecond-rounded like the analysis."""
    period = 60.0 / bpm
    beats: list[float] = []
    i = 0
    while True:
        nudge = jitter[i % len(jitter)] * period if jitter else 0.0
        t = round(first + i * period + nudge, 3)
        if first + i * period >= duration - 1e-6:
            break
        if 0 <= t < duration and (not beats or t > beats[-1]):
            beats.append(t)
        i += 1
    downbeats = beats[bar_phase % beats_per_bar::beats_per_bar]
    return Grid(duration, beats, downbeats, bpm, beats_per_bar)


@st.composite
def grids(draw, min_duration: float = 4.0, max_duration: float = 200.0) -> Grid:
    """A song with a beat grid: 60–180 BPM, 3/4 or 4/4, any phase, up to ±4% timing wobble."""
    duration = draw(st.floats(min_duration, max_duration))
    bpm = draw(st.floats(60.0, 180.0))
    jitter = draw(st.lists(st.floats(-0.04, 0.04), min_size=1, max_size=16))
    return make_grid(
        duration,
        bpm,
        first=draw(st.floats(0.0, 60.0 / bpm)),
        beats_per_bar=draw(st.sampled_from([3, 4])),
        bar_phase=draw(st.integers(0, 3)),
        jitter=jitter,
    )
