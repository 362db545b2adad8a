"""Sliding-window limits counted in the database, so every API process sees the same count."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from vibecraft.errors import TooManyRequests
from vibecraft.models import RateEvent, utcnow


def take(session: Session, *, key: str, limit: int, window_sec: int, detail: str) -> None:
    """Count one attempt under `key`; raise TooManyRequests(detail) if `limit` were already used in the window."""
    since = utcnow() - timedelta(seconds=window_sec)
    used = int(session.exec(select(func.count()).select_from(RateEvent).where(RateEvent.key == key,
                                                                              RateEvent.created_at >= since)).one())
    if used >= limit:
        raise TooManyRequests(detail)
    session.add(RateEvent(key=key))
    session.exec(delete(RateEvent).where(RateEvent.key == key, RateEvent.created_at < since))
    session.commit()
