"""The shared provider rate limit: never above the rate, across threads and processes."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator

import pytest

from tests.conftest import redis_test_url, unavailable
from vibecraft.providers.base import ProviderRateLimited
from vibecraft.providers.rate_limit import Bucket, LocalRateLimiter, RedisRateLimiter, make_rate_limiter

RATE_LIMIT_REDIS_URL = os.environ.get("VC_TEST_RATE_LIMIT_REDIS_URL") or redis_test_url(13)


@pytest.fixture
def limiter_redis_url() -> Iterator[str]:
    """A throwaway Redis database, flushed before and after."""
    import redis

    conn = redis.Redis.from_url(RATE_LIMIT_REDIS_URL, socket_connect_timeout=2)
    try:
        conn.ping()
    except redis.exceptions.ConnectionError as e:
        unavailable(f"Redis does not answer at {RATE_LIMIT_REDIS_URL}: {e}")
    conn.flushdb()
    yield RATE_LIMIT_REDIS_URL
    conn.flushdb()
    conn.close()


def assert_never_above(times: list[float], per_sec: float, burst: int) -> None:
    """In every stretch of the timeline, no more calls than the burst plus what the rate refilled."""
    times = sorted(times)
    jitter = 0.05  # each time is read just after its token was taken, a little late under load
    for i in range(len(times)):
        for j in range(i + 1, len(times)):
            allowed = burst + per_sec * (times[j] - times[i] + jitter)
            assert j - i + 1 <= allowed + 1e-9, f"{j - i + 1} calls in {times[j] - times[i]:.3f} s (allowed {allowed:.2f})"


def take_in_threads(limiters: list, calls_each: int, kind: str = "create") -> list[float]:
    times: list[float] = []
    lock = threading.Lock()

    def worker(limiter) -> None:
        for _ in range(calls_each):
            limiter.acquire(kind)
            with lock:
                times.append(time.time())

    threads = [threading.Thread(target=worker, args=(limiter,)) for limiter in limiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return times


def test_local_limiter_bounds_threads_to_the_rate():
    limiter = make_rate_limiter(None, key="replicate:test", creates_per_min=600, create_burst=2)

    started = time.time()
    times = take_in_threads([limiter] * 4, calls_each=5)

    assert len(times) == 20
    assert_never_above(times, per_sec=10, burst=2)
    assert times and max(times) - started >= (20 - 2) / 10 - 0.05


def test_creates_and_other_calls_have_separate_buckets():
    limiter = make_rate_limiter(None, key="replicate:test", creates_per_min=60, calls_per_min=6000)

    limiter.acquire("create")
    started = time.monotonic()
    for _ in range(20):
        limiter.acquire("call")

    assert time.monotonic() - started < 0.5


def test_wait_beyond_max_wait_is_rate_limited():
    limiter = make_rate_limiter(None, key="replicate:test", creates_per_min=6)
    limiter.acquire("create")

    with pytest.raises(ProviderRateLimited, match="6 creates a minute"):
        limiter.acquire("create", max_wait=0.5)


def test_local_pause_holds_every_caller():
    limiter = make_rate_limiter(None, key="replicate:test")
    limiter.pause(0.4)

    waited = limiter.acquire("call")

    assert waited >= 0.35


def test_make_rate_limiter_picks_redis_when_given_a_url(limiter_redis_url):
    assert isinstance(make_rate_limiter(None, key="k"), LocalRateLimiter)
    assert isinstance(make_rate_limiter(limiter_redis_url, key="k"), RedisRateLimiter)


def test_redis_limiter_bounds_threads_with_their_own_clients(limiter_redis_url):
    limiters = [
        make_rate_limiter(limiter_redis_url, key="replicate:shared", creates_per_min=600, create_burst=2) for _ in range(4)
    ]

    times = take_in_threads(limiters, calls_each=5)

    assert len(times) == 20
    assert_never_above(times, per_sec=10, burst=2)


def _take_in_process(redis_url: str, key: str, calls: int, results_key: str) -> None:
    import redis

    limiter = make_rate_limiter(redis_url, key=key, creates_per_min=600, create_burst=2)
    conn = redis.Redis.from_url(redis_url)
    for _ in range(calls):
        limiter.acquire("create")
        conn.rpush(results_key, repr(time.time()))


def test_redis_limiter_bounds_separate_processes(limiter_redis_url):
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_take_in_process, args=(limiter_redis_url, "replicate:procs", 5, "results")) for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)

    import redis

    times = [float(t) for t in redis.Redis.from_url(limiter_redis_url).lrange("results", 0, -1)]
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert len(times) == 15
    assert_never_above(times, per_sec=10, burst=2)


def test_redis_pause_holds_callers_in_other_workers(limiter_redis_url):
    one = make_rate_limiter(limiter_redis_url, key="replicate:pause")
    other = make_rate_limiter(limiter_redis_url, key="replicate:pause")

    one.pause(0.5)
    one.pause(0.1)  # a shorter pause does not cut the longer one short
    waited = other.acquire("call")

    assert waited >= 0.4


def test_redis_limiter_falls_back_to_this_process_when_redis_is_gone():
    limiter = make_rate_limiter("redis://127.0.0.1:1/0", key="replicate:gone", creates_per_min=600, create_burst=1)

    started = time.monotonic()
    limiter.acquire("create")
    limiter.acquire("create")

    assert 0.05 <= time.monotonic() - started < 2


def test_bucket_rate_in_seconds():
    assert Bucket(600, 10).per_sec == 10
