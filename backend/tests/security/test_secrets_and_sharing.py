"""Finding 1 (account takeover from one share link) and its parts: a per-install secret, loopback by default,
share answers without ids or storage keys, and share links the owner can turn off and renew."""

from __future__ import annotations

import re
import stat
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from sqlmodel import Session

from tests.conftest import register, reset_caches
from tests.factories import upload_song

PUBLISHED_PLACEHOLDER = "development-only-secret-change-me"
UUID_RE = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)


def fresh_client(monkeypatch, **env):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    reset_caches()
    return TestClient(create_app(run_sweeps=False))


def test_first_start_makes_a_private_random_secret_per_install(app_env, monkeypatch, tmp_path):
    from vibecraft.config import Settings

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = Settings(data_dir=tmp_path / "one")
    again = Settings(data_dir=tmp_path / "one")
    other = Settings(data_dir=tmp_path / "two")
    assert len(first.secret_key) >= 32 and first.secret_key != PUBLISHED_PLACEHOLDER
    assert again.secret_key == first.secret_key  # kept: tokens survive a restart
    assert other.secret_key != first.secret_key  # every install differs
    mode = stat.S_IMODE((tmp_path / "one" / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_production_still_refuses_to_start_without_a_real_secret(monkeypatch, tmp_path):
    from pydantic import ValidationError

    from vibecraft.config import Settings

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(env="production", data_dir=tmp_path)
    assert not (tmp_path / "secret_key").exists()
    with pytest.raises(ValidationError, match="placeholder"):
        Settings(secret_key=PUBLISHED_PLACEHOLDER, data_dir=tmp_path)


def test_serve_listens_on_loopback_unless_host_says_otherwise(app_env, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from vibecraft.cli import app

    seen = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.append(kw["host"]))
    monkeypatch.delenv("HOST", raising=False)
    reset_caches()
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    monkeypatch.setenv("HOST", "0.0.0.0")
    reset_caches()
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert seen == ["127.0.0.1", "0.0.0.0"]


def test_a_token_signed_with_the_published_placeholder_is_refused(app_env, monkeypatch):
    """The attack: with the placeholder key and an owner id, a re-signed JWT read the owner's account."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    client = fresh_client(monkeypatch)
    headers = register(client)
    owner_id = client.get("/api/users/me", headers=headers).json()["id"]
    now = datetime.now(timezone.utc)
    forged = jwt.encode({"sub": owner_id, "jti": uuid.uuid4().hex, "iat": now, "exp": now + timedelta(days=1),
                         "typ": "access"}, PUBLISHED_PLACEHOLDER, algorithm="HS256")
    assert client.get("/api/users/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_a_media_url_signed_with_the_published_placeholder_is_refused(app_env, monkeypatch, tmp_path):
    """The attack: a forged signed file URL (three years' expiry) downloaded the owner's original song."""
    import hashlib
    import hmac

    monkeypatch.delenv("SECRET_KEY", raising=False)
    client = fresh_client(monkeypatch)
    headers = register(client)
    song = upload_song(client, headers, tmp_path, seconds=3.0)
    key = song["audio_url"].split("/api/files/", 1)[1].split("?")[0]
    expires = int(datetime.now(timezone.utc).timestamp()) + 3 * 365 * 86400
    for msg in (f"{key}\n{expires}", f"{key}\n{expires}\n"):
        sig = hmac.new(PUBLISHED_PLACEHOLDER.encode(), msg.encode(), hashlib.sha256).hexdigest()
        assert client.get(f"/api/files/{key}?expires={expires}&sig={sig}").status_code == 404


@pytest.fixture
def shared_video(client, tmp_path):
    """An owner with a composed-looking video (real files in storage) and its share token."""
    from vibecraft.db import get_engine
    from vibecraft.models import Song, Video
    from vibecraft.services.sharing import new_share_token
    from vibecraft.storage import get_storage

    headers = register(client)
    song = upload_song(client, headers, tmp_path, seconds=3.0)
    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song["id"]))
        video = Video(user_id=row.user_id, song_id=row.id, title="Night drive", share_token=new_share_token(),
                      status="ready", stage="ready")
        video.storage_key = f"users/{row.user_id}/videos/{video.id}/video-v1.mp4"
        video.poster_key = f"users/{row.user_id}/videos/{video.id}/poster-v1.jpg"
        s.add(video)
        s.commit()
        ids = {"user": str(row.user_id), "song": str(row.id), "video": str(video.id)}
        keys = (video.storage_key, video.poster_key)
        token = video.share_token
    storage = get_storage()
    for key, content in zip(keys, (b"video-bytes" * 100, b"poster-bytes")):
        src = tmp_path / key.rsplit("/", 1)[1]
        src.write_bytes(content)
        storage.put_file(key, src)
    return headers, ids, keys, token


def test_the_public_share_answer_carries_no_ids_or_storage_keys(client, shared_video):
    _, ids, keys, token = shared_video
    res = client.get(f"/api/share/{token}")
    assert res.status_code == 200
    text = res.text
    for secret in (*ids.values(), *keys, "users/", "/api/files/"):
        assert secret not in text, secret
    assert not UUID_RE.search(text)
    body = res.json()
    assert body["title"] == "Night drive"
    assert body["video_url"].startswith(f"/api/share/{token}/")
    video, poster = client.get(body["video_url"]), client.get(body["poster_url"])
    assert video.status_code == 200 and video.content == b"video-bytes" * 100
    assert poster.status_code == 200 and poster.content == b"poster-bytes"
    assert client.get(body["video_url"], headers={"Range": "bytes=0-4"}).content == b"video"


def test_a_share_link_can_be_turned_off_and_on_again_with_a_new_token(client, shared_video):
    headers, ids, _, token = shared_video
    media = client.get(f"/api/share/{token}").json()["video_url"]
    off = client.delete(f"/api/videos/{ids['video']}/share", headers=headers)
    assert off.status_code == 200 and off.json()["shareable_url"] is None
    for url in (f"/api/share/{token}", media, f"/share/{token}"):
        assert client.get(url).status_code == 404, url
    on = client.post(f"/api/videos/{ids['video']}/share", headers=headers)
    assert on.status_code == 200
    link = on.json()["shareable_url"]
    new_token = link.rsplit("/", 1)[1]
    assert new_token != token and link == f"http://testserver/share/{new_token}"  # absolute, from the request
    assert client.get(f"/api/share/{new_token}").status_code == 200
    assert client.get(f"/api/share/{token}").status_code == 404  # the old link stays dead
    renewed = client.post(f"/api/videos/{ids['video']}/share", headers=headers).json()["shareable_url"]
    assert renewed != link and client.get(f"/api/share/{new_token}").status_code == 404


def test_only_the_owner_can_switch_a_share_link(client, shared_video):
    _, ids, _, token = shared_video
    stranger = register(client)
    assert client.delete(f"/api/videos/{ids['video']}/share", headers=stranger).status_code == 404
    assert client.post(f"/api/videos/{ids['video']}/share", headers=stranger).status_code == 404
    assert client.get(f"/api/share/{token}").status_code == 200


def test_shareable_url_uses_public_base_url_when_set(app_env, monkeypatch, tmp_path):
    client = fresh_client(monkeypatch, PUBLIC_BASE_URL="https://vibes.example/")
    headers = register(client)
    from vibecraft.db import get_engine
    from vibecraft.models import Song, Video

    song = upload_song(client, headers, tmp_path, seconds=3.0)
    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song["id"]))
        video = Video(user_id=row.user_id, song_id=row.id, title="t", share_token="tok" * 8)
        s.add(video)
        s.commit()
        video_id = video.id
    assert client.get(f"/api/videos/{video_id}", headers=headers).json()["shareable_url"] == \
        "https://vibes.example/share/" + "tok" * 8
