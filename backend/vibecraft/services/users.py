"""Accounts: register, sign in (rate-limited), sign out (revocation), and who a token belongs to."""

from __future__ import annotations

import uuid
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from vibecraft.config import Settings
from vibecraft.errors import BadRequest, Conflict, TooManyRequests, Unauthorized
from vibecraft.models import LoginFailure, RevokedToken, User, utcnow
from vibecraft.security import (
    InvalidToken,
    create_access_token,
    decode_access_token,
    hash_password,
    verify_password,
)

PASSWORD_MIN, PASSWORD_MAX = 8, 128
BAD_CREDENTIALS = "Incorrect email or password."


def normalize_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as e:
        raise BadRequest(f"That email address is not valid: {e}") from e


def check_password_rules(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise BadRequest(f"Password must be {PASSWORD_MIN}–{PASSWORD_MAX} characters long.")


def issue_token(user: User, settings: Settings) -> str:
    token, _ = create_access_token(
        user.id, secret=settings.secret_key, ttl=timedelta(minutes=settings.access_token_ttl_min)
    )
    return token


def register(*, session: Session, settings: Settings, email: str, password: str) -> tuple[User, str]:
    email = normalize_email(email)
    check_password_rules(password)
    user = User(email=email, hashed_password=hash_password(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError as e:
        session.rollback()
        raise Conflict("An account with this email already exists; sign in instead.") from e
    return user, issue_token(user, settings)


def _recent_failures(session: Session, key: str, settings: Settings) -> int:
    since = utcnow() - timedelta(seconds=settings.login_window_sec)
    stmt = select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key, LoginFailure.created_at >= since)
    return int(session.exec(stmt).one())


def login(*, session: Session, settings: Settings, email: str, password: str, client_address: str) -> tuple[User, str]:
    email_key = f"account:{email.strip().lower()}"
    address_key = f"address:{client_address}"
    wait = f"wait {max(1, round(settings.login_window_sec / 60))} minutes and try again"
    if _recent_failures(session, email_key, settings) >= settings.login_max_failures_per_account:
        raise TooManyRequests(f"Too many failed sign-in attempts for this account; {wait}.", settings.login_window_sec)
    if _recent_failures(session, address_key, settings) >= settings.login_max_failures_per_address:
        raise TooManyRequests(f"Too many failed sign-in attempts from your network; {wait}.", settings.login_window_sec)
    try:
        normalized = normalize_email(email)
    except BadRequest:
        normalized = None
    user = session.exec(select(User).where(User.email == normalized)).first() if normalized else None
    if not verify_password(password, user.hashed_password if user else None) or user is None:
        session.add(LoginFailure(key=email_key))
        session.add(LoginFailure(key=address_key))
        session.commit()
        raise Unauthorized(BAD_CREDENTIALS)
    session.exec(delete(LoginFailure).where(LoginFailure.key == email_key))
    session.commit()
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
    return user, claims.jti


def logout(*, session: Session, settings: Settings, token: str) -> None:
    claims = decode_access_token(token, secret=settings.secret_key)
    if session.get(RevokedToken, claims.jti) is None:
        session.add(RevokedToken(jti=claims.jti, expires_at=claims.expires_at))
    # Revocations outlive their tokens only until expiry; sweep the expired ones here.
    session.exec(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
    session.commit()


def get_user(session: Session, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)
