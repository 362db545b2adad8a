"""One rate limit per provider, shared by every worker: a token bucket in Redis, or in this process."""

from __future__ import annotations

import logging
import math
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Literal

from vibecraft.providers.base import ProviderRateLimited

log = logging.getLogger(__name__)

CallKind = Literal["create", "call"]

# Replicate's published limits; accounts with little credit get far less, so both are settings.
DEFAULT_CREATES_PER_MIN = 600
DEFAULT_CALLS_PER_MIN = 3000


@dataclass(frozen=True)
class Bucket:
    """A token bucket: `per_min` tokens a minute, holding at most `burst`."""

    per_min: float
    burst: int

    @property
    def per_sec(self) -> float:
        return self.per_min / 60.0


def default_burst(per_min: float) -> int:
    """One second's worth of calls, at least one: bursts stay small so a fleet never spikes."""
    return max(1, int(per_min // 60))


class RateLimiter(ABC):
    """Blocks a caller until its provider call fits in the shared rate."""

    def __init__(self, creates: Bucket, calls: Bucket):
        self.buckets: dict[str, Bucket] = {"create": creates, "call": calls}

    def acquire(self, kind: CallKind = "call", *, max_wait: float | None = None) -> float:
        """Take one token of `kind`, sleeping as needed; return seconds waited.

        Raises ProviderRateLimited when the wait would pass `max_wait` seconds.
        """
        bucket = self.buckets[kind]
        started = time.monotonic()
        while True:
            wait = self._try_take(kind, bucket)
            waited = time.monotonic() - started
            if wait <= 0:
                return waited
            if max_wait is not None and waited + wait > max_wait:
                raise ProviderRateLimited(
                    f"The provider's shared rate limit ({bucket.per_min:g} {kind}s a minute) "
                    f"would hold this call longer than {max_wait:g} s."
                )
            time.sleep(wait)

    @abstractmethod
    def pause(self, seconds: float) -> None:
        """Hold every caller of this limiter for `seconds` (the provider said Retry-After)."""

    @abstractmethod
    def _try_take(self, kind: str, bucket: Bucket) -> float:
        """Take a token now and return 0, or return the seconds until one may be free."""


class LocalRateLimiter(RateLimiter):
    """The token bucket inside this process (threads share it); used when there is no Redis."""

    def __init__(self, creates: Bucket, calls: Bucket):
        super().__init__(creates, calls)
        self._lock = threading.Lock()
        self._state: dict[str, tuple[float, float]] = {}  # kind -> (tokens, last refill)
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def _try_take(self, kind: str, bucket: Bucket) -> float:
        with self._lock:
            now = time.monotonic()
            if now < self._paused_until:
                return self._paused_until - now
            tokens, last = self._state.get(kind, (float(bucket.burst), now))
            tokens = min(float(bucket.burst), tokens + (now - last) * bucket.per_sec)
            if tokens >= 1.0:
                self._state[kind] = (tokens - 1.0, now)
                return 0.0
            self._state[kind] = (tokens, now)
            return (1.0 - tokens) / bucket.per_sec


# Redis's own clock is the only clock every worker machine agrees on, so the script reads TIME.
_TAKE_TOKEN_LUA = """
local bucket_key, pause_key = KEYS[1], KEYS[2]
local per_sec, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local paused_ms = redis.call('PTTL', pause_key)
if paused_ms > 0 then
  return tostring(paused_ms / 1000)
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', bucket_key, 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local last = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - last) * per_sec)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / per_sec
end
redis.call('HSET', bucket_key, 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', bucket_key, math.ceil(burst / per_sec * 1000) + 1000)
return tostring(wait)
"""

# A shorter pause never cuts a longer one short.
_PAUSE_LUA = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
"""


class RedisRateLimiter(RateLimiter):
    """The token bucket in Redis, taken atomically by a Lua script, so all processes share it.

    If Redis stops answering, calls fall back to an in-process bucket (logged) rather than fail.
    """

    def __init__(self, redis_client, key: str, creates: Bucket, calls: Bucket):
        super().__init__(creates, calls)
        self.redis = redis_client
        self.key = f"vibecraft:ratelimit:{key}"
        self._take = redis_client.register_script(_TAKE_TOKEN_LUA)
        self._pause = redis_client.register_script(_PAUSE_LUA)
        self._fallback = LocalRateLimiter(creates, calls)

    def pause(self, seconds: float) -> None:
        import redis  # lazy: only a production install (REDIS_URL) loads redis; make_rate_limiter already did

        ms = max(1, int(math.ceil(seconds * 1000)))
        try:
            self._pause(keys=[f"{self.key}:pause"], args=[ms])
        except redis.exceptions.RedisError as e:
            log.warning("rate limiter: Redis unavailable (%s); pausing this process only", e)
            self._fallback.pause(seconds)

    def _try_take(self, kind: str, bucket: Bucket) -> float:
        import redis  # lazy: only a production install (REDIS_URL) loads redis; make_rate_limiter already did

        try:
            wait = self._take(keys=[f"{self.key}:{kind}", f"{self.key}:pause"], args=[bucket.per_sec, bucket.burst])
        except redis.exceptions.RedisError as e:
            log.warning("rate limiter: Redis unavailable (%s); limiting this process only", e)
            return self._fallback._try_take(kind, bucket)
        return float(wait)


def make_rate_limiter(
    redis_url: str | None,
    *,
    key: str,
    creates_per_min: float = DEFAULT_CREATES_PER_MIN,
    calls_per_min: float = DEFAULT_CALLS_PER_MIN,
    create_burst: int | None = None,
    call_burst: int | None = None,
) -> RateLimiter:
    """The shared limiter for one provider: in Redis when a URL is given, else in this process."""
    creates = Bucket(creates_per_min, create_burst or default_burst(creates_per_min))
    calls = Bucket(calls_per_min, call_burst or default_burst(calls_per_min))
    if not redis_url:
        return LocalRateLimiter(creates, calls)
    import redis  # lazy: only a production install (REDIS_URL) loads redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
    return RedisRateLimiter(client, key, creates, calls)
