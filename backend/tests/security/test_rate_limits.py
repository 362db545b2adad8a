"""Findings 2 and 4: one atomic rate limiter, keyed on the normalized identity, that slows guessing without locking
the owner out, and daily limits on registrations, re-analyses and generation rounds (shown in /api/users/me)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session

from tests.conftest import register, reset_caches
from tests.factories import analyzed_song, two_sections


def login(client, email, password):
    return client.post("/api/auth/login", json={"email": email, "password": password})


def test_a_fullwidth_spelling_of_the_email_shares_the_accounts_counter(client):
    """The attack: `alice@ｅxample.com` signed in while `alice@example.com` was held back, each spelling counted apart."""
    register(client, "alice@example.com", "right password")
    spellings = ["alice@example.com", "ALICE@example.com", "alice@ｅxample.com", "ａlice@example.com", "alice@example.com"]
    for email in spellings:
        assert login(client, email, "wrong password").status_code == 401
    held = login(client, "alice@ｅxample.com", "right password")
    assert held.status_code == 429 and int(held.headers["retry-after"]) >= 1


def test_parallel_wrong_passwords_are_counted_one_by_one(client, monkeypatch):
    """The attack: 40 parallel wrong passwords were all evaluated (19 of them past a limit of 5)."""
    from vibecraft.config import get_settings
    from vibecraft.services import rate_limits

    register(client, "parallel@example.com", "right password")
    frozen = rate_limits.clock()
    monkeypatch.setattr(rate_limits, "clock", lambda: frozen)  # no delay runs out while the guesses are checked
    free = get_settings().login_free_failures_per_account
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: login(client, "parallel@example.com", "wrong password").status_code, range(40)))
    assert statuses.count(401) <= free and statuses.count(429) >= 40 - free
    assert set(statuses) <= {401, 429}


def test_wrong_passwords_slow_the_account_but_never_lock_out_the_owner(client, monkeypatch):
    """The attack: five wrong passwords locked the real owner out, from any address, for 15 minutes."""
    from vibecraft.services import rate_limits

    register(client, "owner@example.com", "right password")
    now = [rate_limits.clock()]
    monkeypatch.setattr(rate_limits, "clock", lambda: now[0])
    waits = []
    for _ in range(12):
        res = login(client, "owner@example.com", "wrong password")
        if res.status_code == 429:
            waits.append(int(res.headers["retry-after"]))
            assert "try again in" in res.json()["detail"]
            now[0] += waits[-1]
            res = login(client, "owner@example.com", "wrong password")
        assert res.status_code == 401
    assert waits == sorted(waits) and waits[0] == 1 and max(waits) <= 60  # doubling, capped at a minute
    blocked = login(client, "owner@example.com", "right password")
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) <= 60
    now[0] += int(blocked.headers["retry-after"])
    assert login(client, "owner@example.com", "right password").status_code == 200
    assert login(client, "owner@example.com", "wrong password").status_code == 401  # the owner's sign-in cleared it
    assert login(client, "owner@example.com", "right password").status_code == 200


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_the_limiter_grants_exactly_the_limit_under_contention(app_env, monkeypatch, backend, request):
    """The attack: 44 of 60 parallel uploads passed a limit of 30 (the count was read, then written)."""
    from vibecraft.db import get_engine
    from vibecraft.services import rate_limits

    if backend == "redis":
        monkeypatch.setenv("REDIS_URL", request.getfixturevalue("redis_url"))
        reset_caches()
    key = f"upload:{uuid.uuid4()}"
    rule = rate_limits.Window(30, 3600)
    start = threading.Barrier(12)

    def attempt(_):
        with Session(get_engine()) as session:
            start.wait(timeout=30) if _ < 12 else None
            return rate_limits.hit_window(session, key, rule).granted

    with ThreadPoolExecutor(max_workers=12) as pool:
        granted = list(pool.map(attempt, range(60)))
    assert granted.count(True) == 30
    backoff = rate_limits.Backoff(free=5, max_delay_sec=60, window_sec=900)

    def guess(_):
        with Session(get_engine()) as session:
            return rate_limits.hit_backoff(session, "login-account:x@example.com", backoff).granted

    with ThreadPoolExecutor(max_workers=12) as pool:
        guesses = list(pool.map(guess, range(40)))
    assert guesses.count(True) == 5


def test_registrations_from_one_address_are_limited(client, monkeypatch):
    """The attack: 30 accounts registered in 6.7 s, each with a full quota."""
    from vibecraft.config import get_settings

    monkeypatch.setattr(get_settings(), "registrations_per_address_per_day", 3)
    for i in range(3):
        register(client, f"bulk{i}@example.com")
    res = client.post("/api/auth/register", json={"email": "bulk9@example.com", "password": "a long password"})
    assert res.status_code == 429 and "network" in res.json()["detail"]
    assert 0 < int(res.headers["retry-after"]) <= 86400


def test_reanalysis_of_an_unchanged_song_is_limited_per_day(client, auth, tmp_path, monkeypatch):
    """The attack: re-analysis was unlimited (a full decode each time)."""
    from vibecraft.config import get_settings
    from vibecraft.db import get_engine
    from vibecraft.models import Job

    queued = []
    monkeypatch.setattr("vibecraft.services.analysis.enqueue", lambda task, job_id: queued.append(job_id))
    monkeypatch.setattr(get_settings(), "reanalyses_per_day", 2)
    song = analyzed_song(client, auth, tmp_path, seconds=4.0)
    for _ in range(2):
        res = client.post(f"/api/songs/{song['id']}/analyze", headers=auth)
        assert res.status_code == 202
        with Session(get_engine()) as s:  # the job ends (as the worker would end it)
            job = s.get(Job, uuid.UUID(res.json()["id"]))
            job.status = "completed"
            s.add(job)
            s.commit()
    refused = client.post(f"/api/songs/{song['id']}/analyze", headers=auth)
    assert refused.status_code == 429 and "re-analysed" in refused.json()["detail"]
    assert int(refused.headers["retry-after"]) > 0 and len(queued) == 2
    usage = client.get("/api/users/me", headers=auth).json()["usage"]
    assert usage["reanalyses"]["used"] == 2 and usage["reanalyses"]["limit"] == 2


def test_generation_rounds_are_limited_per_user_per_day(client, auth, tmp_path, monkeypatch):
    """The attack: delete-and-generate repeated full rounds without limit (billed per clip on Replicate)."""
    from vibecraft.config import get_settings
    from vibecraft.db import get_engine
    from vibecraft.models import Video

    dispatched = []
    monkeypatch.setattr("vibecraft.services.generation.dispatch", lambda song_id: dispatched.append(song_id))
    monkeypatch.setattr(get_settings(), "generation_rounds_per_day", 1)
    song = analyzed_song(client, auth, tmp_path, seconds=8.0)
    assert client.post(f"/api/songs/{song['id']}/sections", headers=auth, json={"sections": two_sections(song)}).status_code == 201
    assert client.post(f"/api/songs/{song['id']}/clips/plan", headers=auth).status_code == 201
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    with Session(get_engine()) as s:  # the round ends in failure, so a new one may start
        from sqlmodel import select

        video = s.exec(select(Video).where(Video.song_id == uuid.UUID(song["id"]))).one()
        video.stage = video.status = "failed"
        s.add(video)
        s.commit()
    again = client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth)
    assert again.status_code == 429 and "generations today" in again.json()["detail"]
    assert int(again.headers["retry-after"]) > 0 and len(dispatched) == 1
    usage = client.get("/api/users/me", headers=auth).json()["usage"]
    assert usage["generation_rounds"] == {**usage["generation_rounds"], "used": 1, "limit": 1}
