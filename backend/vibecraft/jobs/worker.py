"""`vibecraft worker`: an RQ worker that loads the heavy models once, and keeps stale jobs from hanging."""

from __future__ import annotations

import logging
import threading
import time

from vibecraft.config import get_settings
from vibecraft.jobs import models_cache
from vibecraft.jobs.queue import lower_priority
from vibecraft.jobs.runner import sweep

log = logging.getLogger(__name__)

RECONNECT_SEC = 2.0


def preload_heavy_modules() -> None:
    """Import and warm the analysis models so each job does not pay for them (forked horses inherit them)."""
    try:
        models_cache.preload()
    except Exception:  # a worker without the optional models still runs every other job
        log.warning("could not preload analysis models", exc_info=True)


def start_reaper(every_sec: float, stop: threading.Event) -> threading.Thread:
    def loop() -> None:
        while not stop.wait(every_sec):
            try:
                sweep()
            except Exception:
                log.warning("stale-job sweep failed", exc_info=True)

    thread = threading.Thread(target=loop, name="vibecraft-reaper", daemon=True)
    thread.start()
    return thread


def run_worker(*, burst: bool = False, preload: bool = True) -> None:
    # Lazy: only a production install (REDIS_URL) uses Redis and RQ; the embedded one never loads them.
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Queue
    from rq.serializers import JSONSerializer

    from vibecraft.jobs.rq_worker import PromptExitWorker

    settings = get_settings()
    if not settings.redis_url:
        raise SystemExit("REDIS_URL is not set: without Redis, jobs run inside the API process (make start).")
    lower_priority(settings.job_niceness)
    if preload:
        preload_heavy_modules()
    redis = Redis.from_url(settings.redis_url)
    queue = Queue(settings.rq_queue_name, connection=redis, serializer=JSONSerializer)
    stop = threading.Event()
    start_reaper(max(5.0, settings.job_stale_after_sec / 3), stop)
    try:
        while True:
            try:
                worker = PromptExitWorker([queue], connection=redis, serializer=JSONSerializer)
                worker.work(burst=burst, with_scheduler=True)
                return
            except RedisConnectionError:
                # Redis restarted or is briefly away: wait for it rather than leave the queue without a worker.
                log.warning("lost the connection to Redis; reconnecting in %s s", RECONNECT_SEC, exc_info=True)
                time.sleep(RECONNECT_SEC)
    finally:
        stop.set()
