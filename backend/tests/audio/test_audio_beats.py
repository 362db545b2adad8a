"""Tempo, beats, downbeats and metre on real annotated clips and on generated signals."""

from __future__ import annotations

import mir_eval
import numpy as np
import pytest

from vibecraft.audio.beat_activations import FPS
from vibecraft.audio.beats import REPORT_LATENCY_SEC, tempo_alternatives, track_beats, warmup_anchors
from vibecraft.audio.decode import decode_audio

from audio_fixtures import SR, click_track, reference_beats, shared_file

# Thresholds sit just under what bench/bench_analysis.py measures (see docs/analysis.md).
REAL_CLIPS = [
    # stem, min F over the whole clip, min F with mir_eval's 5-s trim (None: clip too short), metre
    ("ballroom_waltz_Media-105901", 0.95, 0.97, 3),
    ("gtzan_country_00000", 0.95, 0.96, 4),
    ("madmom_sample", 0.95, None, None),
]


@pytest.mark.parametrize(("stem", "min_f_full", "min_f_trim", "meter"), REAL_CLIPS)
def test_beats_match_human_annotations(stem: str, min_f_full: float, min_f_trim: float | None, meter: int | None) -> None:
    ref, ref_down, ref_bpm = reference_beats(stem)
    audio = decode_audio(shared_file(f"beats/{stem}.wav"))
    grid = track_beats(audio.samples, audio.sample_rate)
    beats = np.array(grid.beat_times)
    assert mir_eval.beat.f_measure(ref, beats) >= min_f_full
    if min_f_trim is not None:
        assert mir_eval.beat.f_measure(mir_eval.beat.trim_beats(ref), mir_eval.beat.trim_beats(beats)) >= min_f_trim
    assert abs(grid.bpm - ref_bpm) <= 0.04 * ref_bpm
    assert grid.beat_confidence >= 0.8
    if meter is not None:
        assert grid.time_signature == meter
        assert mir_eval.beat.f_measure(ref_down, np.array(grid.downbeat_times)) >= 0.8


@pytest.mark.parametrize(("bpm", "beats_per_bar"), [(120.0, 4), (90.0, 3), (100.0, 3), (140.0, 4)])
def test_click_track_gives_its_tempo_metre_and_accented_downbeats(bpm: float, beats_per_bar: int) -> None:
    grid = track_beats(click_track(bpm, beats_per_bar, 20.0), SR)
    assert grid.bpm == pytest.approx(bpm, rel=0.02)
    assert grid.time_signature == beats_per_bar
    expected_downbeats = np.arange(0.5, 19.9, beats_per_bar * 60.0 / bpm)
    assert mir_eval.beat.f_measure(expected_downbeats, np.array(grid.downbeat_times)) >= 0.95
    assert grid.beat_confidence >= 0.8


@pytest.mark.parametrize("kind", ["silence", "tone", "noise"])
def test_signal_without_pulse_still_gets_a_tempo_with_low_confidence(kind: str) -> None:
    n = 10 * SR
    signal = {
        "silence": np.zeros(n, np.float32),
        "tone": (0.5 * np.sin(2 * np.pi * 440 * np.arange(n) / SR)).astype(np.float32),
        "noise": (0.3 * np.random.default_rng(1).standard_normal(n)).astype(np.float32),
    }[kind]
    grid = track_beats(signal, SR)
    assert 40 <= grid.bpm <= 240
    assert grid.beat_confidence < 0.3
    assert grid.time_signature in (3, 4)
    assert grid.beat_times == sorted(grid.beat_times)
    assert all(0 <= t <= 10 for t in grid.beat_times)


def test_one_second_signal_gets_a_grid() -> None:
    grid = track_beats(click_track(120, 4, 1.0), SR)
    assert grid.beat_times and grid.downbeat_times
    assert 40 <= grid.bpm <= 240


def test_beats_at_another_sample_rate_are_resampled() -> None:
    signal = click_track(120, 4, 12.0)
    at_44k = np.repeat(signal, 2)  # crude 2× upsample; the tracker resamples to its own rate
    assert track_beats(at_44k, 2 * SR).bpm == pytest.approx(120, rel=0.02)


def test_tempo_alternatives_are_half_and_double() -> None:
    assert tempo_alternatives(100.0) == [50.0, 200.0]
    assert tempo_alternatives(170.0) == [85.0]


@pytest.mark.parametrize("tail_dbfs", [None, -60.0])
def test_no_beat_is_placed_in_a_silent_tail(tail_dbfs: float | None) -> None:
    tail = np.zeros(4 * SR, np.float32)
    if tail_dbfs is not None:  # a noise floor after the music (dither, hiss) is silence too
        tail = np.random.default_rng(2).uniform(-1, 1, len(tail)).astype(np.float32) * 10 ** (tail_dbfs / 20)
    signal = np.concatenate([click_track(120, 4, 10.0), tail])
    grid = track_beats(signal, SR)
    assert max(grid.beat_times) < 10.1
    assert len(grid.beat_times) >= 18  # the clicks (0.5 s … 9.5 s) are all still there
    assert max(track_beats(signal, SR, drop_silent=False).beat_times) > 10.5  # the decoder alone runs on


def _activations_firing_at(times_and_levels: list[tuple[np.ndarray, float]], seconds: float) -> np.ndarray:
    act = np.zeros((int(seconds * FPS), 2), np.float32)
    for times, level in times_and_levels:
        act[np.round((times - REPORT_LATENCY_SEC) * FPS).astype(int), 0] = level
    return act


def test_warmup_beats_on_the_off_beat_are_anchored_half_a_beat_later() -> None:
    on_beat = np.arange(0.5, 20.0, 0.5) + REPORT_LATENCY_SEC
    off_beat = on_beat[:-1] + 0.25
    # While warming up (first 5 s) the network fires on beats and off-beats; the decoder took the off-beats there
    # and drifted onto the beats over the next six (as an HMM does: it cannot jump half a beat).
    act = _activations_firing_at([(on_beat, 0.9), (off_beat[off_beat < 5.0], 0.6)], 20.0)
    warm = off_beat[off_beat < 5.0]
    drift = warm[-1] + np.arange(1, 6) * (on_beat[15] - warm[-1]) / 6
    decoded = np.concatenate([warm, drift, on_beat[15:]])
    anchors = warmup_anchors(act, decoded)
    expected = on_beat[(on_beat > 0.6) & (on_beat < 5.2)]
    assert len(anchors) == len(expected)
    assert np.max(np.abs(anchors - expected)) <= 1.0 / FPS


def test_a_grid_the_network_confirms_is_not_re_phased() -> None:
    on_beat = np.arange(0.5, 20.0, 0.5) + REPORT_LATENCY_SEC
    act = _activations_firing_at([(on_beat, 0.9), (on_beat[:-1] + 0.25, 0.3)], 20.0)
    assert len(warmup_anchors(act, on_beat)) == 0


def test_warmup_peaks_that_are_not_a_steady_pulse_are_not_anchored() -> None:
    on_beat = np.arange(0.5, 20.0, 0.5) + REPORT_LATENCY_SEC
    off_beat = on_beat[:-1] + 0.25
    uneven = on_beat.copy()
    uneven[4] += 0.1  # one opening peak a fifth of a beat late: the shifted times would not be evenly spaced
    act = _activations_firing_at([(uneven, 0.9), (off_beat[off_beat < 5.0], 0.6)], 20.0)
    warm = off_beat[off_beat < 5.0]
    drift = warm[-1] + np.arange(1, 6) * (on_beat[15] - warm[-1]) / 6
    assert len(warmup_anchors(act, np.concatenate([warm, drift, on_beat[15:]]))) == 0
