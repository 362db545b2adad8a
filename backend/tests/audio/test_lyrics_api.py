"""Lyrics through HTTP: captions for songs, videos and share links; the lyrics editor's read, line edits,
and the lyrics-only alignment job (on the real local model), with every bad input."""

from __future__ import annotations

import subprocess
import time
import uuid

import pytest
from sqlmodel import Session

from tests.audio.audio_fixtures import shared_file
from tests.conftest import register
from tests.factories import analysis_data, analyzed_song, mark_analyzed, sample_lyrics, upload_song
from tests.audio.test_lyrics_local import needs_local_model
from vibecraft.db import get_engine
from vibecraft.models import Song, Video

EXCERPT = ("Confession_-_Quesabe", 44.5, 30.0)  # a French verse: 6 lines sung from 0.6 s to 28.7 s
EXCERPT_TEXT = """gi he entre nous beaucoup trop d'questions entre nous beaucoup trop d'questions questions
he he j'te l'dirais jamais mais t'avais raison l'dirais jamais mais t'avais raison

non j'voulais pas te mentir mais j'ai dû choisir entre facilité et courage rage rage rage
à trop vouloir m'en sortir j'ai
seulement retardé la tempête avant l'orage rage rage rage
"""
EXCERPT_STARTS = [0.57, 7.02, 14.88, 22.26, 25.01]  # from the .words.csv, minus 44.5 s


@pytest.fixture
def song(client, auth, tmp_path):
    return analyzed_song(client, auth, tmp_path, seconds=20.0, lyrics=sample_lyrics())


def wait_job(client, auth, job_id: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}", headers=auth).json()
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.25)
    raise AssertionError(f"job did not finish: {job}")


@pytest.mark.parametrize("fmt, media_type, first", [
    ("srt", "application/x-subrip", "1"), ("vtt", "text/vtt", "WEBVTT"), ("lrc", "text/plain", "[ti:")])
def test_song_captions_in_each_format(client, auth, song, fmt, media_type, first):
    res = client.get(f"/api/songs/{song['id']}/captions.{fmt}", headers=auth)
    assert res.status_code == 200, res.text
    assert res.headers["content-type"].startswith(media_type)
    assert f".{fmt}\"" in res.headers["content-disposition"]
    assert res.text.startswith(first)
    assert "hello" in res.text and "light" in res.text


def test_captions_are_private_and_need_lyrics(client, auth, song, tmp_path):
    other = register(client)
    assert client.get(f"/api/songs/{song['id']}/captions.vtt", headers=other).status_code == 404
    assert client.get(f"/api/songs/{song['id']}/captions.vtt").status_code == 401
    res = client.get(f"/api/songs/{song['id']}/captions.docx", headers=auth)
    assert res.status_code == 422 and "srt" in res.json()["detail"]
    bare = analyzed_song(client, auth, tmp_path, seconds=10.0)
    res = client.get(f"/api/songs/{bare['id']}/captions.srt", headers=auth)
    assert res.status_code == 409 and "paste its lyrics" in res.json()["detail"]
    fresh = upload_song(client, auth, tmp_path, seconds=5.0)
    res = client.get(f"/api/songs/{fresh['id']}/captions.srt", headers=auth)
    assert res.status_code == 409 and "analy" in res.json()["detail"]


def test_video_and_share_captions(client, auth, song):
    with Session(get_engine()) as s:
        owner = s.get(Song, uuid.UUID(song["id"])).user_id
        video = Video(user_id=owner, song_id=uuid.UUID(song["id"]), title="Neon video", status="ready",
                      storage_key="videos/neon.mp4", share_token="tok-" + uuid.uuid4().hex)
        s.add(video)
        s.commit()
        video_id, token = str(video.id), video.share_token
    res = client.get(f"/api/videos/{video_id}/captions.vtt", headers=auth)
    assert res.status_code == 200 and res.text.startswith("WEBVTT") and "Neon video.vtt" in res.headers["content-disposition"]
    assert client.get(f"/api/videos/{video_id}/captions.vtt", headers=register(client)).status_code == 404
    shared = client.get(f"/api/share/{token}/captions.vtt")
    assert shared.status_code == 200 and "hello" in shared.text
    assert client.get("/api/share/not-a-token/captions.vtt").status_code == 404


def test_lyrics_read_shows_text_lines_and_singing_no_line_covers(client, auth, tmp_path):
    song = upload_song(client, auth, tmp_path, seconds=20.0)
    res = client.get(f"/api/songs/{song['id']}/lyrics", headers=auth)
    assert res.status_code == 200 and res.json()["analyzed"] is False and res.json()["lines"] == []
    assert client.put(f"/api/songs/{song['id']}/lyrics", headers=auth, json={"text": "hello neon night\n\nwe ride"}).status_code == 200
    mark_analyzed(song["id"], analysis_data(song["duration_sec"], lyrics=sample_lyrics(), lyrics_text="hello neon night",
                                            vocal_spans=[[0.5, 4.0], [9.0, 18.0]]))
    body = client.get(f"/api/songs/{song['id']}/lyrics", headers=auth).json()
    assert body["text"] == "hello neon night\n\nwe ride" and body["analyzed"] is True
    assert body["stale"] is True  # the pasted words changed since the lines were timed
    assert [line["text"] for line in body["lines"]] == ["hello neon night", "we ride the light"]
    assert body["unplaced_vocals"] == [[12.5, 18.0]]
    assert body["source"] == "aligned" and body["edited"] is False and body["job"] is None
    assert client.get(f"/api/songs/{song['id']}/lyrics", headers=register(client)).status_code == 404


def test_lines_moved_by_hand_are_saved_and_reach_the_captions(client, auth, song):
    lines = sample_lyrics()
    lines[1] = {**lines[1], "start": 8.5, "end": 12.0,
                "words": [{**w, "start": w["start"] - 0.5, "end": w["end"] - 0.5} for w in lines[1]["words"]]}
    res = client.put(f"/api/songs/{song['id']}/lyrics/lines", headers=auth, json={"lines": lines})
    assert res.status_code == 200, res.text
    assert res.json()["edited"] is True and res.json()["lines"][1]["start"] == 8.5
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()["lyrics"][1]["start"] == 8.5
    assert "00:00:08,500" in client.get(f"/api/songs/{song['id']}/captions.srt", headers=auth).text


@pytest.mark.parametrize("change, words", [
    (lambda ls: [{**ls[0], "start": 5.0, "end": 4.0}], "end after it starts"),
    (lambda ls: [{**ls[0], "text": "  "}], "no text"),
    (lambda ls: [ls[1], ls[0]], "in order"),
    (lambda ls: [{**ls[0], "start": 25.0, "end": 26.0}], "after the song"),
])
def test_bad_line_edits_are_refused_and_change_nothing(client, auth, song, change, words):
    res = client.put(f"/api/songs/{song['id']}/lyrics/lines", headers=auth, json={"lines": change(sample_lyrics())})
    assert res.status_code in (409, 422) and words in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/lyrics", headers=auth).json()["lines"][0]["start"] == 1.0
    other = client.put(f"/api/songs/{song['id']}/lyrics/lines", headers=register(client), json={"lines": sample_lyrics()})
    assert other.status_code == 404


def test_alignment_needs_an_analysis_and_says_why_it_fails_without_an_engine(client, auth, song, tmp_path):
    fresh = upload_song(client, auth, tmp_path, seconds=5.0)
    res = client.post(f"/api/songs/{fresh['id']}/lyrics/align", headers=auth)
    assert res.status_code == 409 and "analy" in res.json()["detail"]
    assert client.post(f"/api/songs/{song['id']}/lyrics/align", headers=register(client)).status_code == 404
    # The test server runs with LYRICS_BACKEND=none: the job fails with the reason, the analysis stays.
    client.put(f"/api/songs/{song['id']}/lyrics", headers=auth, json={"text": "hello neon night"})
    job = client.post(f"/api/songs/{song['id']}/lyrics/align", headers=auth)
    assert job.status_code == 202
    done = wait_job(client, auth, job.json()["id"])
    assert done["status"] == "failed" and "lyrics engine" in done["error_message"]
    body = client.get(f"/api/songs/{song['id']}/lyrics", headers=auth).json()
    assert "lyrics engine" in body["error"] and body["job"]["status"] == "failed"
    analysis = client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()
    assert analysis["bpm"] == 120.0 and analysis["suggested_sections"] and analysis["lyrics_error"] == body["error"]


@needs_local_model
def test_pasted_lyrics_are_aligned_by_their_own_job_with_progress(client, auth, tmp_path, monkeypatch):
    from vibecraft.config import get_settings
    from vibecraft.jobs import models_cache

    monkeypatch.setenv("LYRICS_BACKEND", "local")
    get_settings.cache_clear()  # the settings are read once per process; the database engine stays
    models_cache.lyrics_engine.cache_clear()
    name, start, seconds = EXCERPT
    path = tmp_path / "verse.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", str(start), "-t", str(seconds), "-i",
                    str(shared_file(f"lyrics/{name}.mp3")), "-c:a", "libmp3lame", "-b:a", "128k", str(path)], check=True)
    with path.open("rb") as f:
        song = client.post("/api/songs", headers=auth, files={"file": ("verse.mp3", f)}).json()
    mark_analyzed(song["id"], analysis_data(song["duration_sec"], bpm=97.0))
    assert client.put(f"/api/songs/{song['id']}/lyrics", headers=auth, json={"text": EXCERPT_TEXT}).status_code == 200
    job = client.post(f"/api/songs/{song['id']}/lyrics/align", headers=auth).json()
    again = client.post(f"/api/songs/{song['id']}/lyrics/align", headers=auth).json()
    assert again["id"] == job["id"]  # one alignment at a time
    progress = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = client.get(f"/api/jobs/{job['id']}", headers=auth).json()
        progress.append(state["progress"])
        if state["status"] in ("completed", "failed"):
            break
        time.sleep(0.2)
    assert state["status"] == "completed", state
    assert progress == sorted(progress) and len(set(progress)) >= 3  # it moves while the model works
    body = client.get(f"/api/songs/{song['id']}/lyrics", headers=auth).json()
    assert body["source"] == "aligned" and body["error"] is None and body["stale"] is False
    assert [line["text"] for line in body["lines"]] == [" ".join(ln.split()) for ln in EXCERPT_TEXT.splitlines() if ln.split()]
    starts = [line["start"] for line in body["lines"]]
    assert all(abs(got - want) <= 1.5 for got, want in zip(starts, EXCERPT_STARTS)), starts
    assert client.get(f"/api/songs/{song['id']}/analysis", headers=auth).json()["bpm"] == 97.0
    monkeypatch.setenv("LYRICS_BACKEND", "none")
    get_settings.cache_clear()
    models_cache.lyrics_engine.cache_clear()
