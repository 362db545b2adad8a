"""Job runners: threads and RQ (real Redis, real worker processes), failures, and dead workers."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.conftest import REPO_ROOT, reset_caches


@pytest.fixture
def job_env(app_env, tmp_path, monkeypatch):
    marker = tmp_path / "marker"
    monkeypatch.setenv("VC_TEST_MARKER", str(marker))
    monkeypatch.setenv("JOB_HEARTBEAT_SEC", "1")
    reset_caches()
    return marker


def new_job(kind: str) -> uuid.UUID:
    from vibecraft.db import get_engine
    from vibecraft.models import Job, User

    with Session(get_engine()) as s:
        user = User(email=f"{uuid.uuid4().hex[:8]}@example.com", hashed_password="x")
        s.add(user)
        s.commit()
        job = Job(user_id=user.id, kind=kind)
        s.add(job)
        s.commit()
        return job.id


def job_row(job_id):
    from vibecraft.db import get_engine
    from vibecraft.models import Job

    with Session(get_engine()) as s:
        return s.get(Job, job_id)


def wait_for(predicate, timeout=30.0, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("condition not met in time")


def test_thread_runner_completes_with_monotonic_progress(job_env):
    from vibecraft.jobs.queue import enqueue

    job_id = new_job("tests.jobs.sample_tasks:succeed")
    enqueue("tests.jobs.sample_tasks:succeed", job_id)
    job = wait_for(lambda: (j := job_row(job_id)).status == "completed" and j)
    assert job.progress == 100 and job.attempts == 1 and job.error_message is None
    assert str(job_id) in job_env.read_text()


def test_thread_jobs_and_the_processes_they_start_run_below_the_api(job_env):
    from vibecraft.jobs.queue import enqueue

    api_niceness = os.nice(0)
    job_id = new_job("tests.jobs.sample_tasks:record_priority")
    enqueue("tests.jobs.sample_tasks:record_priority", job_id)
    wait_for(lambda: job_row(job_id).status == "completed")
    expected = max(api_niceness, 10)  # JOB_NICENESS default
    assert job_env.read_text().split() == [str(expected), str(expected)]
    assert os.nice(0) == api_niceness  # the request threads keep their priority


def test_thread_runner_records_failure(job_env):
    from vibecraft.jobs.queue import enqueue

    job_id = new_job("tests.jobs.sample_tasks:fail")
    enqueue("tests.jobs.sample_tasks:fail", job_id)
    job = wait_for(lambda: (j := job_row(job_id)).status == "failed" and j)
    assert "the input was unusable" in job.error_message and job.progress == 10


def test_transient_failure_is_retried(job_env):
    from vibecraft.jobs.queue import enqueue

    job_id = new_job("tests.jobs.sample_tasks:flaky")
    enqueue("tests.jobs.sample_tasks:flaky", job_id)
    job = wait_for(lambda: (j := job_row(job_id)).status == "completed" and j)
    assert job.attempts == 2


def test_running_twice_does_not_redo_a_finished_job(job_env):
    from vibecraft.jobs.runner import execute

    job_id = new_job("tests.jobs.sample_tasks:succeed")
    execute("tests.jobs.sample_tasks:succeed", str(job_id))
    execute("tests.jobs.sample_tasks:succeed", str(job_id))
    assert job_env.read_text().count(str(job_id)) == 1


def test_job_route_hides_other_users_jobs(client, auth):
    job_id = new_job("tests.jobs.sample_tasks:succeed")
    assert client.get(f"/api/jobs/{job_id}", headers=auth).status_code == 404


# ---- RQ -----------------------------------------------------------------------------------------


@pytest.fixture
def rq_env(job_env, redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("JOB_STALE_AFTER_SEC", "3")
    reset_caches()
    return job_env


def start_worker(*, burst: bool) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "backend")}
    args = [sys.executable, "-m", "vibecraft.cli", "worker", "--no-preload"] + (["--burst"] if burst else [])
    return subprocess.Popen(args, env=env, cwd=REPO_ROOT / "backend", start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_rq_worker_runs_job_with_json_payload(rq_env, redis_url):
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    from vibecraft.jobs.queue import enqueue, get_queue

    assert get_queue().name == "rq"
    job_id = new_job("tests.jobs.sample_tasks:succeed")
    enqueue("tests.jobs.sample_tasks:succeed", job_id)
    queue = Queue("ai_music_video", connection=Redis.from_url(redis_url), serializer=JSONSerializer)
    assert queue.count == 1
    rq_job = queue.jobs[0]
    assert rq_job.func_name == "vibecraft.jobs.runner.execute" and rq_job.args[1] == str(job_id)
    assert rq_job.timeout == 1800
    worker = start_worker(burst=True)
    out, _ = worker.communicate(timeout=120)
    assert worker.returncode == 0, out.decode()
    job = job_row(job_id)
    assert job.status == "completed" and job.progress == 100


def test_rq_failed_job_is_recorded(rq_env):
    from vibecraft.jobs.queue import enqueue

    job_id = new_job("tests.jobs.sample_tasks:fail")
    enqueue("tests.jobs.sample_tasks:fail", job_id)
    worker = start_worker(burst=True)
    worker.communicate(timeout=120)
    job = job_row(job_id)
    assert job.status == "failed" and "unusable" in job.error_message


def _kill_worker_mid_job(job_id) -> None:
    worker = start_worker(burst=False)
    try:
        wait_for(lambda: job_row(job_id).stage == "hanging", timeout=60)
    finally:
        # RQ's work-horse runs in a session of its own: kill it and the worker without a word.
        horses = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True).stdout.split()
        for pid in horses:
            os.kill(int(pid), signal.SIGKILL)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def test_killed_worker_job_is_failed_when_out_of_attempts(rq_env, monkeypatch):
    from vibecraft.jobs.queue import enqueue
    from vibecraft.jobs.runner import STALE_MESSAGE, reap_stale_jobs
    from vibecraft.jobs.scratch import remove_abandoned_scratch, scratch_root

    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "1")
    reset_caches()
    job_id = new_job("tests.jobs.sample_tasks:hang_first_time")
    enqueue("tests.jobs.sample_tasks:hang_first_time", job_id)
    _kill_worker_mid_job(job_id)
    assert reap_stale_jobs(stale_after_sec=60) == []  # a fresh heartbeat is left alone
    time.sleep(2)
    assert reap_stale_jobs(stale_after_sec=1) == [job_id]
    job = job_row(job_id)
    assert job.status == "failed" and job.error_message == STALE_MESSAGE
    assert (scratch_root() / str(job_id) / "partial.mp4").exists()  # the killed attempt could not clean up
    waiting = new_job("tests.jobs.sample_tasks:succeed")
    (scratch_root() / str(waiting)).mkdir()
    assert remove_abandoned_scratch() == 1
    assert not (scratch_root() / str(job_id)).exists()
    assert (scratch_root() / str(waiting)).is_dir()  # a queued job's folder is left to it


def test_killed_worker_job_is_retried_by_another_worker(rq_env):
    from vibecraft.jobs.queue import enqueue
    from vibecraft.jobs.runner import reap_stale_jobs
    from vibecraft.jobs.scratch import scratch_root

    job_id = new_job("tests.jobs.sample_tasks:hang_first_time")
    enqueue("tests.jobs.sample_tasks:hang_first_time", job_id)
    _kill_worker_mid_job(job_id)
    time.sleep(2)
    assert reap_stale_jobs(stale_after_sec=1) == [job_id]
    assert job_row(job_id).status == "queued"
    worker = start_worker(burst=True)
    worker.communicate(timeout=120)
    job = job_row(job_id)
    assert job.status == "completed" and job.attempts == 2
    assert rq_env.read_text() == "retry found: []"  # the dead attempt's partial file was cleared for the retry
    assert not (scratch_root() / str(job_id)).exists()


def test_a_stopping_worker_does_not_wait_out_its_command_channel(redis_url):
    from redis import Redis
    from rq import Queue

    from vibecraft.jobs.rq_worker import PromptExitWorker

    redis = Redis.from_url(redis_url)
    worker = PromptExitWorker([Queue("ai_music_video", connection=redis)], connection=redis)
    worker.subscribe()
    # The reply to an unsubscribe wakes the channel's thread, which then re-enters its 60-s read:
    # the moment at which RQ's own stop hung for a minute.
    worker.pubsub.unsubscribe()
    time.sleep(0.5)
    started = time.monotonic()
    worker.unsubscribe()
    assert time.monotonic() - started < 15
