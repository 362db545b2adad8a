"""Password reset by one-time link: tokens are random, kept only as SHA-256, expire, and work once."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import update
from sqlmodel import Session, select

from vibecraft.config import Settings
from vibecraft.errors import BadRequest, NotFound
from vibecraft.mail import mail_configured, send_mail
from vibecraft.models import PasswordResetToken, User, utcnow
from vibecraft.security import hash_password
from vibecraft.services import rate_limits
from vibecraft.services.users import check_password_rules, normalize_email

log = logging.getLogger(__name__)

RESET_PATH = "/reset-password"
LINK_DEAD = "This reset link has expired or was already used; ask for a new one."


@dataclass(frozen=True)
class ResetMail:
    to: str
    subject: str
    body: str


def token_hash(token: str) -> str:
    """What is stored of a reset token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def reset_link(base_url: str, token: str) -> str:
    """The web app's reset page link carrying `token`."""
    return f"{base_url.rstrip('/')}{RESET_PATH}?{urlencode({'token': token})}"


def create_reset_link(*, session: Session, settings: Settings, user: User, base_url: str) -> str:
    """A fresh one-time link for `user` (earlier unused links stop working)."""
    now = utcnow()
    session.exec(update(PasswordResetToken)
                 .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
                 .values(used_at=now))
    token = secrets.token_urlsafe(32)
    session.add(PasswordResetToken(user_id=user.id, token_hash=token_hash(token),
                                   expires_at=now + timedelta(minutes=settings.password_reset_ttl_min)))
    session.commit()
    return reset_link(base_url, token)


def link_for_email(*, session: Session, settings: Settings, email: str, base_url: str) -> str:
    """For the administrator's `vibecraft reset-password`: the link, or NotFound if no such account."""
    user = session.exec(select(User).where(User.email == normalize_email(email))).first()
    if user is None:
        raise NotFound(f"No account uses {email}.")
    return create_reset_link(session=session, settings=settings, user=user, base_url=base_url)


def request_reset(*, session: Session, settings: Settings, email: str, base_url: str, client_address: str) -> ResetMail | None:
    """Rate-limit, then make a link for the account if there is one and mail can be sent.

    The answer never says whether the account exists; the caller sends the returned mail after answering.
    """
    normalized = normalize_email(email)
    detail = "Too many password reset requests."
    for key in (f"reset:account:{normalized}", f"reset:address:{client_address}"):
        rate_limits.take(session, key=key, limit=settings.password_resets_per_hour, window_sec=3600, detail=detail)
    if not mail_configured(settings):
        return None
    user = session.exec(select(User).where(User.email == normalized)).first()
    if user is None:
        return None
    link = create_reset_link(session=session, settings=settings, user=user, base_url=base_url)
    minutes = settings.password_reset_ttl_min
    body = (f"Someone asked to reset the password of your VibeCraft account ({user.email}).\n\n"
            f"Choose a new password here (the link works once, for {minutes} minutes):\n{link}\n\n"
            "If it was not you, ignore this message: your password stays as it is.\n")
    return ResetMail(to=user.email, subject="Reset your VibeCraft password", body=body)


def deliver(settings: Settings, mail: ResetMail) -> None:
    """Send the reset mail; a failure is logged (the caller has already answered)."""
    try:
        send_mail(settings, to=mail.to, subject=mail.subject, body=mail.body)
    except Exception:
        log.exception("could not send the password reset mail")


def reset_password(*, session: Session, token: str, password: str) -> User:
    """Set a new password with a valid link; the link is spent in the same transaction."""
    check_password_rules(password)
    if not token or len(token) > 200:
        raise BadRequest(LINK_DEAD)
    row = session.exec(select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash(token))).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise BadRequest(LINK_DEAD)
    # Spend the link with a conditional write, so two submissions at once cannot both use it.
    spent = session.exec(update(PasswordResetToken)
                         .where(PasswordResetToken.id == row.id, PasswordResetToken.used_at.is_(None))
                         .values(used_at=utcnow()))
    user = session.get(User, row.user_id)
    if spent.rowcount != 1 or user is None:
        session.rollback()
        raise BadRequest(LINK_DEAD)
    user.hashed_password = hash_password(password)
    user.password_changed_at = utcnow()  # sessions begun before this moment end
    session.add(user)
    session.commit()
    return user
