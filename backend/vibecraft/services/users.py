"""Accounts: register, sign in (rate-limited), sign out (revocation), and who a token belongs to."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from vibecraft.config import Settings
from vibecraft.errors import BadRequest, Conflict, TooManyRequests, Unauthorized
from vibecraft.models import RevokedToken, User, utcnow
from vibecraft.security import (
    InvalidToken,
    create_access_token,
    decode_access_token,
    hash_password,
    verify_password,
)
from vibecraft.services import rate_limits

PASSWORD_MIN, PASSWORD_MAX = 10, 128
BAD_CREDENTIALS = "Incorrect email or password."


def identity(email: str) -> str:
    """The one spelling of an address: NFKC (full-width and other compatibility forms fold to plain letters), then
    casefold. Accounts are stored, found and rate-limited under it, so `ａlice@ｅxample.com` is alice@example.com."""
    return unicodedata.normalize("NFKC", email.strip()).casefold()


def normalize_email(email: str) -> str:
    """The account's email as stored; 400 with the reason when it is not an address."""
    try:
        return identity(validate_email(identity(email), check_deliverability=False).normalized)
    except EmailNotValidError as e:
        raise BadRequest(f"That email address is not valid: {e}") from e


@lru_cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common leaked passwords, shipped offline by the zxcvbn package (maintained, MIT)."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password_rules(password: str, email: str = "") -> None:
    """Raise BadRequest when the password is too short or long, common, or the email itself."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise BadRequest(f"Password must be {PASSWORD_MIN}–{PASSWORD_MAX} characters long.")
    folded = identity(password)
    if folded in common_passwords() or (email and folded == identity(email)):
        raise BadRequest("This password is one of the most commonly used and easy to guess; choose another "
                         "(a few unrelated words work well).")


def issue_token(user: User, settings: Settings) -> str:
    """A signed access token for the user, valid for ACCESS_TOKEN_TTL_MIN minutes."""
    token, _ = create_access_token(
        user.id, secret=settings.secret_key, ttl=timedelta(minutes=settings.access_token_ttl_min)
    )
    return token


def register(*, session: Session, settings: Settings, email: str, password: str, client_address: str) -> tuple[User, str]:
    """Create an account; a client address may create only so many a day (each account has its own quota)."""
    email = normalize_email(email)
    check_password_rules(password, email)
    rule = rate_limits.registration_rule(settings)
    decision = rate_limits.hit_window(session, f"register:{client_address}", rule)
    if not decision.granted:
        raise TooManyRequests(
            f"Too many accounts were created from your network today (at most {rule.limit}); "
            f"try again {rate_limits.wait_phrase(decision.retry_after_sec)}.",
            decision.retry_after_sec,
        )
    user = User(email=email, hashed_password=hash_password(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError as e:
        session.rollback()
        raise Conflict("An account with this email already exists; sign in instead.") from e
    return user, issue_token(user, settings)


def login(*, session: Session, settings: Settings, email: str, password: str, client_address: str) -> tuple[User, str]:
    """Check the password, within two limits taken before it is checked (so parallel guesses are counted too):
    per client address a fixed window, per account a delay that doubles with each failure. The owner is never
    locked out: after a correct sign-in from anywhere the account's delay is cleared."""
    account_key = f"login-account:{identity(email)}"
    address_key = f"login-address:{client_address}"
    address_rule = rate_limits.login_address_rule(settings)
    by_address = rate_limits.hit_window(session, address_key, address_rule)
    if not by_address.granted:
        raise TooManyRequests(
            "Too many failed sign-in attempts from your network; "
            f"try again {rate_limits.wait_phrase(by_address.retry_after_sec)}.", by_address.retry_after_sec)
    by_account = rate_limits.hit_backoff(session, account_key, rate_limits.login_account_rule(settings))
    if not by_account.granted:
        rate_limits.release_window(session, address_key, address_rule)
        raise TooManyRequests(
            "Several wrong passwords were tried for this account, so each new try has to wait a little; "
            f"try again {rate_limits.wait_phrase(by_account.retry_after_sec)}.", by_account.retry_after_sec)
    try:
        normalized = normalize_email(email)
    except BadRequest:
        normalized = None
    user = session.exec(select(User).where(User.email == normalized)).first() if normalized else None
    if not verify_password(password, user.hashed_password if user else None) or user is None:
        raise Unauthorized(BAD_CREDENTIALS)
    rate_limits.clear(session, account_key)
    rate_limits.release_window(session, address_key, address_rule)
    return user, issue_token(user, settings)


def user_for_token(*, session: Session, settings: Settings, token: str) -> tuple[User, str]:
    """The user a bearer token belongs to, and the token's id; 401 if invalid, expired or revoked."""
    try:
        claims = decode_access_token(token, secret=settings.secret_key)
    except InvalidToken as e:
        raise Unauthorized(str(e)) from e
    if session.get(RevokedToken, claims.jti) is not None:
        raise Unauthorized("This session was signed out; please sign in again.")
    user = session.get(User, claims.user_id)
    if user is None:
        raise Unauthorized("This account no longer exists.")
    if user.password_changed_at is not None and claims.issued_at is not None and claims.issued_at < user.password_changed_at:
        raise Unauthorized("Your password was changed; please sign in again.")
    return user, claims.jti


def logout(*, session: Session, settings: Settings, token: str) -> None:
    """Revoke the token until it expires (and sweep expired revocations); commits."""
    claims = decode_access_token(token, secret=settings.secret_key)
    if session.get(RevokedToken, claims.jti) is None:
        session.add(RevokedToken(jti=claims.jti, expires_at=claims.expires_at))
    # Revocations outlive their tokens only until expiry; sweep the expired ones here.
    session.exec(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
    session.commit()
