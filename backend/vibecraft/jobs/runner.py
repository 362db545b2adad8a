"""Running one job: mark it, keep its heartbeat, record the outcome. Same code for threads and RQ."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import timedelta

from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from vibecraft.config import get_settings
from vibecraft.db import session_scope
from vibecraft.errors import AppError
from vibecraft.jobs.context import JobCancelled, JobContext, TransientJobError
from vibecraft.jobs.failure_messages import failure_message
from vibecraft.jobs.queue import get_queue
from vibecraft.jobs.registry import ON_FAILURE, TRACKING_KINDS, resolve
from vibecraft.jobs.scratch import remove_abandoned_scratch, remove_stale_temporaries
from vibecraft.models import Job, utcnow
from vibecraft.statuses import JobStatus
from vibecraft.storage.base import StorageError

log = logging.getLogger(__name__)

STALE_MESSAGE = "The worker running this job stopped responding; please try again."


DB_RETRY_DELAYS_SEC = (0.2, 0.5, 1.0, 2.0, 4.0)


def _with_db_retries(write, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    """Run a bookkeeping write, retrying while the database connection is being re-established.

    A job's start and end must reach its row: if they were lost, the job would look queued or running forever.
    """
    for delay in (*DB_RETRY_DELAYS_SEC, None):
        try:
            return write(*args, **kwargs)
        except DBAPIError as e:
            if delay is None or not e.connection_invalidated:
                raise
            log.warning("database connection lost while recording a job; retrying in %.1f s", delay)
            time.sleep(delay)
    return None


def _mark_started(job_id: uuid.UUID) -> bool:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None or not _may_start(job):
            return False  # safe to run twice: a finished or live job is not started again
        job.status = JobStatus.PROCESSING
        job.attempts += 1
        job.heartbeat_at = utcnow()
        job.updated_at = utcnow()
        if job.stage == "queued":
            job.stage = "started"
        session.add(job)
        session.commit()
        return True


def _may_start(job: Job) -> bool:
    if job.status == JobStatus.QUEUED:
        return True
    if job.status == JobStatus.PROCESSING and job.heartbeat_at is not None:
        stale_after = timedelta(seconds=get_settings().job_stale_after_sec)
        heartbeat = job.heartbeat_at if job.heartbeat_at.tzinfo else job.heartbeat_at.replace(tzinfo=utcnow().tzinfo)
        return heartbeat < utcnow() - stale_after
    return False


def run_failure_hook(kind: str, job_id: uuid.UUID) -> None:
    """Let the owner of a job kind react to its failure (mark a clip failed, end a round)."""
    target = ON_FAILURE.get(kind)
    if not target:
        return
    try:
        _with_db_retries(resolve(target), job_id)
    except Exception:
        log.exception("failure hook %s for job %s failed", target, job_id)


def _finish(job_id: uuid.UUID, *, error: str | None, requeue: bool = False) -> None:
    _with_db_retries(_record_outcome, job_id, error=error, requeue=requeue)


def _record_outcome(job_id: uuid.UUID, *, error: str | None, requeue: bool) -> None:
    kind = None
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        kind = job.kind
        if requeue:
            job.status = JobStatus.QUEUED
            job.stage = "retrying"
        elif error is None:
            job.status = JobStatus.COMPLETED
            job.progress = 100
            job.stage = "done"
        else:
            job.status = JobStatus.FAILED
            job.error_message = error
        job.updated_at = utcnow()
        session.add(job)
        session.commit()
    if error is not None and not requeue:
        run_failure_hook(kind, job_id)


def _heartbeat(job_id: uuid.UUID, stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            with session_scope() as session:
                job = session.get(Job, job_id)
                if job is None or job.status != JobStatus.PROCESSING:
                    return
                job.heartbeat_at = utcnow()
                session.add(job)
                session.commit()
        except Exception:  # a missed beat is not fatal; the next one may succeed
            log.warning("heartbeat for job %s failed", job_id, exc_info=True)


def execute(task: str, job_id: str, *ids: str) -> None:
    """Entry point for both runners: run task(ctx, *ids) under the Job row job_id."""
    jid = uuid.UUID(job_id)
    if not _with_db_retries(_mark_started, jid):
        return
    settings = get_settings()
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(jid, stop, settings.job_heartbeat_sec), daemon=True)
    beat.start()
    try:
        resolve(task)(JobContext(jid), *ids)
    except JobCancelled:
        log.info("job %s cancelled", jid)
    except (TransientJobError, DBAPIError, StorageError) as e:
        if isinstance(e, DBAPIError) and not e.connection_invalidated:
            log.exception("job %s (%s) failed", jid, task)
            _finish(jid, error=failure_message(e))
            return
        with session_scope() as session:
            job = session.get(Job, jid)
            attempts = job.attempts if job else settings.job_max_attempts
        if attempts < settings.job_max_attempts:
            log.warning("job %s (%s) will be retried: %s", jid, task, e)
            _finish(jid, error=None, requeue=True)
            get_queue().enqueue(task, job_id, *ids)
        else:
            _finish(jid, error=str(e) if isinstance(e, TransientJobError) else failure_message(e))
    except AppError as e:
        _finish(jid, error=e.detail)
    except Exception as e:
        log.exception("job %s (%s) failed", jid, task)
        _finish(jid, error=failure_message(e))
    else:
        _finish(jid, error=None)
    finally:
        stop.set()


def reap_stale_jobs(*, stale_after_sec: float | None = None) -> list[uuid.UUID]:
    """Fail, or hand back to the queue, jobs whose worker stopped beating. Returns the ids touched."""
    settings = get_settings()
    stale_after = stale_after_sec if stale_after_sec is not None else settings.job_stale_after_sec
    cutoff = utcnow() - timedelta(seconds=stale_after)
    requeue: list[tuple[str, uuid.UUID]] = []
    failed: list[tuple[str, uuid.UUID]] = []
    touched: list[uuid.UUID] = []
    with session_scope() as session:
        stale = session.exec(select(Job).where(Job.status == JobStatus.PROCESSING, Job.heartbeat_at < cutoff)).all()
        for job in stale:
            touched.append(job.id)
            if job.attempts < settings.job_max_attempts:
                job.status = JobStatus.QUEUED
                job.stage = "retrying"
                requeue.append((job.kind, job.id))
            else:
                job.status = JobStatus.FAILED
                job.error_message = STALE_MESSAGE
                failed.append((job.kind, job.id))
            job.updated_at = utcnow()
            session.add(job)
        session.commit()
    if requeue:
        for task, jid in requeue:
            get_queue().enqueue(task, str(jid))
    for kind, jid in failed:
        run_failure_hook(kind, jid)
    if touched:
        log.warning("reaped %d stale job(s): %s", len(touched), ", ".join(map(str, touched)))
    return touched


def requeue_lost_jobs(*, older_than_sec: float | None = None) -> list[uuid.UUID]:
    """RQ only: queue again the jobs our database says are queued but Redis no longer holds (it restarted, or was
    down when they were created). Returns their ids."""
    settings = get_settings()
    queue = get_queue()
    if not hasattr(queue, "known_job_ids"):
        return []
    cutoff = utcnow() - timedelta(seconds=older_than_sec if older_than_sec is not None else settings.job_stale_after_sec)
    with session_scope() as session:
        waiting = [(job.kind, job.id) for job in session.exec(
            select(Job).where(Job.status == JobStatus.QUEUED, Job.updated_at < cutoff)).all() if job.kind not in TRACKING_KINDS]
    if not waiting:
        return []
    known = queue.known_job_ids()
    lost = [(kind, jid) for kind, jid in waiting if str(jid) not in known]
    for kind, jid in lost:
        with session_scope() as session:
            job = session.get(Job, jid)
            if job is None or job.status != JobStatus.QUEUED:
                continue
            job.updated_at = utcnow()  # the next sweep waits a full period before asking again
            session.add(job)
            session.commit()
        queue.enqueue(kind, str(jid))
    if lost:
        log.warning("queued %d job(s) again that Redis had lost: %s", len(lost), ", ".join(str(j) for _, j in lost))
    return [jid for _, jid in lost]


def sweep() -> None:
    """One pass of the background sweep: dead workers' jobs, jobs Redis lost, then what dead processes left on disk."""
    reap_stale_jobs()
    requeue_lost_jobs()
    remove_abandoned_scratch()
    remove_stale_temporaries()


def requeue_orphaned_jobs() -> int:
    """On start of an API with thread runners: queued jobs of a previous process are queued again."""
    with session_scope() as session:
        queued = session.exec(select(Job).where(Job.status == JobStatus.QUEUED)).all()
        items = [(job.kind, job.id) for job in queued if job.kind not in TRACKING_KINDS]
    for task, jid in items:
        get_queue().enqueue(task, str(jid))
    return len(items)
