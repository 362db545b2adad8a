"""Redis restarted (its queue lost) during a generation: every job is queued again and the video completes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from tests.conftest import register, reset_caches
from tests.factories import analyzed_song, two_sections
from tests.faults.test_worker_kills import (assert_nothing_stuck_or_orphaned, generation_status, jobs, kill_worker,
                                            start_worker, wait_for)

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_backend", ["postgresql"])]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, so restarting it disturbs nothing else on the machine."""

    def __init__(self, port: int, workdir):
        self.port, self.workdir, self.proc = port, workdir, None

    def start(self) -> None:
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(self.workdir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True,
                                        text=True).stdout.strip() == "PONG", timeout=20)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        from tests.conftest import unavailable

        unavailable("redis-server is not installed")
    redis = PrivateRedis(free_port(), tmp_path)
    redis.start()
    yield redis
    if redis.proc.poll() is None:
        redis.kill()


def test_redis_restart_mid_generation_loses_no_job(app_env, private_redis, monkeypatch, tmp_path):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{private_redis.port}/0")
    monkeypatch.setenv("JOB_HEARTBEAT_SEC", "1")
    monkeypatch.setenv("JOB_STALE_AFTER_SEC", "4")
    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("VIDEO_MAX_HEIGHT", "360")
    monkeypatch.setenv("GENERATION_CONCURRENCY", "1")  # clips queue up behind each other, so some wait in Redis
    reset_caches()
    workers: list = []
    try:
        with TestClient(create_app(run_sweeps=False)) as api:
            auth = register(api)
            song = analyzed_song(api, auth, tmp_path, seconds=24.0)
            api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
            clips = api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
            assert len(clips) >= 3
            assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
            start_worker(workers)
            wait_for(lambda: any(j.status == "completed" for j in jobs("generate_clip")), timeout=180)
            private_redis.kill()  # everything Redis held (waiting jobs, registries) is gone
            time.sleep(2)
            # while Redis is down the API still answers and reports where the generation is
            assert generation_status(api, auth, song["id"])["stage"] == "generating"
            private_redis.start()
            status = wait_for(lambda: (s := generation_status(api, auth, song["id"]))["stage"] in ("completed", "failed") and s,
                              timeout=400, every=0.5)
            assert status["stage"] == "completed", repr(status) + repr([(j.kind, j.status, j.attempts, j.error_message) for j in jobs()])
            assert status["clips_completed"] == len(clips)
            assert_nothing_stuck_or_orphaned(app_env)
    finally:
        for worker in workers:
            kill_worker(worker)
