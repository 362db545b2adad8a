"""The same HTTP flow as on the local renderer, with the Replicate provider talking to the fake Replicate server.

The fake answers with real MP4s of the next length the model allows (longer than the beat window), so
normalization trims them; its faults (429 with Retry-After, a failed prediction) must end in a retry that
the user can make, and a video that is exact.
"""

import pytest

from tests.api.test_generation_flow import FPS, download, planned_song, probe, wait_status
from tests.conftest import reset_caches
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from tests.fakes.replicate_server import Outcome, Throttle

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"])


@pytest.fixture
def replicate_client(app_env, monkeypatch, fake_replicate):  # noqa: F811
    from fastapi.testclient import TestClient

    from vibecraft import providers
    from vibecraft.main import create_app

    for key, value in {"VIDEO_PROVIDER": "replicate", "REPLICATE_API_TOKEN": fake_replicate.token,
                       "REPLICATE_BASE_URL": fake_replicate.base_url, "REPLICATE_POLL_INTERVAL_SEC": "0.05",
                       "VIDEO_MAX_HEIGHT": "144", "JOB_MAX_ATTEMPTS": "1",
                       "REPLICATE_OUTPUT_HOSTS": "127.0.0.1", "REPLICATE_OUTPUT_ALLOW_HTTP": "true"}.items():
        monkeypatch.setenv(key, value)
    reset_caches()
    providers.get_provider.cache_clear()
    with TestClient(create_app(run_sweeps=False)) as client:
        yield client, fake_replicate
    providers.get_provider.cache_clear()


def test_flow_on_replicate_gives_an_exact_video(replicate_client, auth, tmp_path):
    client, fake = replicate_client
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    estimate = client.get(f"/api/songs/{song['id']}/clips/estimate", headers=auth).json()
    assert estimate["provider"] == "replicate" and estimate["estimated_cost_usd"] > 0
    fake.script("create", Throttle(retry_after=0.2))
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    created = fake.calls("create", "POST")
    assert len(created) == len(clips) + 1, "one throttled create, then one per clip; none repeated blindly"
    for request in created[1:]:
        assert request.json()["input"]["duration"] >= 1
    video = client.get(f"/api/videos/{status['video_id']}", headers=auth).json()
    info = probe(download(client, video["video_url"], tmp_path / "v.mp4"))
    frames = int(next(s for s in info["streams"] if s["codec_type"] == "video")["nb_read_frames"])
    assert frames == round(song["duration_sec"] * FPS)


def test_failed_prediction_fails_its_clip_and_a_retry_completes_the_video(replicate_client, auth, tmp_path):
    client, fake = replicate_client
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    fake.plan(Outcome(status="failed", error="CUDA out of memory"))
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "failed" and "CUDA out of memory" in status["error"], status
    failed = [c for c in client.get(f"/api/songs/{song['id']}/clips", headers=auth).json() if c["status"] == "failed"]
    assert len(failed) == 1
    assert client.post(f"/api/songs/{song['id']}/clips/{failed[0]['id']}/retry", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])
    assert status["stage"] == "completed", status
    assert len(fake.calls("create", "POST")) == len(clips) + 1, "only the failed clip was made again"
