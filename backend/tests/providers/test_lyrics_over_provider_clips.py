"""Lyric videos on any provider: the timed words are drawn over a provider's clip in the pass that normalizes it
(one encode), with the local renderer's kinetic type."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from tests.api.test_generation_flow import wait_status
from tests.api.test_replicate_flow import replicate_client  # noqa: F401 (a fixture)
from tests.factories import analysis_data, mark_analyzed, two_sections, upload_song
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from vibecraft.ffmpeg import ffmpeg_binary, run
from vibecraft.providers.base import Word
from vibecraft.video.normalize import normalize_clip, video_info
from vibecraft.video.normalize_lyrics import normalize_with_lyrics
from vibecraft.video.shapes import Shape

SHAPE = Shape("16:9", 320, 180)


def grey_clip(path, seconds=3.0):
    run([ffmpeg_binary(), "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=0x303848:s=160x90:r=24:d={seconds}",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)])
    return path


def frame_at(path, index, shape=SHAPE):
    data = run([ffmpeg_binary(), "-v", "error", "-i", str(path), "-vf", f"select=eq(n\\,{index})", "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return np.frombuffer(data, np.uint8).reshape(shape.height, shape.width, 3).astype(np.int16)


def test_words_are_drawn_while_sung_and_the_clip_stays_exact(tmp_path):
    raw = grey_clip(tmp_path / "raw.mp4")
    words = (Word(0.5, 1.0, "HELLO"), Word(1.0, 1.6, "WORLD"))

    out = normalize_with_lyrics(raw, tmp_path / "lyrics.mp4", start=10.0, end=12.5, shape=SHAPE, fps=24, words=words,
                                beat_times=(0.5, 1.0))
    plain = normalize_clip(raw, tmp_path / "plain.mp4", start=10.0, end=12.5, shape=SHAPE, fps=24)

    info = video_info(out)
    assert (info.frames, info.width, info.height, info.codec, info.pix_fmt) == (60, 320, 180, "h264", "yuv420p")
    sung, silent = frame_at(out, 30), frame_at(out, 55)  # 1.25 s: both words shown; 2.3 s: the phrase is gone
    bright = lambda f: int((f.max(axis=2) > 200).sum())  # noqa: E731
    assert bright(sung) > 300, "the words are on the frame"
    assert bright(frame_at(plain, 30)) == 0 and bright(silent) == 0
    assert np.abs(silent - frame_at(plain, 55)).mean() < 3, "without words the frame is the plain normalization"


@pytest.mark.parametrize("db_backend", ["sqlite"])
def test_a_lyric_video_made_on_replicate_shows_its_words(replicate_client, auth, tmp_path, app_env):  # noqa: F811
    client, fake = replicate_client
    song = upload_song(client, auth, tmp_path, 12.0)
    lyrics = [{"start": 1.0, "end": 4.0, "text": "SING LOUD NOW",
               "words": [{"start": 1.0, "end": 1.8, "word": "SING"}, {"start": 1.8, "end": 2.6, "word": "LOUD"},
                         {"start": 2.6, "end": 4.0, "word": "NOW"}]}]
    mark_analyzed(song["id"], analysis_data(song["duration_sec"], lyrics=lyrics))
    assert client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"video_type": "lyric_video"}).status_code == 200
    song = client.get(f"/api/songs/{song['id']}", headers=auth).json()
    client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
    client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth)
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status

    from sqlmodel import Session, select

    from vibecraft.db import get_engine
    from vibecraft.models import Clip

    with Session(get_engine()) as session:
        first = session.exec(select(Clip).where(Clip.song_id == uuid.UUID(song["id"])).order_by(Clip.start_time)).first()
    assert first.start_time == 0.0 and first.end_time >= 5.0 and first.raw_key, "the provider's own file is kept"
    files = app_env / "files"
    drawn = files / first.normalized_key
    info = video_info(drawn)
    shape = Shape("16:9", info.width, info.height)
    # The reference is the same pass without words: a plain normalization converts colours by another path,
    # which alone moves up to ~40 pixels of this saturated, sharp-edged clip by more than 60 levels.
    plain = normalize_with_lyrics(files / first.raw_key, tmp_path / "plain.mp4", start=first.start_time,
                                  end=first.end_time, shape=shape, fps=24, words=())
    sung = np.abs(frame_at(drawn, 72, shape) - frame_at(plain, 72, shape)).max(axis=2)  # 3.0 s: words up
    later = np.abs(frame_at(drawn, 118, shape) - frame_at(plain, 118, shape)).max(axis=2)  # 4.9 s: phrase gone
    assert (sung > 60).sum() > 200, "the words are drawn over the provider's clip"
    assert (later > 60).sum() < 20, "and only while they are shown"
