"""Deleting a song takes its analysis, videos, clips and every file with it, and frees the quota."""

import uuid

from sqlmodel import Session, func, select

from tests.api.test_generation_flow import gen_client, generated_video, planned_song, wait_status  # noqa: F401
from tests.conftest import register


def rows(model, song_id):
    from vibecraft.db import get_engine

    with Session(get_engine()) as s:
        return s.exec(select(func.count()).select_from(model).where(model.song_id == uuid.UUID(song_id))).one()


def test_song_deletion_takes_its_videos_files_and_quota(gen_client, auth, tmp_path, app_env):
    from vibecraft.models import Analysis, Clip, Section, Video

    song, clips, video = generated_video(gen_client, auth, tmp_path)
    token = video["shareable_url"].rsplit("/", 1)[-1] if video["shareable_url"] else None
    assert gen_client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] > 0
    other = register(gen_client)
    assert gen_client.delete(f"/api/songs/{song['id']}", headers=other).status_code == 404
    assert gen_client.get(f"/api/videos/{video['id']}", headers=auth).status_code == 200

    assert gen_client.delete(f"/api/songs/{song['id']}", headers=auth).status_code == 204
    assert gen_client.get(f"/api/songs/{song['id']}", headers=auth).status_code == 404
    assert gen_client.get(f"/api/videos/{video['id']}", headers=auth).status_code == 404
    assert gen_client.get(video["video_url"]).status_code == 404
    if token:
        assert gen_client.get(f"/api/share/{token}").status_code == 404
    for model in (Analysis, Section, Clip, Video):
        assert rows(model, song["id"]) == 0, model.__name__
    assert [p for p in (app_env / "files").rglob("*") if p.is_file()] == []
    usage = gen_client.get("/api/users/me", headers=auth).json()["usage"]
    assert usage["storage_bytes"] == 0 and usage["videos"] == 0
    assert gen_client.delete(f"/api/songs/{song['id']}", headers=auth).status_code == 404


def test_song_with_a_generation_running_is_kept_with_a_clear_409(gen_client, auth, tmp_path):
    song, _ = planned_song(gen_client, auth, tmp_path)
    assert gen_client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    busy = gen_client.delete(f"/api/songs/{song['id']}", headers=auth)
    assert busy.status_code == 409 and "wait for it to finish" in busy.json()["detail"]
    wait_status(gen_client, auth, song["id"])
    assert gen_client.delete(f"/api/songs/{song['id']}", headers=auth).status_code == 204


def test_bad_song_ids_are_clear(client, auth):
    assert client.delete("/api/songs/not-a-uuid", headers=auth).status_code == 422
    assert client.delete(f"/api/songs/{uuid.uuid4()}", headers=auth).status_code == 404
    assert client.delete(f"/api/songs/{uuid.uuid4()}").status_code == 401
