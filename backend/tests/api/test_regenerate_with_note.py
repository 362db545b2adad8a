"""Regeneration takes a note: it is stored where the renderer reads it, and the clip shows a new scene."""

from __future__ import annotations

import subprocess

import numpy as np

from tests.api.test_generation_flow import download, gen_client, generated_video, wait_status  # noqa: F401 (fixture)


def frames(path, width, height) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3).astype(np.int16)


def test_a_clip_regenerated_with_a_note_shows_what_the_note_asks(gen_client, auth, tmp_path):
    client = gen_client
    song, _, video = generated_video(client, auth, tmp_path, seconds=10.0)
    clip = video["clips"][0]
    before = download(client, clip["video_url"], tmp_path / "before.mp4")
    too_long = client.post(f"/api/videos/{video['id']}/regenerate/clip/{clip['id']}", headers=auth, json={"note": "x" * 101})
    assert too_long.status_code == 422
    res = client.post(f"/api/videos/{video['id']}/regenerate/clip/{clip['id']}", headers=auth,
                      json={"note": "orange fire and flames"})
    assert res.status_code == 202, res.text
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    after_clip = next(c for c in client.get(f"/api/videos/{video['id']}", headers=auth).json()["clips"] if c["id"] == clip["id"])
    assert after_clip["prompt"].startswith("Orange fire and flames.")
    after = download(client, after_clip["video_url"], tmp_path / "after.mp4")
    size = (video["width"], video["height"]) if video.get("width") else None
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", str(after)], check=True, capture_output=True, text=True).stdout.strip()
    width, height = (int(v) for v in probe.split(","))
    assert size is None or size == (width, height)
    old, new = frames(before, width, height), frames(after, width, height)
    assert old.shape == new.shape  # same cut
    assert np.abs(old - new).mean() > 25  # a new scene, not new noise
    warm = new.reshape(-1, 3).mean(axis=0)
    assert warm[0] > warm[2] + 15  # fire in orange


def test_a_section_regenerated_with_a_note_keeps_the_note(gen_client, auth, tmp_path):
    client = gen_client
    song, _, video = generated_video(client, auth, tmp_path, seconds=10.0)
    section_id = video["clips"][-1]["section_id"]
    res = client.post(f"/api/videos/{video['id']}/regenerate/section/{section_id}", headers=auth,
                      json={"note": "rain on the city"})
    assert res.status_code == 202, res.text
    wait_status(client, auth, song["id"])
    sections = client.get(f"/api/songs/{song['id']}/sections", headers=auth).json()
    assert next(s for s in sections if s["id"] == section_id)["prompt_note"] == "rain on the city"
    empty_body = client.post(f"/api/videos/{video['id']}/regenerate/section/{section_id}", headers=auth)
    assert empty_body.status_code == 409  # a body is optional; the once-per-section rule still holds
