"""What a running job sees: its id, and a way to report progress to its Job row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from vibecraft.db import session_scope
from vibecraft.models import Job, utcnow


class JobCancelled(Exception):
    pass


class TransientJobError(Exception):
    """A failure worth another attempt (a provider hiccup), unlike a bad input."""


@dataclass
class JobContext:
    job_id: uuid.UUID

    def report(self, progress: int, stage: str | None = None) -> None:
        """Record progress (it never goes backwards) and the current stage."""
        with session_scope() as session:
            job = session.get(Job, self.job_id)
            if job is None:
                raise JobCancelled(f"Job {self.job_id} no longer exists")
            job.progress = max(job.progress, min(100, int(progress)))
            if stage:
                job.stage = stage
            job.heartbeat_at = utcnow()
            job.updated_at = utcnow()
            session.add(job)
            session.commit()
