"""One look across clips on a first-frame model: within a section each clip starts from the previous clip's
last frame, each later section from the shared style key frame; settings turn either off."""

from __future__ import annotations

import base64
import uuid

import numpy as np
import pytest
from sqlmodel import Session, select

from tests.api.test_generation_flow import planned_song, wait_status
from tests.api.test_replicate_flow import replicate_client  # noqa: F401 (a fixture)
from tests.conftest import reset_caches
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from vibecraft.ffmpeg import ffmpeg_binary, run

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"])


def generate(client, auth, tmp_path, fake):
    song, _ = planned_song(client, auth, tmp_path, seconds=24.0)
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    return song


def inputs_by_place(song_id: str, fake) -> dict[tuple[int, int], dict]:
    """(section index, clip index) -> the input the clip's prediction was created with."""
    from vibecraft.db import get_engine
    from vibecraft.models import Clip, ClipAttempt, Section

    places = {}
    with Session(get_engine()) as session:
        rows = session.exec(select(Clip, Section, ClipAttempt).join(Section, Section.id == Clip.section_id)
                            .join(ClipAttempt, ClipAttempt.clip_id == Clip.id)
                            .where(Clip.song_id == uuid.UUID(song_id))).all()
        for clip, section, attempt in rows:
            places[(section.index, clip.clip_index)] = fake.predictions[attempt.prediction_id].input
    return places


def decode_image(data_url: str) -> np.ndarray:
    data = base64.b64decode(data_url.split(",", 1)[1])
    raw = run([ffmpeg_binary(), "-v", "error", "-i", "-", "-vf", "scale=64:36", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
              input_bytes=data)
    return np.frombuffer(raw, np.uint8).reshape(36, 64, 3).astype(np.int16)


def test_clips_start_from_the_previous_clips_last_frame_and_sections_from_the_key_frame(replicate_client, auth,  # noqa: F811
                                                                                       tmp_path):
    client, fake = replicate_client
    song = generate(client, auth, tmp_path, fake)
    places = inputs_by_place(song["id"], fake)
    assert max(i for _, i in places) >= 1, "a section with two clips or more"

    assert "image" not in places[(0, 0)], "the video's first clip is made from the prompt alone"
    for (section, index), sent in places.items():
        if (section, index) != (0, 0):
            assert sent.get("image", "").startswith("data:image/jpeg;base64,"), (section, index)
    # Every later section opens on the same key frame: the first frame of the video's first clip.
    openers = [decode_image(sent["image"]) for (section, index), sent in places.items() if index == 0 and section > 0]
    assert openers and all(np.abs(o - openers[0]).mean() < 2 for o in openers)
    # A clip inside a section starts where the one before ended: not where the section's first clip started.
    inner = decode_image(places[(0, 1)]["image"])
    assert np.abs(inner - openers[0]).mean() > 3, "the inner clip starts from its predecessor's last frame"


def test_continuity_and_the_key_frame_can_be_turned_off(replicate_client, auth, tmp_path, monkeypatch):  # noqa: F811
    client, fake = replicate_client
    monkeypatch.setenv("REPLICATE_STYLE_KEYFRAME", "false")
    reset_caches()
    song = generate(client, auth, tmp_path, fake)
    places = inputs_by_place(song["id"], fake)
    assert [place for place, sent in places.items() if "image" in sent] == [p for p in places if p[1] > 0]

    monkeypatch.setenv("REPLICATE_CONTINUITY", "false")
    reset_caches()
    song = generate(client, auth, tmp_path, fake)
    assert not [p for p, sent in inputs_by_place(song["id"], fake).items() if "image" in sent]


def test_an_image_only_model_gets_a_first_frame_for_every_clip(replicate_client, auth, tmp_path, monkeypatch):  # noqa: F811
    from vibecraft import providers

    client, fake = replicate_client
    monkeypatch.setenv("REPLICATE_VIDEO_MODEL", "kwaivgi/kling-v2.1")
    monkeypatch.setenv("REPLICATE_CONTINUITY", "false")  # even with continuity off: the model cannot start without one
    reset_caches()
    providers.get_provider.cache_clear()
    song, _ = planned_song(client, auth, tmp_path, seconds=24.0)
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])

    assert status["stage"] == "completed", status
    creates = fake.calls("create", "POST")
    assert creates and all(c.json()["input"]["start_image"].startswith("data:image/jpeg") for c in creates)
    assert len(creates) == len(fake.predictions), "the fake accepted every create against kling-v2.1's schema"
