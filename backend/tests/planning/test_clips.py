"""Clip plans: exact fill, 3–10 s, cuts on beats (bar lines first), energy-shaped, deterministic, graceful fallbacks."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.grids import Grid, grids, make_grid
from vibecraft.planning.clips import PlannedClip, plan_clips
from vibecraft.planning.sections import SectionDraft

EPS = 1e-9


@st.composite
def sections_on_grids(draw):
    grid = draw(grids(min_duration=4.0, max_duration=140.0))
    length = draw(st.floats(1.0, min(60.0, grid.duration)))
    start = draw(st.floats(0.0, grid.duration - length))
    # Sections from snapping start and end on beats (or the song's edges); sometimes they do not.
    if draw(st.booleans()):
        start = min(grid.beats, key=lambda b: abs(b - start)) if grid.beats else start
    end = min(grid.duration, start + length)
    energy = draw(st.one_of(st.none(), st.lists(st.floats(0.0, 1.0), min_size=1, max_size=300)))
    return grid, start, end, energy


def plan_on(grid: Grid, start: float, end: float, **kwargs) -> list[PlannedClip]:
    return plan_clips(start, end, beat_times=grid.beats, downbeat_times=grid.downbeats, **kwargs)


def downbeat_tiling_exists(start: float, end: float, downbeats: list[float], min_len=3.0, max_len=10.0) -> bool:
    points = [start, *[d for d in downbeats if start < d < end], end]
    reachable = [True] + [False] * (len(points) - 1)
    for j in range(1, len(points)):
        reachable[j] = any(reachable[i] and min_len - EPS <= points[j] - points[i] <= max_len + EPS for i in range(j))
    return reachable[-1]


@settings(max_examples=300, deadline=None)
@given(sections_on_grids())
def test_clips_fill_the_section_exactly_on_beats_within_3_to_10_s(case):
    grid, start, end, energy = case
    clips = plan_on(grid, start, end, energy=energy, song_duration=grid.duration)
    assert clips[0].start == start and clips[-1].end == end
    assert all(a.end == b.start for a, b in zip(clips, clips[1:]))
    if end - start < 3.0:
        assert clips == [PlannedClip(start, end)]
    else:
        assert all(3.0 - EPS <= c.duration <= 10.0 + EPS for c in clips)
    beats = set(grid.beats)
    assert all(c.start in beats for c in clips[1:])


@settings(max_examples=150, deadline=None)
@given(sections_on_grids())
def test_the_same_inputs_give_the_same_cuts(case):
    grid, start, end, energy = case
    first = plan_on(grid, start, end, energy=energy, song_duration=grid.duration)
    again = plan_on(grid, start, end, energy=list(energy) if energy else None, song_duration=grid.duration)
    assert first == again


@settings(max_examples=200, deadline=None)
@given(sections_on_grids())
def test_cuts_fall_on_bar_lines_whenever_a_plan_on_bar_lines_exists(case):
    grid, start, end, energy = case
    if end - start < 3.0 or not downbeat_tiling_exists(start, end, grid.downbeats):
        return
    clips = plan_on(grid, start, end, energy=energy, song_duration=grid.duration)
    downbeats = set(grid.downbeats)
    assert all(c.start in downbeats for c in clips[1:])


def test_a_regular_4_4_song_is_cut_into_whole_bars():
    grid = make_grid(70.0, 120.0, first=0.0)
    clips = plan_on(grid, 0.0, 64.0)
    bar = 2.0
    assert all(math.isclose(c.duration / bar, round(c.duration / bar)) for c in clips)


def test_loud_stretches_get_shorter_clips_than_calm_ones():
    grid = make_grid(60.0, 120.0, first=0.0)
    energy = [0.1] * 100 + [0.9] * 100  # calm first half, loud second half
    clips = plan_on(grid, 0.0, 60.0, energy=energy, song_duration=60.0)
    calm = [c.duration for c in clips if c.end <= 30.0]
    loud = [c.duration for c in clips if c.start >= 30.0]
    assert calm and loud
    assert sum(loud) / len(loud) < sum(calm) / len(calm)
    assert len({c.duration for c in clips}) > 1


def test_energy_spans_the_section_when_no_song_duration_is_given():
    grid = make_grid(60.0, 120.0, first=0.0)
    calm_then_loud = plan_on(grid, 20.0, 60.0, energy=[0.1, 0.9])
    assert calm_then_loud[0].duration > calm_then_loud[-1].duration


def test_preferred_lengths_pull_clips_towards_them():
    grid = make_grid(80.0, 100.0, first=0.0)  # 0.6-s beats: whole seconds only every fifth beat
    no_bars = dict(beat_times=grid.beats, downbeat_times=[])
    whole_seconds = tuple(float(s) for s in range(4, 11))
    free = plan_clips(0.0, 60.0, **no_bars)
    preferred = plan_clips(0.0, 60.0, preferred_lengths=whole_seconds, **no_bars)

    def miss(clips):
        return sum(abs(c.duration - round(c.duration)) for c in clips) / len(clips)

    assert miss(preferred) < miss(free)
    assert miss(preferred) < 0.05


@pytest.mark.parametrize("length", [0.4, 1.0, 2.99])
def test_a_section_under_3_s_is_one_clip(length):
    grid = make_grid(20.0, 120.0)
    assert plan_on(grid, 5.0, 5.0 + length) == [PlannedClip(5.0, 5.0 + length)]


def test_a_section_that_fits_one_clip_on_a_sparse_grid_stays_whole():
    assert plan_clips(10.0, 17.0, beat_times=[12.0], downbeat_times=[12.0]) == [PlannedClip(10.0, 17.0)]


def test_sparse_beats_fall_back_to_one_off_beat_cut_within_bounds():
    clips = plan_clips(0.0, 12.0, beat_times=[1.0, 11.0], downbeat_times=[1.0])
    assert clips == [PlannedClip(0.0, 6.0), PlannedClip(6.0, 12.0)]


def test_the_fallback_keeps_every_cut_it_can_on_the_beat():
    # Beats only every 9 s: 0–9–18 works on beats, 18–30 needs one cut off the grid.
    clips = plan_clips(0.0, 30.0, beat_times=[9.0, 18.0], downbeat_times=[])
    cuts = [c.start for c in clips[1:]]
    assert sum(1 for t in cuts if t not in (9.0, 18.0)) == 1
    assert all(3.0 <= c.duration <= 10.0 for c in clips)


def test_a_song_without_beats_is_still_cut_by_its_energy_within_bounds():
    clips = plan_clips(0.0, 60.0, beat_times=[], downbeat_times=[], energy=[0.1, 0.9])
    assert clips[0].start == 0.0 and clips[-1].end == 60.0
    assert all(3.0 <= c.duration <= 10.0 for c in clips)
    assert clips[0].duration > clips[-1].duration


def test_lengths_no_split_can_satisfy_stay_under_max():
    clips = plan_clips(0.0, 11.0, beat_times=[], downbeat_times=[], min_len=6.0, max_len=10.0)
    assert [c.duration for c in clips] == [5.5, 5.5]


def test_provider_bounds_are_kept():
    grid = make_grid(90.0, 128.0)
    clips = plan_on(grid, 0.0, 90.0, min_len=5.0, max_len=8.0)
    assert all(5.0 - EPS <= c.duration <= 8.0 + EPS for c in clips)


@pytest.mark.parametrize("start, end, kwargs", [(5.0, 5.0, {}), (6.0, 5.0, {}), (0.0, 20.0, {"min_len": 8.0, "max_len": 4.0}),
                                                (0.0, math.nan, {})])
def test_impossible_requests_raise(start, end, kwargs):
    with pytest.raises(ValueError):
        plan_clips(start, end, beat_times=[1.0, 2.0], downbeat_times=[], **kwargs)


def test_each_section_is_planned_within_its_own_bounds():
    grid = make_grid(40.0, 120.0, first=0.0)
    sections = [SectionDraft("Intro", 0.0, 8.0), SectionDraft("Verse", 8.0, 30.0), SectionDraft("Outro", 30.0, 40.0)]
    plans = [plan_clips(s.start_time, s.end_time, beat_times=grid.beats, downbeat_times=grid.downbeats) for s in sections]
    assert [(p[0].start, p[-1].end) for p in plans] == [(0.0, 8.0), (8.0, 30.0), (30.0, 40.0)]


def test_planned_clips_unpack_like_pairs():
    start, end = plan_clips(0.0, 5.0, beat_times=[], downbeat_times=[])[0]
    assert (start, end) == (0.0, 5.0)
