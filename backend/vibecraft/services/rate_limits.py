"""One rate limiter for every limit: fixed windows (uploads, registrations, analyses, generation rounds,
sign-in failures per address) and progressive delays (sign-in failures per account).

Each decision is one atomic step: a Lua script in Redis when REDIS_URL is set, otherwise one
`INSERT … ON CONFLICT DO UPDATE … RETURNING` on the counter's row, so parallel requests are counted
one after another and never all read the same count. A refused attempt does not count.
"""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from vibecraft.config import Settings, get_settings
from vibecraft.errors import TooManyRequests
from vibecraft.models import RateCounter
from vibecraft.schemas import LimitUse

clock = time.time  # tests move time by replacing this
REDIS_PREFIX = "vibecraft:rate:"
DELAY_BASE_MS = 1000

_table = RateCounter.__table__
_col = _table.c


@dataclass(frozen=True)
class Decision:
    granted: bool
    retry_after_sec: float  # when refused: until the window ends or the delay is over
    used: int


@dataclass(frozen=True)
class Window:
    """At most `limit` granted attempts per fixed window of `window_sec` (aligned to the epoch, so a day is a UTC day)."""

    limit: int
    window_sec: int

    def start_ms(self, now_ms: int) -> int:
        size = self.window_sec * 1000
        return now_ms // size * size

    def retry_after(self, now_ms: int) -> float:
        return (self.start_ms(now_ms) + self.window_sec * 1000 - now_ms) / 1000


@dataclass(frozen=True)
class Backoff:
    """After `free` attempts, each one waits twice as long as the one before (1 s, 2 s, 4 s …) up to `max_delay_sec`;
    a run of attempts is forgotten `window_sec` after the last one."""

    free: int
    max_delay_sec: int
    window_sec: int

    def delay_ms(self, attempt: int) -> int:
        if attempt < self.free:
            return 0
        return min(self.max_delay_sec * 1000, DELAY_BASE_MS * 2 ** min(attempt - self.free, 40))

    def delay_table(self) -> list[tuple[int, int]]:
        """(attempt, delay) until the delay reaches its cap: small enough to spell out in one SQL CASE."""
        rows, attempt = [], self.free
        while True:
            rows.append((attempt, self.delay_ms(attempt)))
            if rows[-1][1] >= self.max_delay_sec * 1000:
                return rows
            attempt += 1


def _now_ms() -> int:
    return int(clock() * 1000)


def _insert(session: Session):  # noqa: ANN202
    return sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert


@lru_cache
def _redis(url: str):  # noqa: ANN202
    # Lazy: only a production install (REDIS_URL) uses Redis and RQ; the embedded one never loads them.
    from redis import Redis

    return Redis.from_url(url, socket_timeout=5)


_WINDOW_LUA = """
local w, limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 'w', 'c')
local c = tonumber(h[2] or '0')
if tonumber(h[1] or '-1') ~= w then c = 0 end
local granted = 0
if c < limit then c = c + 1; granted = 1 end
redis.call('HSET', KEYS[1], 'w', w, 'c', c)
redis.call('PEXPIRE', KEYS[1], ttl)
return {granted, c}
"""

_RELEASE_LUA = """
local h = redis.call('HMGET', KEYS[1], 'w', 'c')
if tonumber(h[1] or '-1') == tonumber(ARGV[1]) and tonumber(h[2] or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 'c', -1)
end
return 0
"""

_BACKOFF_LUA = """
local now, window, free, base, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local h = redis.call('HMGET', KEYS[1], 'last', 'c', 'until')
local last, c, untl = tonumber(h[1] or '0'), tonumber(h[2] or '0'), tonumber(h[3] or '0')
if untl > now then return {0, c, untl} end
if last < now - window then c = 0 end
c = c + 1
local d = 0
if c >= free then d = math.min(cap, base * 2 ^ math.min(c - free, 40)) end
untl = now + d
redis.call('HSET', KEYS[1], 'last', now, 'c', c, 'until', untl)
redis.call('PEXPIRE', KEYS[1], window + cap)
return {1, c, untl}
"""


def _settings() -> Settings:
    return get_settings()


def hit_window(session: Session, key: str, rule: Window, *, commit: bool = True) -> Decision:
    """Count one attempt under `key` if the window has room; the decision says whether it was let through.

    commit=False leaves the count in the caller's transaction: it holds only if the caller commits (database only)."""
    now = _now_ms()
    start = rule.start_ms(now)
    settings = _settings()
    if settings.redis_url:
        granted, used = _redis(settings.redis_url).eval(_WINDOW_LUA, 1, REDIS_PREFIX + key, start, rule.limit,
                                                       rule.window_sec * 1000)
        return Decision(bool(granted), rule.retry_after(now), int(used))
    nonce = secrets.token_hex(8)
    same_window = _col.window_start_ms == start
    stmt = _insert(session)(_table).values(key=key, window_start_ms=start, count=1, blocked_until_ms=0, last_grant=nonce)
    stmt = stmt.on_conflict_do_update(
        index_elements=[_col.key],
        set_={
            "window_start_ms": start,
            # Every expression reads the row as it was before this update.
            "count": sa.case((~same_window, 1), (_col.count < rule.limit, _col.count + 1), else_=_col.count),
            "last_grant": sa.case((~same_window | (_col.count < rule.limit), nonce), else_=_col.last_grant),
        },
    ).returning(_col.count, _col.last_grant)
    used, grant = session.execute(stmt).one()
    if commit:
        session.commit()
    return Decision(grant == nonce, rule.retry_after(now), int(used))


def release_window(session: Session, key: str, rule: Window) -> None:
    """Give back one attempt counted in the current window (a sign-in that turned out right)."""
    start = rule.start_ms(_now_ms())
    settings = _settings()
    if settings.redis_url:
        _redis(settings.redis_url).eval(_RELEASE_LUA, 1, REDIS_PREFIX + key, start)
        return
    session.execute(sa.update(_table).where(_col.key == key, _col.window_start_ms == start, _col.count > 0)
                    .values(count=_col.count - 1))
    session.commit()


def used_in_window(session: Session, key: str, rule: Window) -> int:
    """How many attempts the current window has counted (for showing limits; counts nothing)."""
    start = rule.start_ms(_now_ms())
    settings = _settings()
    if settings.redis_url:
        w, c = _redis(settings.redis_url).hmget(REDIS_PREFIX + key, "w", "c")
        return int(c) if w is not None and int(float(w)) == start else 0
    row = session.get(RateCounter, key)
    return row.count if row is not None and row.window_start_ms == start else 0


def hit_backoff(session: Session, key: str, rule: Backoff) -> Decision:
    """Let an attempt through unless the key's current delay is still running; each attempt lengthens the next delay."""
    now = _now_ms()
    window_ms, cap_ms = rule.window_sec * 1000, rule.max_delay_sec * 1000
    settings = _settings()
    if settings.redis_url:
        granted, used, until = _redis(settings.redis_url).eval(
            _BACKOFF_LUA, 1, REDIS_PREFIX + key, now, window_ms, rule.free, DELAY_BASE_MS, cap_ms)
        return Decision(bool(granted), max(0.0, (int(until) - now) / 1000), int(used))
    nonce = secrets.token_hex(8)
    blocked = _col.blocked_until_ms > now
    attempt = sa.case((_col.window_start_ms < now - window_ms, 1), else_=_col.count + 1)
    delay = sa.case(*[(attempt == n, ms) for n, ms in rule.delay_table()], (attempt > rule.free, cap_ms), else_=0)
    stmt = _insert(session)(_table).values(
        key=key, window_start_ms=now, count=1, blocked_until_ms=now + rule.delay_ms(1), last_grant=nonce)
    stmt = stmt.on_conflict_do_update(
        index_elements=[_col.key],
        set_={
            "count": sa.case((blocked, _col.count), else_=attempt),
            "window_start_ms": sa.case((blocked, _col.window_start_ms), else_=now),
            "blocked_until_ms": sa.case((blocked, _col.blocked_until_ms), else_=sa.literal(now, sa.BigInteger) + delay),
            "last_grant": sa.case((blocked, _col.last_grant), else_=nonce),
        },
    ).returning(_col.count, _col.blocked_until_ms, _col.last_grant)
    used, until, grant = session.execute(stmt).one()
    session.commit()
    return Decision(grant == nonce, max(0.0, (until - now) / 1000), int(used))


def clear(session: Session, key: str) -> None:
    """Forget the key's attempts (the account owner signed in)."""
    settings = _settings()
    if settings.redis_url:
        _redis(settings.redis_url).delete(REDIS_PREFIX + key)
        return
    session.execute(sa.delete(_table).where(_col.key == key))
    session.commit()


def wait_phrase(seconds: float) -> str:
    """'in 3 seconds', 'in 12 minutes', 'in 5 hours': when to try again, for a sentence."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return f"in {seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 2 * 3600:
        return f"in {math.ceil(seconds / 60)} minutes"
    return f"in {math.ceil(seconds / 3600)} hours"


def take(session: Session, *, key: str, limit: int, window_sec: int, detail: str, commit: bool = True) -> None:
    """Count one attempt under `key`; raise TooManyRequests(detail, Retry-After) if `limit` were already used."""
    decision = hit_window(session, key, Window(limit, window_sec), commit=commit)
    if not decision.granted:
        raise TooManyRequests(f"{detail} You can try again {wait_phrase(decision.retry_after_sec)}.",
                              retry_after_sec=decision.retry_after_sec)


# The product's limits, by name: what /api/users/me shows and what each service takes.

def registration_rule(settings: Settings) -> Window:
    """Registrations per address per day."""
    return Window(settings.registrations_per_address_per_day, 86400)


def upload_rule(settings: Settings) -> Window:
    """Uploads (songs and media) per user per upload window."""
    return Window(settings.upload_max_per_window, settings.upload_window_sec)


def reanalysis_rule(settings: Settings) -> Window:
    """Re-analyses per user per day."""
    return Window(settings.reanalyses_per_day, 86400)


def generation_rule(settings: Settings) -> Window:
    """Generation rounds per user per day."""
    return Window(settings.generation_rounds_per_day, 86400)


def login_address_rule(settings: Settings) -> Window:
    """Failed logins per address per login window."""
    return Window(settings.login_max_failures_per_address, settings.login_window_sec)


def login_account_rule(settings: Settings) -> Backoff:
    """Failed logins per account before each further try waits (doubling, capped)."""
    return Backoff(settings.login_free_failures_per_account, settings.login_max_delay_sec, settings.login_window_sec)


USER_LIMITS = {
    "uploads": ("upload", upload_rule),
    "reanalyses": ("reanalysis", reanalysis_rule),
    "generation_rounds": ("generation", generation_rule),
}


def user_key(kind: str, user_id: object) -> str:
    """The limiter key of one kind of limit for one user."""
    return f"{kind}:{user_id}"


def user_limits(session: Session, settings: Settings, user_id: object) -> dict[str, LimitUse]:
    """The user's per-window limits as they stand, for GET /api/users/me."""
    now = _now_ms()
    out = {}
    for name, (kind, rule_of) in USER_LIMITS.items():
        rule = rule_of(settings)
        used = min(rule.limit, used_in_window(session, user_key(kind, user_id), rule))
        out[name] = LimitUse(used=used, limit=rule.limit, window_sec=rule.window_sec,
                             resets_in_sec=math.ceil(rule.retry_after(now)))
    return out


def take_upload(session: Session, settings: Settings, user_id: object) -> None:
    """Uploads are checked by decoding them, which costs; each account gets a budget of attempts per window."""
    rule = upload_rule(settings)
    minutes = max(1, rule.window_sec // 60)
    take(session, key=user_key("upload", user_id), limit=rule.limit, window_sec=rule.window_sec,
         detail=f"Too many uploads: at most {rule.limit} every {minutes} minutes.")


def take_reanalysis(session: Session, user_id: object, settings: Settings | None = None) -> None:
    """Analysing a song that already has an analysis again costs a full decode; limited per day."""
    rule = reanalysis_rule(settings or _settings())
    take(session, key=user_key("reanalysis", user_id), limit=rule.limit, window_sec=rule.window_sec,
         detail=f"You have re-analysed songs {rule.limit} times today, the daily limit.")


def take_generation_round(session: Session, user_id: object, settings: Settings | None = None) -> None:
    """Every generation or regeneration round renders (or pays for) clips; limited per user per day.

    Called inside the round's own transaction (which may hold row locks), so it does not commit: the round
    counts when the round is committed."""
    rule = generation_rule(settings or _settings())
    take(session, key=user_key("generation", user_id), limit=rule.limit, window_sec=rule.window_sec, commit=False,
         detail=f"You have started {rule.limit} generations today, the daily limit.")
