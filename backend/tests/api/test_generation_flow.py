"""Plan → generate → compose → regenerate → finalize → share → delete, through HTTP on the local renderer.

Frames are small (VIDEO_MAX_HEIGHT) because exactness does not depend on size.
"""

import json
import subprocess
import time
import uuid

import pytest

from tests.conftest import register, reset_caches
from tests.factories import analyzed_song, db_count, two_sections

FPS = 24


@pytest.fixture
def gen_client(app_env, monkeypatch):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    monkeypatch.setenv("VIDEO_MAX_HEIGHT", "144")
    monkeypatch.setenv("GENERATION_CONCURRENCY", "2")
    monkeypatch.setenv("WORKER_THREADS", "2")
    reset_caches()
    from vibecraft import providers

    providers.get_provider.cache_clear()
    with TestClient(create_app(run_sweeps=False)) as c:
        yield c
    providers.get_provider.cache_clear()


def wait_status(client, auth, song_id, *, until=("completed", "failed"), timeout=300):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        status = client.get(f"/api/songs/{song_id}/generation/status", headers=auth).json()
        seen.append(status["progress"])
        if status["stage"] in until:
            return status, seen
        time.sleep(0.25)
    raise AssertionError(f"generation did not finish: {status}")


def planned_song(client, auth, tmp_path, seconds=14.0):
    song = analyzed_song(client, auth, tmp_path, seconds=seconds)
    assert client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 201
    res = client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth)
    assert res.status_code == 201, res.text
    return song, res.json()


def generated_video(client, auth, tmp_path, seconds=14.0):
    song, clips = planned_song(client, auth, tmp_path, seconds)
    res = client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth)
    assert res.status_code == 202, res.text
    status, seen = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    assert seen == sorted(seen), "progress went backwards"
    return song, clips, client.get(f"/api/videos/{status['video_id']}", headers=auth).json()


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", str(path)],
                         capture_output=True, check=True).stdout
    return json.loads(out)


def download(client, url, dst):
    res = client.get(url)
    assert res.status_code == 200, res.text
    dst.write_bytes(res.content)
    return dst


def test_plan_fills_sections_exactly_on_beats_and_is_deterministic(gen_client, auth, tmp_path):
    from tests.factories import beat_grid

    song, clips = planned_song(gen_client, auth, tmp_path, seconds=30.0)
    sections = gen_client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()
    beats, _ = beat_grid(song["duration_sec"])
    for section in sections:
        mine = [c for c in clips if c["section_id"] == section["id"]]
        assert mine[0]["start_time"] == section["start_time"] and mine[-1]["end_time"] == section["end_time"]
        for a, b in zip(mine, mine[1:]):
            assert a["end_time"] == b["start_time"] and a["end_time"] in beats
        for c in mine:
            length = c["end_time"] - c["start_time"]
            assert 3.0 - 1e-6 <= length <= 10.0 + 1e-6 or len(mine) == 1
            assert section["label"] in c["prompt"]
            assert c["frame_count"] == round(c["end_time"] * FPS) - round(c["start_time"] * FPS)
    again = gen_client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
    assert [(c["start_time"], c["end_time"]) for c in again] == [(c["start_time"], c["end_time"]) for c in clips]
    estimate = gen_client.get(f"/api/songs/{song['id']}/clips/estimate", headers=auth).json()
    assert estimate["clip_count"] == len(clips) and estimate["provider"] == "local" and estimate["estimated_cost_usd"] == 0


def test_whole_flow_video_is_exact(gen_client, auth, tmp_path, app_env):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    stored = [p.name for p in (app_env / "files").rglob("*.mp4")]
    assert not [n for n in stored if n.endswith("raw.mp4")], "the local renderer's clips are stored once, already normalized"
    assert video["status"] == "ready" and not video["is_finalized"]
    assert len(video["clips"]) == len(clips) and all(c["status"] == "completed" for c in video["clips"])
    path = download(gen_client, video["video_url"], tmp_path / "video.mp4")
    info = probe(path)
    streams = {s["codec_type"]: s for s in info["streams"]}
    assert streams["video"]["codec_name"] == "h264" and streams["video"]["pix_fmt"] == "yuv420p"
    assert streams["audio"]["codec_name"] == "aac"
    frames = int(streams["video"]["nb_read_frames"])
    assert frames == round(song["duration_sec"] * FPS)
    assert abs(float(info["format"]["duration"]) - song["duration_sec"]) <= 1 / FPS + 0.03
    for clip in video["clips"]:
        clip_file = download(gen_client, clip["video_url"], tmp_path / f"{clip['id']}.mp4")
        assert int(probe(clip_file)["streams"][0]["nb_read_frames"]) == clip["frame_count"]
    assert video["poster_url"] and gen_client.get(video["poster_url"]).status_code == 200
    listed = gen_client.get("/api/videos", headers=auth).json()
    assert [v["id"] for v in listed] == [video["id"]] and listed[0]["shareable_url"].endswith(video["shareable_url"].split("/")[-1])
    me = gen_client.get("/api/users/me", headers=auth).json()["usage"]
    assert me["videos"] == 1 and me["storage_bytes"] > video["file_size_bytes"]


def test_generating_twice_at_once_is_409(gen_client, auth, tmp_path):
    song, _ = planned_song(gen_client, auth, tmp_path)
    assert gen_client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    second = gen_client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth)
    assert second.status_code == 409 and second.json()["detail"]
    # and while it runs the plan and sections are fixed
    assert gen_client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).status_code == 409
    assert gen_client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 409
    wait_status(gen_client, auth, song["id"])


def test_regeneration_rules(gen_client, auth, tmp_path):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    vid, share = video["id"], video["shareable_url"]
    cuts = [(c["start_time"], c["end_time"], c["frame_count"]) for c in video["clips"]]
    first = video["clips"][0]
    old_url = video["video_url"]
    res = gen_client.post(f"/api/videos/{vid}/regenerate/clip/{first['id']}", headers=auth)
    assert res.status_code == 202
    wait_status(gen_client, auth, song["id"])
    after = gen_client.get(f"/api/videos/{vid}", headers=auth).json()
    assert after["id"] == vid and after["shareable_url"] == share and after["video_url"] != old_url
    assert [(c["start_time"], c["end_time"], c["frame_count"]) for c in after["clips"]] == cuts
    assert after["regenerations_left"]["clips"][first["id"]] == 0
    again = gen_client.post(f"/api/videos/{vid}/regenerate/clip/{first['id']}", headers=auth)
    assert again.status_code == 409 and "once" in again.json()["detail"]
    section_id = first["section_id"]
    assert gen_client.post(f"/api/videos/{vid}/regenerate/section/{section_id}", headers=auth).status_code == 202
    busy = gen_client.post(f"/api/videos/{vid}/regenerate/clip/{video['clips'][-1]['id']}", headers=auth)
    assert busy.status_code == 409 and "running" in busy.json()["detail"]
    wait_status(gen_client, auth, song["id"])
    final = gen_client.get(f"/api/videos/{vid}", headers=auth).json()
    assert final["regenerations_left"]["sections"][section_id] == 0
    other_clips = [c for c in final["clips"] if c["section_id"] == section_id and c["id"] != first["id"]]
    assert all(final["regenerations_left"]["clips"][c["id"]] == 1 for c in other_clips)
    assert [(c["start_time"], c["end_time"], c["frame_count"]) for c in final["clips"]] == cuts
    assert gen_client.post(f"/api/videos/{vid}/regenerate/section/{section_id}", headers=auth).status_code == 409


def test_finalize_keeps_only_video_and_poster(gen_client, auth, tmp_path, app_env):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    before = gen_client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    res = gen_client.post(f"/api/videos/{video['id']}/finalize", headers=auth)
    assert res.status_code == 200 and res.json()["is_finalized"] is True
    files = sorted(p.relative_to(app_env / "files").as_posix() for p in (app_env / "files").rglob("*") if p.is_file())
    assert [f for f in files if "/videos/" in f and (f.endswith(".mp4") or f.endswith(".jpg"))] == [f for f in files if "/videos/" in f]
    assert not [f for f in files if "/clips/" in f]
    assert len([f for f in files if "/videos/" in f]) == 2
    after = gen_client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    assert after < before
    vid = video["id"]
    for path in (f"/api/videos/{vid}/regenerate/clip/{clips[0]['id']}", f"/api/videos/{vid}/regenerate/section/{clips[0]['section_id']}",
                 f"/api/videos/{vid}/finalize", f"/api/songs/{song['id']}/compose"):
        r = gen_client.post(path, headers=auth)
        assert r.status_code == 409 and "finalized" in r.json()["detail"], path
    assert gen_client.patch(f"/api/songs/{song['id']}/sections/{clips[0]['section_id']}", headers=auth, json={"label": "x"}).status_code == 409
    assert gen_client.get(video["video_url"]).status_code == 200


def test_share_link_is_public_and_dies_with_delete(gen_client, auth, tmp_path, app_env):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    token = video["shareable_url"].rsplit("/", 1)[-1]
    public = gen_client.get(f"/api/share/{token}")
    assert public.status_code == 200 and public.json()["title"] == song["title"]
    assert gen_client.get(public.json()["video_url"]).status_code == 200
    page = gen_client.get(f"/share/{token}")
    assert page.status_code == 200 or "not built" in page.json()["detail"]  # 200 once the web app is built
    assert gen_client.delete(f"/api/videos/{video['id']}", headers=auth).status_code == 204
    assert gen_client.get(f"/api/share/{token}").status_code == 404
    assert gen_client.get(f"/share/{token}").status_code == 404
    assert gen_client.get(f"/api/videos/{video['id']}", headers=auth).status_code == 404
    usage = gen_client.get("/api/users/me", headers=auth).json()["usage"]
    assert usage["videos"] == 0 and usage["storage_bytes"] == song["file_size_bytes"]
    assert not [p for p in (app_env / "files").rglob("*") if p.is_file() and "/songs/" not in p.as_posix()]


def test_another_users_video_is_404_on_every_route(gen_client, auth, tmp_path):
    song, clips, video = generated_video(gen_client, auth, tmp_path)
    other = register(gen_client)
    vid, clip, section = video["id"], clips[0]["id"], clips[0]["section_id"]
    assert gen_client.get(f"/api/videos/{vid}", headers=other).status_code == 404
    assert gen_client.delete(f"/api/videos/{vid}", headers=other).status_code == 404
    assert gen_client.post(f"/api/videos/{vid}/finalize", headers=other).status_code == 404
    assert gen_client.post(f"/api/videos/{vid}/regenerate/clip/{clip}", headers=other).status_code == 404
    assert gen_client.post(f"/api/videos/{vid}/regenerate/section/{section}", headers=other).status_code == 404
    for path in ("clips", "clips/estimate", "generation/status", "sections"):
        assert gen_client.get(f"/api/songs/{song['id']}/{path}", headers=other).status_code == 404, path
    for path in ("clips/plan", "clips/generate", "compose", f"clips/{clip}/retry"):
        assert gen_client.post(f"/api/songs/{song['id']}/{path}", headers=other).status_code == 404, path
    assert gen_client.get("/api/videos", headers=other).json() == []
    assert gen_client.get(f"/api/videos/{uuid.uuid4()}", headers=auth).status_code == 404


def test_video_quota_fifteenth_ok_sixteenth_429(gen_client, auth, tmp_path):
    from sqlmodel import Session

    from vibecraft.db import get_engine
    from vibecraft.models import Song, User, Video

    me = gen_client.get("/api/users/me", headers=auth).json()
    song, _ = planned_song(gen_client, auth, tmp_path)
    with Session(get_engine()) as s:
        user = s.get(User, uuid.UUID(me["id"]))
        for i in range(14):
            filler = Song(user_id=user.id, title=f"old {i}", original_filename="x.mp3", format="mp3", duration_sec=10,
                          file_size_bytes=0, storage_key=f"users/{user.id}/songs/x{i}/original.mp3")
            s.add(filler)
            s.flush()
            s.add(Video(user_id=user.id, song_id=filler.id, title=f"old {i}", share_token=uuid.uuid4().hex, status="ready", stage="ready"))
        s.commit()
    assert gen_client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202  # the 15th
    wait_status(gen_client, auth, song["id"])
    song16, _ = planned_song(gen_client, auth, tmp_path)
    res = gen_client.post(f"/api/songs/{song16['id']}/clips/generate", headers=auth)
    assert res.status_code == 429 and "Delete a video" in res.json()["detail"]
    assert db_count(Video) == 15
