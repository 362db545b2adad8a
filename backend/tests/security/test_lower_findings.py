"""Finding 5, the lower ones: playlists in uploads, health details, credentials in access logs, the unsigned
download name, and common passwords."""

from __future__ import annotations

import logging
import subprocess

from tests.conftest import register


def hls_playlist(path, segment):
    path.write_text(f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\n{segment}\n#EXT-X-ENDLIST\n")
    return path


def test_an_uploaded_playlist_never_opens_a_local_file(client, auth, tmp_path, app_env):
    """The attack: an HLS playlist made ffprobe open a local file; two different refusals told whether it existed."""
    segment = tmp_path / "seg.ts"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=2", "-c:a", "aac",
                    "-f", "mpegts", str(segment)], check=True)
    answers = []
    for target in (segment, tmp_path / "missing.ts"):
        playlist = hls_playlist(tmp_path / "song.mp3", target)
        res = client.post("/api/songs", headers=auth, files={"file": ("song.mp3", playlist.read_bytes())})
        answers.append((res.status_code, res.json()["detail"]))
    assert answers[0] == answers[1] and answers[0][0] == 415
    assert client.get("/api/songs", headers=auth).json() == []


def test_every_read_of_an_upload_is_restricted_to_the_accepted_demuxers(tmp_path):
    from vibecraft.audio.decode import decode_args
    from vibecraft.audio_check import ACCEPTED_FORMATS, UPLOAD_INPUT_OPTIONS, decode_length_args, upload_probe_args

    song = tmp_path / "song.mp3"
    for args in (upload_probe_args(song), decode_length_args(song, 300.0), decode_args(song)):
        at = args.index("-format_whitelist")
        assert args[at:at + 4] == UPLOAD_INPUT_OPTIONS and args.index(str(song)) > at
    allowed = set(UPLOAD_INPUT_OPTIONS[1].split(","))
    assert all(set(name.split(",")) & allowed for name in ACCEPTED_FORMATS)
    assert not allowed & {"hls", "concat", "applehttp", "image2"}


def test_health_without_a_token_names_no_hosts_or_paths(client, monkeypatch, caplog):
    """The attack: unauthenticated /api/health showed raw errors with hosts, ports and paths."""
    class DeadQueue:
        def check(self):
            raise ConnectionError("Error 111 connecting to 10.20.30.40:6379. Connection refused.")

    monkeypatch.setattr("vibecraft.api.health.get_queue", lambda: DeadQueue())
    with caplog.at_level(logging.WARNING):
        res = client.get("/api/health")
    assert res.status_code == 503
    assert res.json() == {"status": "degraded", "database": "ok", "queue": "failing", "storage": "ok"}
    assert "10.20.30.40" not in res.text and "10.20.30.40:6379" in caplog.text


def test_access_logs_keep_no_share_token_or_url_signature(client, caplog):
    """The attack: share tokens and signed URLs appeared in the access log."""
    access = logging.getLogger("uvicorn.access")
    token, sig = "s3cr3tShareTokenValue0123456789abcdef", "9f" * 32
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/api/share/{token}/video?v=2", "1.1", 200)
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/share/{token}", "1.1", 200)
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET",
                    f"/api/files/users/u/song.mp3?expires=1&name=a.mp3&sig={sig}", "1.1", 200)
    assert token not in caplog.text and sig not in caplog.text
    assert "/api/share/[redacted]/video?v=2" in caplog.text and "sig=[redacted]" in caplog.text


def test_the_download_name_is_part_of_the_signature(client, tmp_path):
    """The attack: the `name=` of a signed file URL could be changed freely."""
    from vibecraft.storage import get_storage

    storage = get_storage()
    src = tmp_path / "v.mp4"
    src.write_bytes(b"\x00" * 64)
    storage.put_file("users/u/videos/v/video.mp4", src)
    url = storage.url("users/u/videos/v/video.mp4", ttl_sec=600, download_name="night-drive.mp4")
    ok = client.get(url)
    assert ok.status_code == 200 and "night-drive.mp4" in ok.headers["content-disposition"]
    assert client.get(url.replace("night-drive.mp4", "invoice.exe")).status_code == 404
    assert client.get(url.replace("&name=night-drive.mp4", "")).status_code == 404


def test_common_and_short_passwords_are_refused(client):
    """The attack: `12345678` and `password` were accepted as passwords."""
    for weak in ("12345678", "password", "password123", "qwertyuiop", "1234567890", "Password123"):
        res = client.post("/api/auth/register", json={"email": "weak@example.com", "password": weak})
        assert res.status_code == 400, weak
        assert "common" in res.json()["detail"] or "10–128" in res.json()["detail"]
    same = client.post("/api/auth/register", json={"email": "mirror@example.com", "password": "mirror@example.com"})
    assert same.status_code == 400
    assert register(client, "strong@example.com", "tangerine orbit lamp") is not None
