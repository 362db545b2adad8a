"""Hostile uploads, made by the tests: each gets a 4xx with a detail within seconds, and leaves nothing behind."""

from __future__ import annotations

import struct
import subprocess
import time
import uuid

import pytest

from tests.conftest import make_audio

SECONDS_ALLOWED = 10.0


def stored_files(data_dir):
    return [p for p in (data_dir / "files").rglob("*") if p.is_file()] if (data_dir / "files").exists() else []


def song_rows() -> int:
    from tests.factories import db_count
    from vibecraft.models import Song

    return db_count(Song)


def wav_header(*, sample_rate: int, data_bytes: int, channels: int = 1, bits: int = 16) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 1, channels, sample_rate, sample_rate * block, block, bits)
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", data_bytes))


def huge_declared_duration(tmp_path):
    """A WAV header promising ~12 hours at 8 kHz, followed by one second of samples."""
    return wav_header(sample_rate=8000, data_bytes=0xFFFFFF00) + b"\x01\x00" * 8000


def enormous_sample_rate(tmp_path):
    return wav_header(sample_rate=0x7FFFFFFF, data_bytes=4000) + b"\x00" * 4000


def zero_samples(tmp_path):
    return wav_header(sample_rate=44100, data_bytes=0)


def wrong_magic(tmp_path):
    """A real MP3 whose first bytes are replaced by a PNG signature."""
    data = make_audio(tmp_path / "real.mp3", 3.0).read_bytes()
    return b"\x89PNG\r\n\x1a\n" + data[8:]


def truncated_wav(tmp_path):
    """Half of a 6-second WAV: what is left decodes, but the header still promises six seconds."""
    data = make_audio(tmp_path / "real.wav", 6.0).read_bytes()
    return data[: len(data) // 2]


def truncated_m4a(tmp_path):
    data = make_audio(tmp_path / "real.m4a", 6.0).read_bytes()
    return data[: len(data) // 2]


def video_with_audio(tmp_path):
    path = tmp_path / "v.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:d=3",
                    "-f", "lavfi", "-i", "sine=d=3", "-shortest", "-pix_fmt", "yuv420p", str(path)], check=True)
    return path.read_bytes()


def decompression_heavy(tmp_path):
    """Eight hours of silence in FLAC: a few hundred kilobytes that would decode to gigabytes."""
    path = tmp_path / "silence.flac"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono",
                    "-t", str(8 * 3600), "-c:a", "flac", str(path)], check=True)
    return path.read_bytes()


def text_file(tmp_path):
    return b"ID3 this is only text pretending to be a tag\n" * 200


CORPUS = [huge_declared_duration, enormous_sample_rate, zero_samples, wrong_magic, truncated_wav, truncated_m4a,
          video_with_audio, decompression_heavy, text_file]


@pytest.mark.parametrize("maker", CORPUS, ids=[m.__name__ for m in CORPUS])
def test_hostile_file_is_a_quick_4xx_that_leaves_nothing(client, auth, tmp_path, app_env, maker):
    content = maker(tmp_path)
    started = time.monotonic()
    res = client.post("/api/songs", headers=auth, files={"file": ("song.mp3", content, "audio/mpeg")})
    elapsed = time.monotonic() - started
    assert 400 <= res.status_code < 500, res.text
    assert res.json()["detail"] and "/" not in res.json()["detail"].replace("MP3/", ""), "no paths in the detail"
    assert elapsed < SECONDS_ALLOWED, f"took {elapsed:.1f} s"
    assert stored_files(app_env) == [] and song_rows() == 0
    assert list((app_env / "tmp").glob("upload-*")) == []


HOSTILE_NAMES = ["../../../../etc/passwd.mp3", "a\x00b.mp3", "x" * 300 + ".mp3", "🎵🔥 song – ünïcode.mp3",
                 "..\\..\\windows\\win.ini.mp3", "<script>alert(1)</script>.mp3"]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["dotdot", "nul", "300-chars", "emoji", "backslashes", "html"])
def test_hostile_name_on_garbage_is_refused_and_leaves_nothing(client, auth, app_env, name):
    res = client.post("/api/songs", headers=auth, files={"file": (name, uuid.uuid4().bytes * 500, "audio/mpeg")})
    assert 400 <= res.status_code < 500 and res.json()["detail"]
    assert stored_files(app_env) == [] and song_rows() == 0


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["dotdot", "nul", "300-chars", "emoji", "backslashes", "html"])
def test_hostile_name_on_a_real_song_never_reaches_a_path(client, auth, tmp_path, app_env, name):
    audio = make_audio(tmp_path / "ok.wav", 2.0).read_bytes()
    res = client.post("/api/songs", headers=auth, files={"file": (name, audio, "audio/wav")})
    assert res.status_code == 201, res.text
    song = res.json()
    files = stored_files(app_env)
    assert len(files) == 1
    relative = files[0].relative_to(app_env / "files").as_posix()
    assert relative == f"users/{song['user_id'] if 'user_id' in song else relative.split('/')[1]}/songs/{song['id']}/original.wav"
    assert "\x00" not in song["title"] and len(song["title"]) <= 200
    assert len(song["original_filename"]) <= 255
