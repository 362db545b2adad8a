"""Workers killed mid-job, in the production shape (PostgreSQL + Redis + `vibecraft worker` processes).

Each case kills the worker and its work-horse with SIGKILL while a real job of the pipeline is running,
starts a fresh worker, and checks the outcome: the job retried to success, nothing stuck in
"processing", and no stored file that no row knows about.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from sqlmodel import Session, select

from tests.conftest import REPO_ROOT, register, reset_caches, shared_file
from tests.factories import analyzed_song, two_sections

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_backend", ["postgresql"])]


@pytest.fixture
def production_shape(app_env, redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("JOB_HEARTBEAT_SEC", "1")
    monkeypatch.setenv("JOB_STALE_AFTER_SEC", "4")
    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("VIDEO_MAX_HEIGHT", "0")  # full-size frames: clip jobs last long enough to be killed
    monkeypatch.setenv("GENERATION_CONCURRENCY", "2")
    reset_caches()
    workers: list[subprocess.Popen] = []
    yield app_env, workers
    for worker in workers:
        kill_worker(worker)


@pytest.fixture
def api(production_shape):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False)) as client:
        yield client


def start_worker(workers: list) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "backend")}
    worker = subprocess.Popen([sys.executable, "-m", "vibecraft.cli", "worker", "--no-preload"], env=env,
                              cwd=REPO_ROOT / "backend", start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    workers.append(worker)
    return worker


def kill_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    horses = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True).stdout.split()
    # A work horse may finish between pgrep and the kill; one that outlived the fixture once (the kill raised
    # before the worker's own group was killed) took the next test's jobs from the shared queue.
    for pid in horses:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def jobs(kind: str | None = None):
    from vibecraft.db import get_engine
    from vibecraft.models import Job

    with Session(get_engine()) as s:
        stmt = select(Job) if kind is None else select(Job).where(Job.kind == kind)
        return list(s.exec(stmt).all())


def wait_for(predicate, timeout: float, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("condition not met in time")


def kill_while_running(workers: list, kind: str) -> uuid.UUID:
    """Start a worker, SIGKILL it as soon as a job of `kind` is processing; return that job's id."""
    worker = start_worker(workers)
    job = wait_for(lambda: next((j for j in jobs(kind) if j.status == "processing"), None), timeout=180)
    kill_worker(worker)
    return job.id


def referenced_keys() -> set[str]:
    from vibecraft.db import get_engine
    from vibecraft.models import Clip, Song, Video

    with Session(get_engine()) as s:
        keys = {song.storage_key for song in s.exec(select(Song))}
        for clip in s.exec(select(Clip)):
            keys |= {k for k in (clip.raw_key, clip.normalized_key) if k}
        for video in s.exec(select(Video)):
            keys |= {k for k in (video.storage_key, video.poster_key) if k}
    return keys


def assert_nothing_stuck_or_orphaned(data_dir) -> None:
    assert [j.kind for j in jobs() if j.status in ("processing", "queued")] == []
    stored = {p.relative_to(data_dir / "files").as_posix() for p in (data_dir / "files").rglob("*") if p.is_file()}
    assert stored - referenced_keys() == set(), "files no row refers to"
    assert not [p for p in (data_dir / "tmp").rglob("*") if p.is_file()], "temporaries left behind"


def generation_status(api, auth, song_id):
    return api.get(f"/api/songs/{song_id}/generation/status", headers=auth).json()


def test_worker_killed_mid_analysis_is_retried_to_success(production_shape, api):
    data_dir, workers = production_shape
    auth = register(api)
    song_path = shared_file("lyrics", "Confession_-_Quesabe.mp3")
    with song_path.open("rb") as f:
        song = api.post("/api/songs", headers=auth, files={"file": (song_path.name, f)}).json()
    res = api.post(f"/api/songs/{song['id']}/analyze", headers=auth)
    assert res.status_code == 202, res.text
    killed = kill_while_running(workers, "analyze_song")
    start_worker(workers)
    wait_for(lambda: api.get(f"/api/songs/{song['id']}/analysis", headers=auth).status_code == 200, timeout=300, every=0.5)
    job = next(j for j in jobs("analyze_song") if j.id == killed)
    assert job.status == "completed" and job.attempts == 2
    assert_nothing_stuck_or_orphaned(data_dir)


def test_worker_killed_mid_generation_is_retried_and_the_video_completes(production_shape, api, tmp_path):
    data_dir, workers = production_shape
    auth = register(api)
    song = analyzed_song(api, auth, tmp_path, seconds=16.0)
    api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
    clips = api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
    assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    killed = kill_while_running(workers, "generate_clip")
    start_worker(workers)
    status = wait_for(lambda: (s := generation_status(api, auth, song["id"]))["stage"] in ("completed", "failed") and s,
                      timeout=400, every=0.5)
    assert status["stage"] == "completed", status
    assert status["clips_completed"] == len(clips)
    job = next(j for j in jobs("generate_clip") if j.id == killed)
    assert job.status == "completed" and job.attempts == 2
    assert_nothing_stuck_or_orphaned(data_dir)


def test_worker_killed_mid_composition_is_retried_and_the_video_is_exact(production_shape, api, tmp_path, monkeypatch):
    data_dir, workers = production_shape
    monkeypatch.setenv("CROSSFADE_CUTS", "true")  # the re-encode path: composition lasts long enough to be killed
    reset_caches()
    auth = register(api)
    song = analyzed_song(api, auth, tmp_path, seconds=16.0)
    api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
    api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth)
    assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    killed = kill_while_running(workers, "compose_video")
    start_worker(workers)
    status = wait_for(lambda: (s := generation_status(api, auth, song["id"]))["stage"] in ("completed", "failed") and s,
                      timeout=400, every=0.5)
    assert status["stage"] == "completed", status
    job = next(j for j in jobs("compose_video") if j.id == killed)
    assert job.status == "completed" and job.attempts == 2
    video = api.get(f"/api/videos/{status['video_id']}", headers=auth).json()
    assert abs(video["duration_sec"] - song["duration_sec"]) <= 1 / 24 + 0.05
    assert_nothing_stuck_or_orphaned(data_dir)
