"""Billed predictions per clip attempt: recorded in their own commits so a re-run never pays twice.

An attempt is one version of a clip made by a billed provider. Its row says which prediction (if
any) is being made for it and how far it got. A job that runs again follows the recorded prediction;
a clip whose job failed for good has its unfinished prediction canceled.
"""

from __future__ import annotations

import logging
import uuid

from sqlmodel import Session, col, select

from vibecraft.db import session_scope
from vibecraft.models import ClipAttempt, utcnow
from vibecraft.providers.base import PredictionTracker, StoredPrediction, VideoProvider

log = logging.getLogger(__name__)

FOLLOWABLE = ("creating", "created", "succeeded")  # a re-run may still follow these
UNFINISHED = ("creating", "created")  # still running on the provider (and costing)


class ClipAttemptTracker(PredictionTracker):
    """The PredictionTracker of one clip version; every write commits at once."""

    def __init__(self, clip_id: uuid.UUID, clip_version: int, provider: str):
        self.clip_id = clip_id
        self.clip_version = clip_version
        self.provider = provider

    def _latest(self, session: Session) -> ClipAttempt | None:
        return session.exec(
            select(ClipAttempt)
            .where(ClipAttempt.clip_id == self.clip_id, ClipAttempt.clip_version == self.clip_version)
            .order_by(col(ClipAttempt.sent_at).desc())
        ).first()

    def current(self) -> StoredPrediction | None:
        with session_scope() as session:
            row = self._latest(session)
            if row is None or row.state not in FOLLOWABLE:
                return None
            return StoredPrediction(prediction_id=row.prediction_id, state=row.state, model_input=row.model_input,
                                    sent_at=row.sent_at)

    def creating(self, model: str, model_input: dict) -> None:
        with session_scope() as session:
            row = self._latest(session)
            if row is None or row.state not in ("creating",) or row.prediction_id:
                row = ClipAttempt(clip_id=self.clip_id, clip_version=self.clip_version, provider=self.provider, model=model)
            row.model = model
            row.model_input = _without_inline_images(model_input)
            row.state = "creating"
            row.sent_at = utcnow()
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def created(self, prediction_id: str) -> None:
        with session_scope() as session:
            row = self._latest(session)
            if row is None or row.prediction_id not in (None, prediction_id):
                row = ClipAttempt(clip_id=self.clip_id, clip_version=self.clip_version, provider=self.provider, model="")
            row.prediction_id = prediction_id
            row.state = "created"
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    def finished(self, state: str, error: str | None = None) -> None:
        with session_scope() as session:
            row = self._latest(session)
            if row is None:
                return
            row.state = state
            row.error = error
            row.updated_at = utcnow()
            session.add(row)
            session.commit()


def _without_inline_images(model_input: dict) -> dict:
    # A data URL can be 256 KB; the lookup that uses this input leaves images out anyway.
    return {k: ("data:…" if isinstance(v, str) and v.startswith("data:") else v) for k, v in model_input.items()}


def mark_stored(session: Session, clip_id: uuid.UUID, clip_version: int) -> None:
    """In the transaction that stores the clip: its attempt is done (nothing left to follow or cancel)."""
    rows = session.exec(
        select(ClipAttempt).where(ClipAttempt.clip_id == clip_id, ClipAttempt.clip_version == clip_version,
                                  col(ClipAttempt.state).in_(FOLLOWABLE))
    ).all()
    for row in rows:
        row.state = "stored"
        row.updated_at = utcnow()
        session.add(row)


def abandon(clip_id: uuid.UUID, provider: VideoProvider) -> int:
    """The clip's job failed for good: cancel every prediction of it still running. Returns how many."""
    with session_scope() as session:
        rows = session.exec(
            select(ClipAttempt).where(ClipAttempt.clip_id == clip_id, col(ClipAttempt.state).in_(UNFINISHED))
        ).all()
        pending = [(row.id, row.prediction_id) for row in rows]
    canceled = 0
    for row_id, prediction_id in pending:
        if prediction_id:
            log.info("canceling prediction %s of abandoned clip %s", prediction_id, clip_id)
            provider.cancel_prediction(prediction_id)
            canceled += 1
        with session_scope() as session:
            row = session.get(ClipAttempt, row_id)
            if row is not None:
                row.state = "canceled" if prediction_id else "unconfirmed"
                row.error = "the clip's job was abandoned"
                row.updated_at = utcnow()
                session.add(row)
                session.commit()
    return canceled


def attempts_of(session: Session, clip_id: uuid.UUID) -> list[ClipAttempt]:
    """Every recorded attempt of a clip, oldest first."""
    return list(session.exec(select(ClipAttempt).where(ClipAttempt.clip_id == clip_id).order_by(col(ClipAttempt.sent_at))).all())
