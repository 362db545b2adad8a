"""Uploads: each accepted format, each rejection, and nothing left behind when refused."""

import subprocess
import time
import uuid

import pytest
from sqlmodel import Session, func, select

from tests.conftest import make_audio, register, shared_file


def stored_files(data_dir):
    root = data_dir / "files"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def song_rows():
    from vibecraft.db import get_engine
    from vibecraft.models import Song

    with Session(get_engine()) as s:
        return s.exec(select(func.count()).select_from(Song)).one()


@pytest.mark.parametrize("fmt", ["mp3", "wav", "m4a", "flac", "ogg"])
def test_each_accepted_format(client, auth, tmp_path, fmt, app_env):
    path = make_audio(tmp_path / f"song.{fmt}", 4.0)
    with path.open("rb") as f:
        res = client.post("/api/songs", headers=auth, files={"file": (f"My Song.{fmt}", f)}, data={"title": "My Song"})
    assert res.status_code == 201, res.text
    song = res.json()
    assert song["format"] == fmt and song["title"] == "My Song"
    assert abs(song["duration_sec"] - 4.0) < 0.15
    files = stored_files(app_env)
    assert len(files) == 1 and files[0].name == f"original.{fmt}"
    assert "My Song" not in str(files[0])  # keys never hold user-supplied names


def test_format_is_decided_by_content_not_name(client, auth, tmp_path):
    path = make_audio(tmp_path / "real.wav", 2.0)
    with path.open("rb") as f:
        res = client.post("/api/songs", headers=auth, files={"file": ("misnamed.mp3", f, "audio/mpeg")})
    assert res.status_code == 201 and res.json()["format"] == "wav"


def _video_file(tmp_path):
    path = tmp_path / "clip.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:d=2",
                    "-f", "lavfi", "-i", "sine=d=2", "-shortest", "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def _truncated_mp3(tmp_path):
    full = make_audio(tmp_path / "full.mp3", 20.0)
    data = full.read_bytes()
    cut = tmp_path / "truncated.mp3"
    cut.write_bytes(data[: len(data) // 3])
    return cut


def _garbage(tmp_path):
    path = tmp_path / "garbage.mp3"
    path.write_bytes(uuid.uuid4().bytes * 4000)
    return path


def _empty(tmp_path):
    path = tmp_path / "empty.mp3"
    path.write_bytes(b"")
    return path


def _six_minutes(tmp_path):
    return make_audio(tmp_path / "long.mp3", 360.0, rate=8000)


@pytest.mark.parametrize(
    "maker, status, words",
    [
        (_garbage, 415, "Upload MP3, WAV, M4A"),
        (_video_file, 415, "video file"),
        (_empty, 400, "empty"),
        (_six_minutes, 422, "limit is 5 minutes"),
        (_truncated_mp3, 422, "truncated"),
    ],
    ids=["garbage-named-mp3", "video", "zero-bytes", "six-minutes", "truncated-mp3"],
)
def test_rejected_uploads_leave_nothing(client, auth, tmp_path, app_env, maker, status, words):
    path = maker(tmp_path)
    with path.open("rb") as f:
        res = client.post("/api/songs", headers=auth, files={"file": (path.name, f)})
    assert res.status_code == status, res.text
    assert words in res.json()["detail"]
    assert stored_files(app_env) == [] and song_rows() == 0
    assert list((app_env / "tmp").glob("upload-*")) == []


def test_oversize_upload_is_refused_while_streaming(client, auth, app_env, monkeypatch):
    """51 MB sent without a Content-Length: the limit must cut in as bytes arrive."""
    sent = {"bytes": 0}

    def body():
        yield b"--XBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp3\"\r\n\r\n"
        chunk = b"\0" * (1024 * 1024)
        for _ in range(51):
            sent["bytes"] += len(chunk)
            yield chunk
        yield b"\r\n--XBOUNDARY--\r\n"

    res = client.post("/api/songs", headers={**auth, "content-type": "multipart/form-data; boundary=XBOUNDARY"}, content=body())
    assert res.status_code == 413 and "50 MB" in res.json()["detail"]
    assert stored_files(app_env) == [] and song_rows() == 0
    assert list((app_env / "tmp").glob("upload-*")) == []


def test_oversize_declared_length_is_refused_before_reading(client, auth):
    res = client.post(
        "/api/songs",
        headers={**auth, "content-type": "multipart/form-data; boundary=X", "content-length": str(51 * 1024 * 1024)},
        content=b"--X--",
    )
    assert res.status_code == 413


def test_no_file_field(client, auth):
    res = client.post("/api/songs", headers=auth, data={"title": "only a title"}, files={"other": ("x.txt", b"hi")})
    assert res.status_code == 400 and "'file'" in res.json()["detail"]


def test_not_multipart(client, auth):
    res = client.post("/api/songs", headers=auth, json={"file": "x"})
    assert res.status_code == 415


def test_upload_needs_sign_in(client, tmp_path, app_env):
    path = make_audio(tmp_path / "a.wav", 1.0)
    with path.open("rb") as f:
        res = client.post("/api/songs", files={"file": ("a.wav", f)})
    assert res.status_code == 401 and stored_files(app_env) == []


def test_real_song_roundtrip_and_signed_audio_url(client, auth):
    song_path = shared_file("lyrics", "Confession_-_Quesabe.mp3")
    with song_path.open("rb") as f:
        res = client.post("/api/songs", headers=auth, files={"file": (song_path.name, f)})
    assert res.status_code == 201
    song = res.json()
    assert abs(song["duration_sec"] - 147.8) < 1.0
    listed = client.get("/api/songs", headers=auth).json()
    assert [s["id"] for s in listed] == [song["id"]]
    audio = client.get(song["audio_url"], headers={"Range": "bytes=0-99"})
    assert audio.status_code == 206 and len(audio.content) == 100
    assert audio.content == song_path.read_bytes()[:100]
    tampered = song["audio_url"].replace("sig=", "sig=0")
    assert client.get(tampered).status_code == 404


def test_another_users_song_is_404_everywhere(client, auth, tmp_path):
    path = make_audio(tmp_path / "a.wav", 1.0)
    with path.open("rb") as f:
        song = client.post("/api/songs", headers=auth, files={"file": ("a.wav", f)}).json()
    other = register(client)
    assert client.get(f"/api/songs/{song['id']}", headers=other).status_code == 404
    assert client.delete(f"/api/songs/{song['id']}", headers=other).status_code == 404
    assert client.get(f"/api/songs/{uuid.uuid4()}", headers=auth).status_code == 404
    assert client.get(f"/api/songs/{song['id']}", headers=auth).status_code == 200


def test_delete_song_removes_files_and_frees_storage(client, auth, tmp_path, app_env):
    path = make_audio(tmp_path / "a.wav", 2.0)
    with path.open("rb") as f:
        song = client.post("/api/songs", headers=auth, files={"file": ("a.wav", f)}).json()
    assert client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] == song["file_size_bytes"]
    assert client.delete(f"/api/songs/{song['id']}", headers=auth).status_code == 204
    assert stored_files(app_env) == [] and song_rows() == 0
    assert client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] == 0
    assert client.get(f"/api/songs/{song['id']}", headers=auth).status_code == 404


def test_upload_over_storage_quota_is_429(client, auth, tmp_path, app_env, monkeypatch):
    from vibecraft.config import get_settings

    monkeypatch.setattr(get_settings(), "quota_max_storage_bytes", 1000)
    path = make_audio(tmp_path / "a.wav", 1.0)
    with path.open("rb") as f:
        res = client.post("/api/songs", headers=auth, files={"file": ("a.wav", f)})
    assert res.status_code == 429 and "Delete" in res.json()["detail"]
    assert stored_files(app_env) == []


def test_uploads_are_rate_limited_per_account(client, auth, tmp_path, app_env, monkeypatch):
    from tests.conftest import register, reset_caches

    monkeypatch.setenv("UPLOAD_MAX_PER_WINDOW", "2")
    reset_caches()
    path = make_audio(tmp_path / "a.wav", 1.0)
    for _ in range(2):
        assert client.post("/api/songs", headers=auth, files={"file": ("x.mp3", b"junk" * 100)}).status_code == 415
    res = client.post("/api/songs", headers=auth, files={"file": ("a.wav", path.read_bytes())})
    assert res.status_code == 429 and "Too many uploads" in res.json()["detail"]
    until_next_hour = 3600 - time.time() % 3600  # windows are fixed hours aligned to the epoch
    assert abs(int(res.headers["retry-after"]) - until_next_hour) <= 5
    other = register(client)
    assert client.post("/api/songs", headers=other, files={"file": ("a.wav", path.read_bytes())}).status_code == 201
