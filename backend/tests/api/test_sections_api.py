"""Sections through HTTP: snapping, tiling, lyrics per section, and every bad input."""

import uuid

import pytest

from tests.conftest import register
from tests.factories import analyzed_song, sample_lyrics, two_sections, upload_song


@pytest.fixture
def song(client, auth, tmp_path):
    return analyzed_song(client, auth, tmp_path, seconds=20.0, lyrics=sample_lyrics())


def post_sections(client, auth, song, sections):
    return client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": sections})


def test_sections_are_snapped_and_tile_the_song(client, auth, song):
    from tests.factories import beat_grid

    res = post_sections(client, auth, song, [
        {"label": "Verse", "start_time": 0.0, "end_time": 7.93},
        {"label": "Chorus", "start_time": 7.93, "end_time": song["duration_sec"]},
    ])
    assert res.status_code == 201, res.text
    sections = res.json()
    beats, downbeats = beat_grid(song["duration_sec"])
    assert sections[0]["start_time"] == 0.0 and sections[-1]["end_time"] == song["duration_sec"]
    assert sections[0]["end_time"] == sections[1]["start_time"]
    assert sections[0]["end_time"] == 8.1  # nearest downbeat (within half a beat of 7.93)
    assert sections[0]["end_time"] in beats


def test_each_section_carries_its_lyrics_and_a_spanning_line_belongs_to_both(client, auth, song):
    post_sections(client, auth, song, [
        {"label": "A", "start_time": 0.0, "end_time": 10.1},
        {"label": "B", "start_time": 10.1, "end_time": song["duration_sec"]},
    ])
    sections = client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()
    assert [line["text"] for line in sections[0]["lyrics"]] == ["hello neon night", "we ride the light"]
    assert [line["text"] for line in sections[1]["lyrics"]] == ["we ride the light"]


def test_post_replaces_the_set(client, auth, song):
    post_sections(client, auth, song, two_sections(song))
    res = post_sections(client, auth, song, [{"label": "Whole", "start_time": 0, "end_time": song["duration_sec"]}])
    assert res.status_code == 201
    assert [s["label"] for s in client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()] == ["Whole"]


@pytest.mark.parametrize(
    "make_sections, words",
    [
        (lambda d: [{"label": "A", "start_time": 0, "end_time": 12}, {"label": "B", "start_time": 10, "end_time": d}], "overlap"),
        (lambda d: [{"label": "A", "start_time": 0, "end_time": 8}, {"label": "B", "start_time": 10, "end_time": d}], "gap"),
        (lambda d: [{"label": "A", "start_time": 0, "end_time": d + 5}], "end"),
        (lambda d: [{"label": f"S{i}", "start_time": i * d / 13, "end_time": (i + 1) * d / 13} for i in range(13)], "12"),
        (lambda d: [{"label": "x" * 41, "start_time": 0, "end_time": d}], "40"),
        (lambda d: [{"label": "A", "start_time": 0, "end_time": d, "prompt_note": "n" * 101}], "100"),
        (lambda d: [], "1"),
        (lambda d: [{"label": "A", "start_time": 0, "end_time": 0.2}, {"label": "B", "start_time": 0.2, "end_time": d}], "beat"),
    ],
    ids=["overlap", "gap", "past-end", "13-sections", "41-char-label", "101-char-note", "none", "under-one-beat"],
)
def test_bad_sections_are_4xx_with_a_detail(client, auth, song, make_sections, words):
    res = post_sections(client, auth, song, make_sections(song["duration_sec"]))
    assert 400 <= res.status_code < 500, res.text
    assert words in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/sections", headers=auth).json() == []


def test_patch_changes_label_and_note_only(client, auth, song):
    sections = post_sections(client, auth, song, two_sections(song)).json()
    url = f"/api/songs/{song['id']}/sections/{sections[0]['id']}"
    res = client.patch(url, headers=auth, json={"label": "Hook", "prompt_note": "rain on glass"})
    assert res.status_code == 200 and res.json()["label"] == "Hook" and res.json()["prompt_note"] == "rain on glass"
    assert client.patch(url, headers=auth, json={"start_time": 1.0}).status_code == 422
    assert client.patch(url, headers=auth, json={"end_time": 1.0}).status_code == 422
    assert client.patch(url, headers=auth, json={"label": "x" * 41}).status_code == 422
    assert client.patch(url, headers=auth, json={"label": "  "}).status_code == 422
    assert client.patch(url, headers=auth, json={"prompt_note": "n" * 101}).status_code == 422
    assert client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()[0]["start_time"] == 0.0


def test_sections_need_an_analysis(client, auth, tmp_path):
    song = upload_song(client, auth, tmp_path, 5.0)
    res = post_sections(client, auth, song, [{"label": "A", "start_time": 0, "end_time": song["duration_sec"]}])
    assert res.status_code == 409 and "analyz" in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).status_code == 409


def test_planning_before_analysis_or_sections_is_409(client, auth, tmp_path, song):
    fresh = upload_song(client, auth, tmp_path, 5.0)
    assert client.post(f"/api/songs/{fresh['id']}/clips/plan", headers=auth).status_code == 409
    res = client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth)
    assert res.status_code == 409 and "sections" in res.json()["detail"]


def test_another_users_song_sections_are_404(client, auth, song):
    other = register(client)
    assert client.get(f"/api/songs/{song['id']}/sections", headers=other).status_code == 404
    assert post_sections(client, other, song, two_sections(song)).status_code == 404
    assert client.patch(f"/api/songs/{song['id']}/sections/{uuid.uuid4()}", headers=auth, json={"label": "x"}).status_code == 404


def test_prompt_is_built_then_editable(client, auth, song):
    info = client.get(f"/api/songs/{song['id']}/prompt", headers=auth).json()
    assert info["suggested_video_type"] == "abstract_visualizer" and info["editable"]
    assert {t["id"] for t in info["video_types"]} >= {"abstract_visualizer", "mood_environment", "lyric_video", "custom"}
    assert "electronic" in info["prompt"].lower()
    res = client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"video_type": "lyric_video", "prompt": "Neon   rain over Tokyo", "shape": "9:16"})
    assert res.status_code == 200
    assert res.json()["prompt"] == "Neon rain over Tokyo" and res.json()["video_type"] == "lyric_video" and res.json()["shape"] == "9:16"
    assert client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"video_type": "nope"}).status_code == 400
    assert client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"shape": "4:3"}).status_code == 400
    assert client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"bogus": 1}).status_code == 422
