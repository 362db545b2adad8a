"""PostgreSQL connections dropped again and again during a generation: the API answers 503 rather than hang or
leak, jobs retry, and the video completes (retrying any clip that ran out of attempts, as a user would)."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from tests.conftest import register, reset_caches
from tests.factories import analyzed_song, two_sections
from tests.faults.test_worker_kills import assert_nothing_stuck_or_orphaned, jobs

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_backend", ["postgresql"])]


def drop_connections(url: str) -> int:
    """Terminate every other session of the test database, as a failover or a restarted pooler would."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return len(rows)


def test_generation_survives_dropped_database_connections(app_env, database_url, monkeypatch, tmp_path):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    monkeypatch.setenv("VIDEO_MAX_HEIGHT", "360")
    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "3")
    reset_caches()
    with TestClient(create_app(run_sweeps=False), raise_server_exceptions=False) as api:
        auth = register(api)
        song = analyzed_song(api, auth, tmp_path, seconds=20.0)
        api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
        clips = api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
        assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202

        stop, dropped = threading.Event(), []

        def storm() -> None:
            while not stop.wait(0.7):
                dropped.append(drop_connections(database_url))

        threading.Thread(target=storm, daemon=True).start()
        answers: list[int] = []
        try:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                res = api.get(f"/api/songs/{song['id']}/generation/status", headers=auth)
                answers.append(res.status_code)
                assert res.status_code in (200, 503), res.text
                if res.status_code == 200 and res.json()["stage"] in ("completed", "failed"):
                    break
                time.sleep(0.2)
        finally:
            stop.set()
        assert sum(dropped) > 0, "the storm dropped no connection"
        status = api.get(f"/api/songs/{song['id']}/generation/status", headers=auth).json()
        for _ in range(3):  # a clip that ran out of attempts mid-storm is retried, as the web app offers
            if status["stage"] != "failed":
                break
            assert status["error"] and "SELECT" not in status["error"]
            for clip in api.get(f"/api/songs/{song['id']}/clips", headers=auth).json():
                if clip["status"] == "failed":
                    assert api.post(f"/api/songs/{song['id']}/clips/{clip['id']}/retry", headers=auth).status_code == 202
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                status = api.get(f"/api/songs/{song['id']}/generation/status", headers=auth).json()
                if status["stage"] in ("completed", "failed"):
                    break
                time.sleep(0.3)
        assert status["stage"] == "completed", status
        assert status["clips_completed"] == len(clips)
        assert not [j for j in jobs() if j.status == "processing"]
        assert_nothing_stuck_or_orphaned(app_env)
