"""Sliding-window limits counted in the database, so every API process sees the same count."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from vibecraft.errors import TooManyRequests
from vibecraft.models import RateEvent, utcnow


def take(session: Session, *, key: str, limit: int, window_sec: int, detail: str) -> None:
    """Count one attempt under `key`; raise TooManyRequests(detail) if `limit` were already used in the window."""
    now = utcnow()
    since = now - timedelta(seconds=window_sec)
    in_window = (RateEvent.key == key, RateEvent.created_at >= since)
    used, oldest = session.exec(select(func.count(), func.min(RateEvent.created_at)).where(*in_window)).one()
    if used >= limit:
        # A slot frees up when the oldest attempt in the window leaves it.
        raise TooManyRequests(detail, retry_after_sec=window_sec - (now - oldest).total_seconds())
    session.add(RateEvent(key=key))
    session.exec(delete(RateEvent).where(RateEvent.key == key, RateEvent.created_at < since))
    session.commit()
