"""The S3-protocol store failing writes (moto's real server behind a proxy that answers 503 SlowDown).

Uploads answer 503 with a detail and leave no row; clip jobs retry, then fail with a reason the user sees;
once the store heals, the user's retry finishes the video.
"""

from __future__ import annotations

import time
import uuid

import boto3
import pytest

from tests.conftest import make_audio, register, reset_caches
from tests.factories import db_count, mark_analyzed, analysis_data, two_sections
from tests.fakes.faulty_proxy import FaultyProxy

pytestmark = pytest.mark.slow


@pytest.fixture
def s3_through_proxy(app_env, monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    bucket = f"vc-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=f"http://{host}:{port}", region_name="us-east-1", aws_access_key_id="k",
                 aws_secret_access_key="s").create_bucket(Bucket=bucket)
    with FaultyProxy(f"http://{host}:{port}") as proxy:
        for key, value in {"STORAGE_BACKEND": "s3", "S3_BUCKET_NAME": bucket, "S3_ENDPOINT_URL": proxy.url,
                           "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "VIDEO_MAX_HEIGHT": "144",
                           "JOB_MAX_ATTEMPTS": "2",
                           "S3_MAX_ATTEMPTS": "2"}.items():  # one retry shows the path; five only wait longer
            monkeypatch.setenv(key, value)
        reset_caches()
        yield proxy, bucket, f"http://{host}:{port}"
    server.stop()


def objects(endpoint: str, bucket: str) -> list[str]:
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.fixture
def api(s3_through_proxy):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False)) as client:
        yield client


def test_upload_while_writes_fail_is_503_and_leaves_nothing(s3_through_proxy, api, tmp_path):
    from vibecraft.models import Song

    proxy, bucket, endpoint = s3_through_proxy
    auth = register(api)
    audio = make_audio(tmp_path / "s.wav", 3.0).read_bytes()
    proxy.failing_writes.set()
    res = api.post("/api/songs", headers=auth, files={"file": ("s.wav", audio)})
    assert res.status_code == 503 and "storage" in res.json()["detail"] and "users/" not in res.json()["detail"]
    assert proxy.refused_writes >= 1
    assert db_count(Song) == 0 and objects(endpoint, bucket) == []
    assert api.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] == 0
    proxy.failing_writes.clear()
    assert api.post("/api/songs", headers=auth, files={"file": ("s.wav", audio)}).status_code == 201


def test_clip_writes_failing_end_in_a_retryable_failure_then_success(s3_through_proxy, api, tmp_path):
    proxy, bucket, endpoint = s3_through_proxy
    auth = register(api)
    audio = make_audio(tmp_path / "s.wav", 12.0)
    with audio.open("rb") as f:
        song = api.post("/api/songs", headers=auth, files={"file": ("s.wav", f)}).json()
    mark_analyzed(song["id"], analysis_data(song["duration_sec"]))
    api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
    api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth)
    proxy.failing_writes.set()
    assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status = wait_stage(api, auth, song["id"])
    assert status["stage"] == "failed" and "storage" in status["error"], status
    assert "users/" not in status["error"] and "/tmp" not in status["error"]
    proxy.failing_writes.clear()
    for clip in api.get(f"/api/songs/{song['id']}/clips", headers=auth).json():
        if clip["status"] == "failed":
            assert api.post(f"/api/songs/{song['id']}/clips/{clip['id']}/retry", headers=auth).status_code == 202
    status = wait_stage(api, auth, song["id"])
    assert status["stage"] == "completed", status
    video = api.get(f"/api/videos/{status['video_id']}", headers=auth).json()
    keys = set(objects(endpoint, bucket))
    referenced = {k for k in keys if "/videos/" in k or "/songs/" in k and "/clips/" not in k}
    assert len([k for k in keys if k.endswith(".mp4") and "/videos/" in k]) == 1 and video["status"] == "ready"
    assert len([k for k in keys if "/clips/" in k]) == len(video["clips"]), "one stored file per clip, none orphaned"
    assert referenced


def wait_stage(api, auth, song_id, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.get(f"/api/songs/{song_id}/generation/status", headers=auth).json()
        if status["stage"] in ("completed", "failed"):
            return status
        time.sleep(0.3)
    raise AssertionError(f"generation did not end: {status}")
