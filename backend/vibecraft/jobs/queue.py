"""enqueue(task, job_id): two runners chosen by REDIS_URL — in-process threads, or RQ on Redis."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from vibecraft.config import Settings, get_settings

log = logging.getLogger(__name__)

# Both runners start a job through the runner named by its path, as RQ must (a worker process imports it by
# name); the runner queues retries through this module, so importing it here would make a circle.
ENTRY_POINT = "vibecraft.jobs.runner.execute"


def entry_point() -> Callable[..., None]:
    """The runner's execute(task, job_id, *ids), looked up by its path."""
    module, _, name = ENTRY_POINT.rpartition(".")
    return getattr(importlib.import_module(module), name)


def lower_priority(niceness: int) -> None:
    """Run the calling thread (and the ffmpeg it starts, which inherits it) below the API's CPU priority."""
    if niceness <= 0:
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), niceness))
    except (AttributeError, OSError):  # not Linux-like: priorities stay as they are
        log.debug("could not lower the job thread's priority", exc_info=True)


class ThreadQueue:
    """Embedded default: jobs run on worker threads inside the API process."""

    name = "threads"

    def __init__(self, workers: int, niceness: int = 0):
        # Job threads run long stretches of Python (rendering, beat tracking); a request thread waiting for the
        # GIL would otherwise wait the default 5 ms at every hand-off, several times per request.
        sys.setswitchinterval(0.001)
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="vibecraft-job",
                                        initializer=lower_priority, initargs=(niceness,))
        self._lock = threading.Lock()

    def enqueue(self, task: str, *args: str) -> None:
        execute = entry_point()

        def run() -> None:
            try:
                execute(task, *args)
            except Exception:  # execute records failures itself; this guards the pool thread
                log.exception("job runner crashed for %s %s", task, args)

        with self._lock:
            self._pool.submit(run)

    def check(self) -> None:
        return None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class RQQueue:
    """Production: RQ on Redis, any number of `vibecraft worker` processes."""

    name = "rq"

    def __init__(self, redis_url: str, queue_name: str, *, job_timeout: int, max_attempts: int):
        # Lazy: only a production install (REDIS_URL) uses Redis and RQ; the embedded one never loads them.
        from redis import Redis
        from rq import Queue
        from rq.serializers import JSONSerializer

        self.redis = Redis.from_url(redis_url)
        self.queue = Queue(queue_name, connection=self.redis, serializer=JSONSerializer)
        self.job_timeout = job_timeout
        self.max_attempts = max_attempts

    def enqueue(self, task: str, *args: str) -> None:
        # Lazy: RQ and Redis are loaded only by a production install (see __init__).
        from redis.exceptions import RedisError
        from rq import Retry

        # Our Job id plus a suffix: readable in RQ dashboards, unique per attempt.
        job_id = f"{args[0]}-{uuid.uuid4().hex[:8]}" if args else None
        # A crashed RQ job is retried by RQ; a job that fails in our code is recorded by execute().
        try:
            self.queue.enqueue(
                ENTRY_POINT,
                task,
                *args,
                job_timeout=self.job_timeout,
                retry=Retry(max=self.max_attempts - 1, interval=[5, 30]) if self.max_attempts > 1 else None,
                result_ttl=3600,
                failure_ttl=24 * 3600,
                job_id=job_id,
            )
        except RedisError:
            # The Job row is committed and stays queued; requeue_lost_jobs() hands it over once Redis answers.
            log.warning("Redis refused job %s (%s); it will be queued again by the sweep", args[0] if args else "?", task,
                        exc_info=True)

    def known_job_ids(self) -> set[str]:
        """Our Job ids that RQ holds waiting, running, scheduled or deferred (RQ ids are '<job id>-<suffix>')."""
        # Lazy: RQ is loaded only by a production install (see __init__).
        from rq.registry import DeferredJobRegistry, ScheduledJobRegistry, StartedJobRegistry

        ids = list(self.queue.get_job_ids())
        for registry in (StartedJobRegistry, ScheduledJobRegistry, DeferredJobRegistry):
            ids += registry(queue=self.queue).get_job_ids()
        return {rq_id.rsplit("-", 1)[0] for rq_id in ids}

    def check(self) -> None:
        self.redis.ping()

    def shutdown(self) -> None:
        self.redis.close()


def make_queue(settings: Settings) -> ThreadQueue | RQQueue:
    if settings.uses_rq:
        return RQQueue(
            settings.redis_url,
            settings.rq_queue_name,
            job_timeout=settings.job_timeout_sec,
            max_attempts=settings.job_max_attempts,
        )
    return ThreadQueue(settings.worker_threads, settings.job_niceness)


@lru_cache
def get_queue() -> ThreadQueue | RQQueue:
    return make_queue(get_settings())


def enqueue(task: str, *ids: object) -> None:
    """Queue a task by name with the ids it works on. Call only after the creating transaction commits."""
    get_queue().enqueue(task, *(str(i) for i in ids))
