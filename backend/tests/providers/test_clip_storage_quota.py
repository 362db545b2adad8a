"""The storage quota is checked when a clip is stored: a clip that would pass it fails with a sentence that
says what to do, and nothing is stored for it."""

from __future__ import annotations

import pytest

from tests.api.test_generation_flow import planned_song, wait_status
from tests.api.test_replicate_flow import replicate_client  # noqa: F401 (a fixture)
from tests.conftest import reset_caches
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"])


def test_a_clip_over_the_storage_quota_fails_clearly(replicate_client, auth, tmp_path, monkeypatch, app_env):  # noqa: F811
    client, fake = replicate_client
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    used = client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"]
    monkeypatch.setenv("QUOTA_MAX_STORAGE_BYTES", str(used + 2000))  # room to start, none for a clip
    reset_caches()

    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])

    assert status["stage"] == "failed", status
    assert "Storage quota reached" in status["error"] and "Delete" in status["error"]
    failed = [c for c in client.get(f"/api/songs/{song['id']}/clips", headers=auth).json() if c["status"] == "failed"]
    assert failed, "the clip that did not fit is marked failed"
    assert not [p for p in (app_env / "files").rglob("*.mp4")], "no clip file was stored past the quota"
    assert client.get("/api/users/me", headers=auth).json()["usage"]["storage_bytes"] == used
