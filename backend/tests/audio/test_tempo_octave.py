"""The tempo octave choice and its confidence; the genre/mood lists a musician corrects from."""

from __future__ import annotations

import numpy as np
import pytest

from vibecraft.audio.beats import LOW_TEMPO_CONFIDENCE, refine_octave, track_beats
from vibecraft.audio.tag_choices import GENRE_CHOICES, MOOD_CHOICES
from vibecraft.audio.tagging import GENRE_TAGS, MOOD_TAGS, SongTags
from vibecraft.audio.video_type_suggestion import suggest_video_type

from audio_fixtures import SR, click_track


@pytest.fixture(scope="module")
def clicks_120():
    samples = click_track(120.0, 4, seconds=20.0)
    return samples, track_beats(samples, SR)


def test_a_prior_at_the_played_tempo_keeps_it_with_high_confidence(clicks_120):
    samples, grid = clicks_120
    refined = refine_octave(grid, samples, SR, prior_centre=120.0)
    assert abs(refined.bpm - 120.0) <= 0.04 * 120.0
    assert refined.beat_times == grid.beat_times
    assert refined.tempo_confidence >= LOW_TEMPO_CONFIDENCE + 0.05  # measured 0.735


def test_a_clear_pulse_outweighs_a_prior_an_octave_away_but_confidence_drops():
    samples = click_track(90.0, 4, seconds=20.0)
    grid = track_beats(samples, SR)
    near = refine_octave(grid, samples, SR, prior_centre=90.0)
    far = refine_octave(grid, samples, SR, prior_centre=180.0)
    assert abs(far.bpm - 90.0) <= 0.04 * 90.0  # no clicks between the beats: double time has no evidence
    assert far.tempo_confidence < near.tempo_confidence  # measured 0.993 → 0.982
    assert far.octave_evidence["prior"][1] > far.octave_evidence["prior"][0]  # the prior did favour double time
    assert set(far.octave_evidence) >= {"network", "prior", "tempogram", "chosen"}


def test_when_the_prior_wins_the_grid_is_rebuilt_at_that_octave(clicks_120):
    samples, grid = clicks_120
    # A prior pinned far below (a narrow musical impossibility here) must pick half time and keep bar starts.
    refined = refine_octave(grid, samples, SR, prior_centre=15.0)
    assert refined.octave_evidence["chosen"] == 0.5
    assert abs(refined.bpm - 60.0) <= 0.04 * 60.0
    assert set(refined.beat_times) <= set(grid.beat_times)
    assert set(grid.downbeat_times) <= set(refined.beat_times)


def test_silence_has_no_tempo_confidence():
    silence = np.zeros(SR * 5, dtype=np.float32)
    assert refine_octave(track_beats(silence, SR), silence, SR, prior_centre=120.0).tempo_confidence == 0.0


def test_prior_centre_follows_genre_and_energy():
    quiet = {"loudness": 0.2, "brightness": 0.3, "onset_density": 0.1, "dynamics": 0.3}
    loud = {"loudness": 0.95, "brightness": 0.6, "onset_density": 0.9, "dynamics": 0.3}
    hip_hop = {"Hip-Hop": 0.6}
    punk = {"punk": 0.6}
    assert SongTags(hip_hop, loud).tempo_prior_centre() > SongTags(hip_hop, quiet).tempo_prior_centre()
    assert SongTags(punk, quiet).tempo_prior_centre() > SongTags(hip_hop, quiet).tempo_prior_centre()


def test_correction_lists_hold_every_detected_label_and_the_common_genres():
    assert set(GENRE_TAGS) <= set(GENRE_CHOICES)
    assert set(MOOD_TAGS) | {"energetic", "calm", "dark"} <= set(MOOD_CHOICES)
    assert {"latin", "reggaeton", "k-pop", "afrobeats"} <= set(GENRE_CHOICES)


@pytest.mark.parametrize("genre", GENRE_CHOICES)
def test_every_genre_gets_a_video_type_and_a_reason(genre):
    video_type, reason = suggest_video_type(genre, "happy", {"energy": 0.5, "danceability": 0.5}, 100.0)
    assert video_type and reason


def test_reggaeton_reads_as_a_pulse_genre():
    assert suggest_video_type("reggaeton", "party", {"energy": 0.5, "danceability": 0.4}, 95.0)[0] == "abstract_visualizer"
