"""Correcting the beat grid, genre and mood through HTTP: re-snapped sections, re-planned clips, 409 once locked."""

import uuid

import pytest
from sqlmodel import Session

from tests.conftest import register
from tests.factories import analyzed_song, two_sections


@pytest.fixture
def song(client, auth, tmp_path):
    return analyzed_song(client, auth, tmp_path, seconds=20.0)


def put_grid(client, auth, song, body):
    return client.put(f"/api/songs/{song['id']}/analysis/grid", headers=auth, json=body)


def lock(song_id: str) -> None:
    from vibecraft.db import get_engine
    from vibecraft.models import Song

    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song_id))
        row.locked = True
        s.add(row)
        s.commit()


def test_half_time_answers_the_new_grid_and_keeps_the_detection(client, auth, song):
    before = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    res = put_grid(client, auth, song, {"tempo_factor": 0.5})
    assert res.status_code == 200, res.text
    grid = res.json()
    assert grid["bpm"] == pytest.approx(60.0, abs=0.5)
    assert len(grid["beat_times"]) == pytest.approx(len(before["beat_times"]) / 2, abs=1)
    assert grid["detected_grid"]["bpm"] == before["bpm"]
    after = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    assert after["beat_times"] == grid["beat_times"] and after["bpm"] == grid["bpm"]
    assert after["grid_correction"]["tempo_factor"] == 0.5
    assert after["detected_grid"]["beat_count"] == len(before["beat_times"])
    # Corrections apply to the detection, not on top of each other; {} restores it.
    assert put_grid(client, auth, song, {"tempo_factor": 0.5}).json()["beat_times"] == grid["beat_times"]
    restored = put_grid(client, auth, song, {}).json()
    assert restored["beat_times"] == before["beat_times"] and restored["downbeat_times"] == before["downbeat_times"]
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()["grid_correction"] is None


def test_bar_shift_moves_section_edges_onto_the_new_bars_and_replans_clips(client, auth, song):
    assert client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 201
    assert client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).status_code == 201
    edge_before = client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()[1]["start_time"]
    old_clip_ids = {c["id"] for c in client.get(f"/api/songs/{song['id']}/clips", headers=auth).json()}

    res = put_grid(client, auth, song, {"bar_shift": 1})
    assert res.status_code == 200, res.text
    grid = res.json()
    assert grid["sections_moved"] == 1 and grid["clips_replanned"] is True
    sections = client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()
    edge = sections[1]["start_time"]
    assert edge in grid["downbeat_times"] and edge != edge_before
    assert sections[0]["end_time"] == edge and sections[0]["prompt_note"] == "city lights"  # notes survive
    clips = client.get(f"/api/songs/{song['id']}/clips", headers=auth).json()
    assert clips and not ({c["id"] for c in clips} & old_clip_ids)
    assert any(abs(c["start_time"] - edge) < 1e-6 for c in clips)  # the plan follows the moved edge
    beats = set(grid["beat_times"]) | {0.0, song["duration_sec"]}
    assert all(c["start_time"] in beats for c in clips)


def test_tap_tempo_sets_the_tempo(client, auth, song):
    taps = [i * 0.5 for i in range(8)]  # 120 BPM: the detected tempo, so the detected beats stay
    grid = put_grid(client, auth, song, {"tap_times": taps}).json()
    assert grid["bpm"] == pytest.approx(120.0, abs=1)
    assert grid["correction"]["bpm"] == pytest.approx(120.0, abs=1)


@pytest.mark.parametrize("body, words", [
    ({"tempo_factor": 3}, "tempo factor"),
    ({"time_signature": 7}, "3/4"),
    ({"bpm": 500}, "between"),
    ({"tap_times": [0.0, 0.5]}, "at least"),
    ({"tap_times": [0, 0.5, 1.0, 1.5], "bpm": 90}, "not both"),
    ({"bar_shift": 9}, "bar_shift"),
    ({"tempo": "half"}, "tempo"),
])
def test_bad_corrections_get_a_clear_400_and_change_nothing(client, auth, song, body, words):
    before = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    res = put_grid(client, auth, song, body)
    assert res.status_code in (400, 422), res.text
    assert words in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()["beat_times"] == before["beat_times"]


def test_once_generation_has_started_the_grid_and_tags_are_fixed(client, auth, song):
    lock(song["id"])
    res = put_grid(client, auth, song, {"tempo_factor": 2})
    assert res.status_code == 409 and "Generation has started" in res.json()["detail"]
    res = client.put(f"/api/songs/{song['id']}/analysis/tags", headers=auth, json={"genre": "latin"})
    assert res.status_code == 409


def test_another_users_song_is_404(client, auth, song):
    other = register(client, "someone-else@example.com")
    assert put_grid(client, other, song, {"tempo_factor": 0.5}).status_code == 404
    assert client.put(f"/api/songs/{song['id']}/analysis/tags", headers=other, json={"genre": "latin"}).status_code == 404
    assert client.get(f"/api/songs/{song['id']}/analysis/tags", headers=other).status_code == 404


def test_an_unanalyzed_song_cannot_be_corrected(client, auth, tmp_path):
    from tests.factories import upload_song

    song = upload_song(client, auth, tmp_path)
    assert put_grid(client, auth, song, {"tempo_factor": 0.5}).status_code == 409


def test_genre_and_mood_corrections_feed_the_look_and_the_prompt(client, auth, tmp_path):
    song = analyzed_song(client, auth, tmp_path, seconds=20.0, genre="folk", mood_primary="calm", mood_tags=["calm"],
                         suggested_video_type="mood_environment",
                         mood_vector={"energy": 0.5, "valence": 0.6, "danceability": 0.3, "tension": 0.3})
    # The song follows the suggestion only while nobody picked a type, so clear the pick the factory made.
    from vibecraft.db import get_engine
    from vibecraft.models import Song

    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song["id"]))
        row.video_type = None
        s.add(row)
        s.commit()
    options = client.get(f"/api/songs/{song['id']}/analysis/tags", headers=auth).json()
    assert {"latin", "reggaeton", "k-pop", "afrobeats", "rock", "pop", "hip-hop"} <= set(options["genre_options"])
    prompt_before = client.get(f"/api/songs/{song['id']}/prompt", headers=auth).json()
    res = client.put(f"/api/songs/{song['id']}/analysis/tags", headers=auth, json={"genre": "Reggaeton", "mood": "party"})
    assert res.status_code == 200, res.text
    tags = res.json()
    assert tags["genre"] == "reggaeton" and tags["mood_primary"] == "party"
    assert tags["detected_tags"] == {"genre": "folk", "mood_primary": "calm"}
    assert tags["suggested_video_type"] == "abstract_visualizer"
    prompt = client.get(f"/api/songs/{song['id']}/prompt", headers=auth).json()
    assert prompt["suggested_video_type"] == "abstract_visualizer" and prompt["video_type"] == "abstract_visualizer"
    assert "reggaeton" in prompt["prompt"].lower() and prompt["prompt"] != prompt_before["prompt"]
    analysis = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    assert analysis["genre"] == "reggaeton" and analysis["detected_tags"]["genre"] == "folk"


@pytest.mark.parametrize("body, words", [({"genre": "polka-step"}, "Unknown genre"), ({"mood": "hungry"}, "Unknown mood"),
                                         ({}, "Give a genre")])
def test_unknown_genre_or_mood_is_refused(client, auth, song, body, words):
    res = client.put(f"/api/songs/{song['id']}/analysis/tags", headers=auth, json=body)
    assert res.status_code == 400 and words in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()["genre"] == "electronic"


def test_a_genre_correction_replans_the_clip_prompts(client, auth, song):
    assert client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 201
    assert client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).status_code == 201
    # The factory's song follows its suggested type, and nobody wrote a prompt: the default prompt names the genre.
    res = client.put(f"/api/songs/{song['id']}/analysis/tags", headers=auth, json={"genre": "afrobeats"})
    assert res.status_code == 200 and res.json()["clips_replanned"] is True
    clips = client.get(f"/api/songs/{song['id']}/clips", headers=auth).json()
    assert clips and all("afrobeats" in c["prompt"].lower() for c in clips)
