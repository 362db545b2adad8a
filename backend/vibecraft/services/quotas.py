"""Per-user limits on videos and stored bytes, counted in the transaction that uses them."""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlalchemy.exc import NoResultFound
from sqlmodel import Session, select

from vibecraft.config import Settings
from vibecraft.db import lock_row
from vibecraft.errors import QuotaExceeded
from vibecraft.models import User, Video
from vibecraft.services import rate_limits
from vibecraft.schemas import Usage


def lock_user(session: Session, user_id: uuid.UUID) -> User:
    """The user row, locked until commit so concurrent requests count one after another."""
    user = lock_row(session, User, user_id)
    if user is None:
        raise NoResultFound(f"user {user_id} does not exist")
    return user


def video_count(session: Session, user_id: uuid.UUID) -> int:
    """How many videos the user has."""
    return int(session.exec(select(func.count()).select_from(Video).where(Video.user_id == user_id)).one())


def usage(session: Session, user: User, settings: Settings) -> Usage:
    """The user's videos, storage and rate limits against their quotas, for GET /api/users/me."""
    return Usage(
        videos=video_count(session, user.id),
        videos_limit=settings.quota_max_videos,
        storage_bytes=max(0, user.storage_bytes),
        storage_limit_bytes=settings.quota_max_storage_bytes,
        **rate_limits.user_limits(session, settings, user.id),
    )


def _gb(n: int) -> str:
    return f"{n / 1024**3:.2f} GB"


def check_storage(user: User, extra_bytes: int, settings: Settings) -> None:
    """Raise QuotaExceeded when `extra_bytes` more would pass the user's storage quota."""
    if user.storage_bytes + extra_bytes > settings.quota_max_storage_bytes:
        raise QuotaExceeded(
            f"Storage quota reached: {_gb(user.storage_bytes)} of {_gb(settings.quota_max_storage_bytes)} used. "
            "Delete songs or videos you no longer need (Library → Delete) to free space."
        )


def check_video_slot(session: Session, user: User, settings: Settings) -> None:
    """Raise QuotaExceeded when the user already has as many videos as allowed."""
    count = video_count(session, user.id)
    if count >= settings.quota_max_videos:
        raise QuotaExceeded(
            f"Video quota reached: {count} of {settings.quota_max_videos} videos. "
            "Delete a video from your library to make a new one."
        )


def add_storage(user: User, delta_bytes: int) -> None:
    """Count `delta_bytes` (negative frees) against the user's storage, never below 0; the caller commits."""
    user.storage_bytes = max(0, user.storage_bytes + int(delta_bytes))
