"""Password reset: a one-time link by e-mail (real SMTP to a local aiosmtpd server) or from the CLI."""

import re
import socket
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlmodel import Session, select
from typer.testing import CliRunner

from tests.conftest import register, reset_caches

EMAIL = "singer@example.com"
OLD, NEW = "correct horse battery", "a brand new passphrase"


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox(app_env, monkeypatch):
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_FROM", "VibeCraft <no-reply@vibecraft.test>")
    monkeypatch.setenv("SMTP_SECURITY", "none")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://vibecraft.test")
    reset_caches()
    yield handler
    controller.stop()


@pytest.fixture
def mail_client(inbox):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False)) as c:
        yield c


def wait_for_mail(inbox, count=1, timeout=10.0):
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(inbox.messages) >= count, "no mail arrived"
    return inbox.messages[count - 1]


def link_token(text: str) -> str:
    match = re.search(r"https://vibecraft\.test/reset-password\?token=([A-Za-z0-9_\-]+)", text)
    assert match, text
    return match.group(1)


def login(client, password):
    return client.post("/api/auth/login", json={"email": EMAIL, "password": password})


def test_mailed_link_sets_a_new_password_once(mail_client, inbox):
    old_session = register(mail_client, EMAIL, OLD)
    res = mail_client.post("/api/auth/password-reset", json={"email": EMAIL})  # within the same second, often
    assert res.status_code == 202 and res.json()["delivery"] == "email"
    mail = wait_for_mail(inbox)
    assert mail["To"] == EMAIL and "Reset" in mail["Subject"]
    token = link_token(mail.get_payload(decode=True).decode())
    done = mail_client.post("/api/auth/password-reset/confirm", json={"token": token, "password": NEW})
    assert done.status_code == 200 and done.json()["user"]["email"] == EMAIL and done.json()["access_token"]
    assert login(mail_client, OLD).status_code == 401
    assert login(mail_client, NEW).status_code == 200
    new_session = {"Authorization": f"Bearer {done.json()['access_token']}"}
    assert mail_client.get("/api/users/me", headers=new_session).status_code == 200
    # Sessions from before the reset end: whoever knew the old password is signed out.
    signed_out = mail_client.get("/api/users/me", headers=old_session)
    assert signed_out.status_code == 401 and "password was changed" in signed_out.json()["detail"]
    again = mail_client.post("/api/auth/password-reset/confirm", json={"token": token, "password": "yet another one!"})
    assert again.status_code == 400 and "ask for a new one" in again.json()["detail"]
    assert login(mail_client, NEW).status_code == 200


def test_tokens_are_kept_only_as_hashes(mail_client, inbox):
    from vibecraft.db import get_engine
    from vibecraft.models import PasswordResetToken

    register(mail_client, EMAIL, OLD)
    mail_client.post("/api/auth/password-reset", json={"email": EMAIL})
    token = link_token(wait_for_mail(inbox).get_payload(decode=True).decode())
    with Session(get_engine()) as s:
        rows = s.exec(select(PasswordResetToken)).all()
    assert len(rows) == 1 and token not in rows[0].token_hash and len(rows[0].token_hash) == 64


def test_unknown_address_gets_the_same_answer_and_no_mail(mail_client, inbox):
    res = mail_client.post("/api/auth/password-reset", json={"email": "nobody@example.com"})
    assert res.status_code == 202 and res.json()["delivery"] == "email"
    time.sleep(0.5)
    assert inbox.messages == []


def test_expired_link_is_refused(mail_client, inbox):
    from vibecraft.db import get_engine
    from vibecraft.models import PasswordResetToken, utcnow

    register(mail_client, EMAIL, OLD)
    mail_client.post("/api/auth/password-reset", json={"email": EMAIL})
    token = link_token(wait_for_mail(inbox).get_payload(decode=True).decode())
    with Session(get_engine()) as s:
        row = s.exec(select(PasswordResetToken)).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        s.add(row)
        s.commit()
    res = mail_client.post("/api/auth/password-reset/confirm", json={"token": token, "password": NEW})
    assert res.status_code == 400 and "expired" in res.json()["detail"]
    assert login(mail_client, OLD).status_code == 200


def test_a_newer_link_replaces_the_older(mail_client, inbox):
    register(mail_client, EMAIL, OLD)
    mail_client.post("/api/auth/password-reset", json={"email": EMAIL})
    first = link_token(wait_for_mail(inbox, 1).get_payload(decode=True).decode())
    mail_client.post("/api/auth/password-reset", json={"email": EMAIL})
    second = link_token(wait_for_mail(inbox, 2).get_payload(decode=True).decode())
    assert mail_client.post("/api/auth/password-reset/confirm", json={"token": first, "password": NEW}).status_code == 400
    assert mail_client.post("/api/auth/password-reset/confirm", json={"token": second, "password": NEW}).status_code == 200


def test_bad_input_is_a_clear_4xx(mail_client, inbox):
    register(mail_client, EMAIL, OLD)
    bad_email = mail_client.post("/api/auth/password-reset", json={"email": "not an address"})
    assert bad_email.status_code == 400 and "not valid" in bad_email.json()["detail"]
    assert mail_client.post("/api/auth/password-reset", json={}).status_code == 422
    short = mail_client.post("/api/auth/password-reset/confirm", json={"token": "x" * 43, "password": "short"})
    assert short.status_code == 400 and "characters" in short.json()["detail"]
    unknown = mail_client.post("/api/auth/password-reset/confirm", json={"token": "x" * 43, "password": NEW})
    assert unknown.status_code == 400 and "ask for a new one" in unknown.json()["detail"]
    assert mail_client.post("/api/auth/password-reset/confirm", json={"token": "", "password": NEW}).status_code == 422


def test_requests_are_rate_limited(mail_client, inbox, monkeypatch):
    monkeypatch.setenv("PASSWORD_RESETS_PER_HOUR", "2")
    reset_caches()
    register(mail_client, EMAIL, OLD)
    for _ in range(2):
        assert mail_client.post("/api/auth/password-reset", json={"email": EMAIL}).status_code == 202
    res = mail_client.post("/api/auth/password-reset", json={"email": EMAIL})
    assert res.status_code == 429 and "Too many" in res.json()["detail"] and int(res.headers["Retry-After"]) > 0


def test_without_mail_the_answer_points_to_the_administrator(client):
    register(client, EMAIL, OLD)
    res = client.post("/api/auth/password-reset", json={"email": EMAIL})
    assert res.status_code == 202 and res.json()["delivery"] == "administrator"
    assert "vibecraft reset-password" in res.json()["detail"]


def test_cli_prints_a_working_link(client, monkeypatch):
    from vibecraft.cli import app

    register(client, EMAIL, OLD)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://vibecraft.test")
    reset_caches()
    result = CliRunner().invoke(app, ["reset-password", EMAIL])
    assert result.exit_code == 0, result.output
    token = link_token(result.output)
    assert client.post("/api/auth/password-reset/confirm", json={"token": token, "password": NEW}).status_code == 200
    assert login(client, NEW).status_code == 200
    missing = CliRunner().invoke(app, ["reset-password", "nobody@example.com"])
    assert missing.exit_code == 1 and "No account" in missing.output
