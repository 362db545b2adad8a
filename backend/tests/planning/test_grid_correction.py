"""Grid corrections on plain beat lists: half/double time, tap tempo, bar start, metre."""

import pytest

from tests.factories import beat_grid
from vibecraft.planning.grid_correction import (
    Grid,
    GridCorrection,
    GridCorrectionError,
    apply_correction,
    bpm_from_taps,
)

DURATION = 30.0


def detected(bpm: float = 120.0, metre: int = 4) -> Grid:
    beats, downbeats = beat_grid(DURATION, bpm, first=0.25, beats_per_bar=metre)
    beats, downbeats = [round(t, 3) for t in beats], [round(t, 3) for t in downbeats]  # as the analysis stores them
    return Grid(bpm=bpm, bpm_alternatives=[bpm / 2, bpm * 2], beat_times=beats, downbeat_times=downbeats,
                time_signature=metre)


def test_no_correction_gives_the_detection_back():
    grid = detected()
    assert apply_correction(grid, GridCorrection(), duration=DURATION) == grid


def test_half_time_keeps_every_other_beat_and_every_bar_start():
    grid = detected()
    half = apply_correction(grid, GridCorrection(tempo_factor=0.5), duration=DURATION)
    assert half.bpm == pytest.approx(60.0, abs=0.5)
    assert set(half.beat_times) <= set(grid.beat_times)
    assert len(half.beat_times) == pytest.approx(len(grid.beat_times) / 2, abs=1)
    assert set(grid.downbeat_times) <= set(half.beat_times)  # the detected bar starts survive halving
    assert half.bpm_alternatives == [120.0]  # 30 BPM is below what anyone taps


def test_half_time_picks_the_alternate_beats_that_carry_the_bars():
    grid = detected()
    shifted = Grid(**{**grid.as_dict(), "downbeat_times": grid.beat_times[1::4]})
    half = apply_correction(shifted, GridCorrection(tempo_factor=0.5), duration=DURATION)
    assert half.beat_times[0] == grid.beat_times[1]


def test_double_time_adds_a_beat_between_every_two():
    grid = detected(90.0)
    double = apply_correction(grid, GridCorrection(tempo_factor=2.0), duration=DURATION)
    assert double.bpm == pytest.approx(180.0, rel=0.01)
    assert set(grid.beat_times) <= set(double.beat_times)
    assert len(double.beat_times) >= 2 * len(grid.beat_times) - 1
    assert all(b > a for a, b in zip(double.beat_times, double.beat_times[1:]))
    assert max(double.beat_times) < DURATION


@pytest.mark.parametrize("shift", [1, 2, 3])
def test_bar_shift_moves_every_bar_start_that_many_beats_later(shift):
    grid = detected()
    moved = apply_correction(grid, GridCorrection(bar_shift=shift), duration=DURATION)
    assert moved.beat_times == grid.beat_times
    index = {t: i for i, t in enumerate(grid.beat_times)}
    assert {index[t] % 4 for t in moved.downbeat_times} == {shift}


def test_three_four_makes_bars_of_three_beats_from_the_detected_bar_start():
    grid = detected()
    waltz = apply_correction(grid, GridCorrection(time_signature=3), duration=DURATION)
    assert waltz.time_signature == 3
    assert waltz.downbeat_times[0] == grid.downbeat_times[0]
    index = {t: i for i, t in enumerate(waltz.beat_times)}
    assert {index[b] - index[a] for a, b in zip(waltz.downbeat_times, waltz.downbeat_times[1:])} == {3}


def test_tap_tempo_near_an_octave_keeps_the_detected_beat_timing():
    grid = detected(120.0)
    tapped = apply_correction(grid, GridCorrection(bpm=62.0), duration=DURATION)
    assert set(tapped.beat_times) <= set(grid.beat_times)
    assert tapped.bpm == pytest.approx(60.0, abs=0.5)


def test_tap_tempo_elsewhere_makes_an_even_grid_at_that_tempo():
    grid = detected(120.0)
    tapped = apply_correction(grid, GridCorrection(bpm=100.0), duration=DURATION)
    assert tapped.bpm == pytest.approx(100.0, abs=0.5)
    assert grid.downbeat_times[0] in tapped.beat_times
    assert tapped.beat_times[0] >= 0 and tapped.beat_times[-1] < DURATION


def test_bpm_from_taps_ignores_a_slip():
    taps = [0.0, 0.5, 1.0, 1.5, 1.62, 2.0, 2.5, 3.0]
    assert bpm_from_taps(taps) == pytest.approx(120.0, abs=1.0)


@pytest.mark.parametrize("taps, words", [([0.0, 0.5], "at least"), ([1.0, 1.0, 1.0, 1.0], "different"),
                                         ([0.0, 5.0, 10.0, 15.0], "between")])
def test_unusable_taps_say_what_to_do(taps, words):
    with pytest.raises(GridCorrectionError, match=words):
        bpm_from_taps(taps)


@pytest.mark.parametrize("correction, words", [
    (GridCorrection(tempo_factor=3.0), "tempo factor"),
    (GridCorrection(tempo_factor=0.5, bpm=90.0), "not both"),
    (GridCorrection(time_signature=5), "3/4"),
    (GridCorrection(bpm=300.0), "between"),
])
def test_impossible_corrections_are_refused(correction, words):
    with pytest.raises(GridCorrectionError, match=words):
        apply_correction(detected(), correction, duration=DURATION)


def test_half_of_a_slow_tempo_is_refused():
    with pytest.raises(GridCorrectionError, match="Half time"):
        apply_correction(detected(70.0), GridCorrection(tempo_factor=0.5), duration=DURATION)
