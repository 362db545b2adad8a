"""Genre and mood from the numpy musicnn tagger, on real recordings."""

from __future__ import annotations

import numpy as np
import pytest

from vibecraft.audio import musicnn
from vibecraft.audio.decode import decode_audio
from vibecraft.audio.tagging import classify

from audio_fixtures import shared_file


def top_genres(relative: str, n: int = 3) -> list[str]:
    audio = decode_audio(shared_file(relative))
    result = classify(audio.samples, audio.sample_rate, bpm=120.0, beat_confidence=1.0)
    return [g["label"] for g in result.genre_scores[:n]]


def test_shipped_weights_load_completely() -> None:
    weights = musicnn.load_weights()
    assert len(weights) == 64
    assert weights["conv2d_5.kernel"].shape == (7, 561, 1, 64)
    assert all(np.isfinite(w).all() for w in weights.values())


def test_gtzan_country_clip_is_country() -> None:
    assert "country" in top_genres("beats/gtzan_country_00000.wav")


def test_sargon_is_metal_or_rock() -> None:
    assert {"metal", "rock"} & set(top_genres("sections/sargon_mindless_cut.mp3"))


def test_french_hip_hop_is_hip_hop() -> None:
    assert "hip-hop" in top_genres("lyrics/Confession_-_Quesabe.mp3")


def test_loud_metal_reads_as_more_energetic_and_tense_than_a_waltz() -> None:
    def vector(relative: str) -> dict[str, float]:
        audio = decode_audio(shared_file(relative))
        return classify(audio.samples, audio.sample_rate, bpm=120.0, beat_confidence=1.0).mood_vector

    metal, waltz = vector("sections/sargon_mindless_cut.mp3"), vector("beats/ballroom_waltz_Media-105901.wav")
    assert metal["energy"] > waltz["energy"]
    assert metal["tension"] > waltz["tension"]


def test_tagger_gives_probabilities_for_a_short_signal() -> None:
    tags = musicnn.tag_song(np.zeros(8000, np.float32), 16000)
    assert len(tags) == 50
    assert all(0.0 <= p <= 1.0 for p in tags.values())


@pytest.mark.parametrize("silent", [True, False])
def test_classify_without_music_never_fails(silent: bool) -> None:
    signal = np.zeros(22050 * 3, np.float32) if silent else \
        (0.2 * np.random.default_rng(3).standard_normal(22050 * 3)).astype(np.float32)
    result = classify(signal, 22050, bpm=120.0, beat_confidence=0.0)
    assert result.genre and result.mood_primary in result.mood_tags
