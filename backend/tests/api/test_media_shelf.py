"""The media shelf through HTTP: real photos and real footage are checked by content, counted in the quota,
placed in a section or by the planner, and star in the rendered video, every cut on its planned beat."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.api.test_generation_flow import FPS, download, gen_client, probe, wait_status  # noqa: F401 (fixture)
from tests.conftest import register, shared_file
from tests.factories import analyzed_song, two_sections

skimage_data = pytest.importorskip("skimage.data", reason="scikit-image ships the real photos these tests use")
PHOTO = Path(skimage_data.__file__).parent / "rocket.jpg"


def upload(client, auth, song_id, path: Path, name: str | None = None, **fields):
    with path.open("rb") as f:
        return client.post(f"/api/songs/{song_id}/media", headers=auth, data=fields,
                           files={"file": (name or path.name, f, "application/octet-stream")})


@pytest.fixture
def song(client, auth, tmp_path):
    return analyzed_song(client, auth, tmp_path, seconds=8.0)


def test_a_real_photo_and_real_footage_go_on_the_shelf(client, auth, song):
    photo = upload(client, auth, song["id"], PHOTO)
    assert photo.status_code == 201, photo.text
    assert (photo.json()["kind"], photo.json()["format"]) == ("photo", "jpg")
    assert photo.json()["width"] > 400 and photo.json()["section_id"] is None
    footage = upload(client, auth, song["id"], shared_file("footage", "crowd_walking_720p.avi"))
    assert footage.status_code == 201, footage.text
    body = footage.json()
    assert (body["kind"], body["width"], body["height"]) == ("video", 1280, 720)
    assert 13 < body["duration_sec"] < 14.5
    listed = client.get(f"/api/songs/{song['id']}/media", headers=auth).json()
    assert [m["id"] for m in listed] == [photo.json()["id"], body["id"]]
    assert client.get(listed[0]["url"]).content == PHOTO.read_bytes()
    usage = client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    assert usage >= PHOTO.stat().st_size + shared_file("footage", "crowd_walking_720p.avi").stat().st_size


def test_a_file_that_is_not_a_photo_or_video_is_415_and_nothing_is_kept(client, auth, song, tmp_path):
    fake = tmp_path / "holiday.jpg"
    fake.write_bytes(b"this is not a picture at all\n" * 50)
    res = upload(client, auth, song["id"], fake)
    assert res.status_code == 415 and "photo" in res.json()["detail"]
    assert client.get(f"/api/songs/{song['id']}/media", headers=auth).json() == []


def test_a_truncated_photo_is_415(client, auth, song, tmp_path):
    broken = tmp_path / "cut.jpg"
    broken.write_bytes(PHOTO.read_bytes()[:4000])
    res = upload(client, auth, song["id"], broken)
    assert res.status_code == 415, res.text


def test_an_audio_file_is_not_footage(client, auth, song, tmp_path):
    from tests.conftest import make_audio

    res = upload(client, auth, song["id"], make_audio(tmp_path / "a.m4a", 2.0))
    assert res.status_code == 415


def test_placing_in_a_section_and_handing_back_to_the_planner(client, auth, song):
    sections = client.post(f"/api/songs/{song['id']}/sections", headers=auth,
                           json={"sections": two_sections(song)}).json()
    item = upload(client, auth, song["id"], PHOTO, section_id=sections[1]["id"]).json()
    assert item["section_id"] == sections[1]["id"]
    moved = client.patch(f"/api/songs/{song['id']}/media/{item['id']}", headers=auth, json={"section_id": None})
    assert moved.status_code == 200 and moved.json()["section_id"] is None
    bad = client.patch(f"/api/songs/{song['id']}/media/{item['id']}", headers=auth,
                       json={"section_id": "00000000-0000-0000-0000-000000000000"})
    assert bad.status_code == 400 and "section" in bad.json()["detail"]
    bad_field = upload(client, auth, song["id"], PHOTO, section_id="not-a-uuid")
    assert bad_field.status_code == 400


def test_delete_frees_the_quota_and_the_file(client, auth, song):
    before = client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    item = upload(client, auth, song["id"], PHOTO).json()
    assert client.delete(f"/api/songs/{song['id']}/media/{item['id']}", headers=auth).status_code == 204
    assert client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] == before
    assert client.get(item["url"]).status_code == 404
    assert client.delete(f"/api/songs/{song['id']}/media/{item['id']}", headers=auth).status_code == 404


def test_the_storage_quota_counts_media(client, auth, song, monkeypatch):
    from tests.conftest import reset_caches

    used = client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    monkeypatch.setenv("QUOTA_MAX_STORAGE_BYTES", str(used + 1000))
    reset_caches()
    res = upload(client, auth, song["id"], PHOTO)
    assert res.status_code == 429 and "quota" in res.json()["detail"].lower()
    assert client.get(f"/api/songs/{song['id']}/media", headers=auth).json() == []


def test_another_users_shelf_is_404(client, auth, song):
    item = upload(client, auth, song["id"], PHOTO).json()
    stranger = register(client)
    assert client.get(f"/api/songs/{song['id']}/media", headers=stranger).status_code == 404
    assert upload(client, stranger, song["id"], PHOTO).status_code == 404
    assert client.delete(f"/api/songs/{song['id']}/media/{item['id']}", headers=stranger).status_code == 404
    assert client.patch(f"/api/songs/{song['id']}/media/{item['id']}", headers=stranger,
                        json={"section_id": None}).status_code == 404


def gray_frames(path: Path, width: int, height: int) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width).astype(np.float64)


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of two grey pictures: 1 for the same picture at any brightness, near 0 for unrelated ones."""
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def test_photo_and_footage_star_in_the_video_with_every_cut_on_its_planned_beat(gen_client, auth, tmp_path):
    client = gen_client
    song = analyzed_song(client, auth, tmp_path, seconds=12.0)
    sections = client.post(f"/api/songs/{song['id']}/sections", headers=auth,
                           json={"sections": two_sections(song)}).json()
    assert upload(client, auth, song["id"], PHOTO, section_id=sections[0]["id"]).status_code == 201
    assert upload(client, auth, song["id"], shared_file("footage", "crowd_walking_720p.avi")).status_code == 201
    # Colours only: scene words would lay lasers or rain over the footage, which is not what this test measures.
    assert client.put(f"/api/songs/{song['id']}/prompt", headers=auth, json={"prompt": "warm red and gold"}).status_code == 200
    clips = client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    video = client.get(f"/api/videos/{status['video_id']}", headers=auth).json()
    path = download(client, video["video_url"], tmp_path / "video.mp4")
    stream = next(s for s in probe(path)["streams"] if s["codec_type"] == "video")
    width, height = stream["width"], stream["height"]
    frames = gray_frames(path, width, height)
    assert len(frames) == round(song["duration_sec"] * FPS)  # the video lasts as long as the song

    planned = sorted({round(c["start_time"] * FPS) for c in clips} - {0})
    section_cut = round(sections[1]["start_time"] * FPS)
    assert section_cut in planned
    change = np.array([1 - likeness(frames[i - 1], frames[i]) for i in range(1, len(frames))])
    cuts = [i + 1 for i in np.flatnonzero(change > 0.5)]
    assert section_cut in cuts, "the photo must cut to the footage where the chorus starts"
    # A cut lands on its planned frame: within half a frame of the planned beat means on that very frame.
    assert set(cuts) <= set(planned), (cuts, planned)

    from vibecraft.render.media_layer import load_footage, load_still

    still = load_still(PHOTO, width, height).mean(axis=2)
    chorus_at = (section_cut + len(frames)) // 2
    # The footage runs on from the chorus's first frame: this frame shows the shot (section_cut … chorus_at) in.
    shot = load_footage(shared_file("footage", "crowd_walking_720p.avi"), width, height, FPS, 1,
                        (chorus_at - section_cut) / FPS)[0].mean(axis=2)
    verse, chorus = frames[section_cut // 2], frames[chorus_at]
    assert likeness(verse, still) > 0.4 and likeness(verse, still) > likeness(verse, shot) + 0.2
    assert likeness(chorus, shot) > 0.6 and likeness(chorus, shot) > likeness(chorus, still) + 0.3
