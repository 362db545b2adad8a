"""Job status: the Job row is the truth for status and progress."""

import uuid

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep
from vibecraft.api.presenters import job_out
from vibecraft.errors import NotFound
from vibecraft.models import Job
from vibecraft.schemas import JobOut

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobOut)
def get_job(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """A job's status, progress (0–100), stage and error."""
    job = session.get(Job, job_id)
    if job is None or job.user_id != user.id:
        raise NotFound("Job not found.")
    return job_out(job)
