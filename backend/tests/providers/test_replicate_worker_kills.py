"""Billing safety in the production shape: PostgreSQL + Redis + real `vibecraft worker` processes making clips
with the Replicate provider against the fake Replicate, the worker SIGKILLed at the three moments a clip can
be lost after it was paid for. The fake's ledger must show exactly one create per clip attempt.
"""

from __future__ import annotations

import time

import pytest
from sqlmodel import Session, select

from tests.conftest import reset_caches
from tests.factories import analyzed_song, two_sections
from tests.fakes.replicate_server import FakeReplicate, ffmpeg_available
from tests.faults.test_worker_kills import (
    generation_status,
    jobs,
    kill_worker,
    referenced_keys,
    start_worker,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_backend", ["postgresql"])]

LEDGER: dict[str, tuple[int, int]] = {}  # case -> (creates, clips), printed at the end for the report


@pytest.fixture
def fake():
    if not ffmpeg_available():
        pytest.skip("ffmpeg is not installed")
    with FakeReplicate(start_delay=0.2, processing_delay=0.5) as server:
        yield server


@pytest.fixture
def replicate_workers(app_env, redis_url, monkeypatch, fake):
    for key, value in {
        "REDIS_URL": redis_url, "JOB_HEARTBEAT_SEC": "1", "JOB_STALE_AFTER_SEC": "4", "JOB_MAX_ATTEMPTS": "3",
        "VIDEO_MAX_HEIGHT": "144", "GENERATION_CONCURRENCY": "2", "VIDEO_PROVIDER": "replicate",
        "REPLICATE_API_TOKEN": fake.token, "REPLICATE_BASE_URL": fake.base_url, "REPLICATE_POLL_INTERVAL_SEC": "0.2",
        "REPLICATE_OUTPUT_HOSTS": "127.0.0.1", "REPLICATE_OUTPUT_ALLOW_HTTP": "true",
    }.items():
        monkeypatch.setenv(key, value)
    reset_caches()
    from vibecraft import providers

    providers.get_provider.cache_clear()
    workers: list = []
    yield app_env, workers
    for worker in workers:
        kill_worker(worker)
    providers.get_provider.cache_clear()


@pytest.fixture
def api(replicate_workers):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False)) as client:
        yield client


def start_round(api, auth, tmp_path) -> tuple[dict, list[dict]]:
    song = analyzed_song(api, auth, tmp_path, seconds=16.0)
    api.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)})
    clips = api.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).json()
    assert api.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    return song, clips


def finish_and_count(case: str, api, auth, song, clips, fake: FakeReplicate, data_dir) -> None:
    from vibecraft.db import get_engine
    from vibecraft.models import ClipAttempt

    status = wait_for(lambda: (s := generation_status(api, auth, song["id"]))["stage"] in ("completed", "failed") and s,
                      timeout=400, every=0.5)
    assert status["stage"] == "completed", status
    creates = [r for r in fake.calls("create", "POST")]
    LEDGER[case] = (len(creates), len(clips))
    print(f"\nledger {case}: {len(creates)} creates for {len(clips)} clips")
    assert len(creates) == len(fake.predictions) == len(clips), "exactly one billed create per clip attempt"
    assert any(j.attempts >= 2 for j in jobs("generate_clip")), "the killed clip job ran again"
    with Session(get_engine()) as session:
        attempts = list(session.exec(select(ClipAttempt)))
    assert sorted(a.prediction_id for a in attempts) == sorted(fake.predictions)
    assert {a.state for a in attempts} == {"stored"}
    assert [j.kind for j in jobs() if j.status in ("processing", "queued")] == []
    stored = {p.relative_to(data_dir / "files").as_posix() for p in (data_dir / "files").rglob("*") if p.is_file()}
    assert stored - referenced_keys() == set(), "files no row refers to"
    # (A SIGKILLed worker cannot remove its own temporary folder; that sweep is not part of this test.)


def test_killed_right_after_the_create_resumes_that_prediction(replicate_workers, api, fake, tmp_path):
    from tests.conftest import register

    data_dir, workers = replicate_workers
    fake.processing_delay = 4.0  # still running when the worker dies
    auth = register(api)
    song, clips = start_round(api, auth, tmp_path)
    worker = start_worker(workers)
    wait_for(lambda: fake.calls("create", "POST"), timeout=180)
    kill_worker(worker)
    assert not fake.calls("output"), "killed while the first prediction was still running"
    fake.processing_delay = 0.5
    start_worker(workers)
    finish_and_count("after create", api, auth, song, clips, fake, data_dir)


def test_killed_after_the_output_is_ready_downloads_it_without_a_new_create(replicate_workers, api, fake, tmp_path,
                                                                            monkeypatch):
    from tests.conftest import register

    data_dir, workers = replicate_workers
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL_SEC", "3")  # the output is ready long before the first poll
    auth = register(api)
    song, clips = start_round(api, auth, tmp_path)
    worker = start_worker(workers)

    def output_ready_not_fetched():
        ready = [pid for pid in list(fake.predictions) if fake.prediction(pid)["status"] == "succeeded"]
        return ready and not fake.calls("output")

    wait_for(output_ready_not_fetched, timeout=180, every=0.02)
    kill_worker(worker)
    assert not fake.calls("output"), "killed with an output ready that nobody had fetched"
    start_worker(workers)
    finish_and_count("after output ready", api, auth, song, clips, fake, data_dir)


def test_killed_during_the_download_fetches_the_same_output_again(replicate_workers, api, fake, tmp_path):
    from tests.conftest import register

    data_dir, workers = replicate_workers
    fake.output_stall = 30.0  # the first download stops half-way
    auth = register(api)
    song, clips = start_round(api, auth, tmp_path)
    worker = start_worker(workers)
    wait_for(lambda: fake.calls("output"), timeout=180)
    time.sleep(0.3)
    kill_worker(worker)
    fake.output_stall = 0.0
    start_worker(workers)
    finish_and_count("during download", api, auth, song, clips, fake, data_dir)
    first_output = fake.calls("output")[0].path
    assert sum(1 for r in fake.calls("output") if r.path == first_output) >= 2, "the same output was fetched again"
