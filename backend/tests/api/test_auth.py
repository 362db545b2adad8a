"""Accounts through HTTP: register, sign in, sign out, and every way a token or login can be wrong."""

from datetime import timedelta

import jwt

from tests.conftest import register


def test_register_returns_token_and_normalised_user(client):
    res = client.post("/api/auth/register", json={"email": "  Mixed.Case@Example.COM ", "password": "long enough pw"})
    assert res.status_code == 201
    body = res.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["email"] == "mixed.case@example.com"
    usage = body["user"]["usage"]
    assert {k: usage[k] for k in ("videos", "videos_limit", "storage_bytes", "storage_limit_bytes")} == {
        "videos": 0, "videos_limit": 15, "storage_bytes": 0, "storage_limit_bytes": 5 * 1024**3}
    assert usage["uploads"]["used"] == 0 and usage["uploads"]["limit"] == 30
    assert usage["generation_rounds"]["limit"] == 20 and usage["reanalyses"]["window_sec"] == 86400


def test_duplicate_email_is_409_whatever_the_case(client):
    register(client, "dup@example.com")
    res = client.post("/api/auth/register", json={"email": "DUP@example.com", "password": "another password"})
    assert res.status_code == 409
    assert "already exists" in res.json()["detail"]


def test_password_length_rules(client):
    short = client.post("/api/auth/register", json={"email": "a@example.com", "password": "nine char"})
    long = client.post("/api/auth/register", json={"email": "b@example.com", "password": "x" * 129})
    assert short.status_code == 400 and "10–128" in short.json()["detail"]
    assert long.status_code == 400
    assert client.post("/api/auth/register", json={"email": "c@example.com", "password": "x" * 128}).status_code == 201


def test_invalid_email_and_malformed_body(client):
    assert client.post("/api/auth/register", json={"email": "not-an-email", "password": "unusual phrase"}).status_code == 400
    res = client.post("/api/auth/register", content=b"{not json", headers={"content-type": "application/json"})
    assert res.status_code == 422 and res.json()["detail"]


def test_login_wrong_password_and_unknown_email_look_the_same(client):
    register(client, "who@example.com", "right password")
    wrong = client.post("/api/auth/login", json={"email": "who@example.com", "password": "wrong password"})
    unknown = client.post("/api/auth/login", json={"email": "nobody@example.com", "password": "right password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]


def test_login_success_and_me(client):
    register(client, "me@example.com", "right password")
    res = client.post("/api/auth/login", json={"email": "ME@example.com", "password": "right password"})
    assert res.status_code == 200
    token = res.json()["access_token"]
    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["email"] == "me@example.com"


def test_logout_revokes_the_token(client):
    headers = register(client)
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    res = client.get("/api/users/me", headers=headers)
    assert res.status_code == 401 and "signed out" in res.json()["detail"]


def test_logout_revocation_holds_in_another_api_process(client, app_env):
    """Revocation lives in the database, so a second app instance (another process) refuses the token too."""
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    headers = register(client)
    client.post("/api/auth/logout", headers=headers)
    with TestClient(create_app(run_sweeps=False)) as other:
        assert other.get("/api/users/me", headers=headers).status_code == 401


def test_missing_expired_and_tampered_tokens(client):
    from vibecraft.config import get_settings
    from vibecraft.security import create_access_token

    headers = register(client)
    me = client.get("/api/users/me", headers=headers).json()
    assert client.get("/api/users/me").status_code == 401
    expired, _ = create_access_token(__import__("uuid").UUID(me["id"]), secret=get_settings().secret_key, ttl=timedelta(seconds=-5))
    res = client.get("/api/users/me", headers={"Authorization": f"Bearer {expired}"})
    assert res.status_code == 401 and "expired" in res.json()["detail"]
    token = headers["Authorization"].split()[1]
    forged = jwt.encode({**jwt.decode(token, options={"verify_signature": False}), "sub": me["id"]}, "other-secret", algorithm="HS256")
    assert client.get("/api/users/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    head, payload, sig = token.split(".")
    flipped = sig[:-2] + ("AA" if sig[-2:] != "AA" else "BB")
    assert client.get("/api/users/me", headers={"Authorization": f"Bearer {head}.{payload}.{flipped}"}).status_code == 401


def test_login_is_slowed_per_account(client):
    register(client, "target@example.com", "right password")
    for _ in range(5):
        assert client.post("/api/auth/login", json={"email": "target@example.com", "password": "nope nope"}).status_code == 401
    res = client.post("/api/auth/login", json={"email": "target@example.com", "password": "right password"})
    assert res.status_code == 429 and "try again in 1 second" in res.json()["detail"]
    assert res.headers["retry-after"] == "1"


def test_login_is_rate_limited_per_address(client, monkeypatch):
    from vibecraft.config import get_settings

    monkeypatch.setattr(get_settings(), "login_max_failures_per_address", 3)
    for i in range(3):
        client.post("/api/auth/login", json={"email": f"guess{i}@example.com", "password": "nope nope"})
    res = client.post("/api/auth/login", json={"email": "fresh@example.com", "password": "whatever1"})
    assert res.status_code == 429 and "network" in res.json()["detail"]
    assert 0 < int(res.headers["retry-after"]) <= 900


def test_passwords_are_stored_as_argon2id(client, app_env):
    from sqlmodel import Session, select

    from vibecraft.db import get_engine
    from vibecraft.models import User

    register(client, "hash@example.com", "plain text pw")
    with Session(get_engine()) as s:
        user = s.exec(select(User).where(User.email == "hash@example.com")).one()
    assert user.hashed_password.startswith("$argon2id$") and "plain text pw" not in user.hashed_password
