"""Clip planning, generation, its status, and composition."""

import uuid

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.presenters import clip_out, job_out
from vibecraft.errors import Conflict, NotFound
from vibecraft.models import Job, Video
from vibecraft.providers import get_provider
from vibecraft.schemas import ClipOut, ComposeResultOut, EstimateOut, GenerationStatusOut, JobOut
from vibecraft.services import clips as clips_service
from vibecraft.services import generation
from vibecraft.services.songs import get_song
from vibecraft.statuses import JobKind, JobStatus

router = APIRouter(prefix="/songs", tags=["clips"])


@router.post("/{song_id}/clips/plan", status_code=201, response_model=list[ClipOut])
def plan(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> list[ClipOut]:
    """Plan beat-aligned clips of 3–10 s for every section (deterministic)."""
    clips = clips_service.plan_song_clips(session=session, user=user, song_id=song_id, provider=get_provider(), settings=settings)
    return [clip_out(c, storage, settings) for c in clips]


@router.get("/{song_id}/clips", response_model=list[ClipOut])
def list_clips(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> list[ClipOut]:
    """The planned clips in order, with their status."""
    return [clip_out(c, storage, settings) for c in clips_service.list_clips(session=session, user=user, song_id=song_id)]


@router.get("/{song_id}/clips/estimate", response_model=EstimateOut)
def estimate(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> EstimateOut:
    """What generating the planned clips will cost and how long it will take."""
    return clips_service.estimate(session=session, user=user, song_id=song_id, provider=get_provider(), settings=settings)


@router.post("/{song_id}/clips/generate", status_code=202, response_model=JobOut)
def generate(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> JobOut:
    """Generate every planned clip; the video is composed when they are all done."""
    return job_out(generation.start_generation(session=session, user=user, song_id=song_id, settings=settings))


@router.post("/{song_id}/clips/{clip_id}/retry", status_code=202, response_model=JobOut)
def retry(song_id: uuid.UUID, clip_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """Retry a failed clip; the others are kept."""
    return job_out(generation.retry_clip(session=session, user=user, song_id=song_id, clip_id=clip_id))


@router.get("/{song_id}/generation/status", response_model=GenerationStatusOut)
def status(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> GenerationStatusOut:
    """Combined progress: generation 0–80 % by clips done, composition 80/90/95/100."""
    return generation.generation_status(session=session, user=user, song_id=song_id)


@router.post("/{song_id}/compose", status_code=202, response_model=JobOut)
def compose(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """Compose the video again from the clips as they are."""
    return job_out(generation.start_composition(session=session, user=user, song_id=song_id))


def _compose_job(session, user, song_id: uuid.UUID, job_id: uuid.UUID) -> Job:  # noqa: ANN001
    song = get_song(session, user, song_id)
    job = session.get(Job, job_id)
    if job is None or job.song_id != song.id or job.kind != JobKind.COMPOSE_VIDEO:
        raise NotFound("Composition job not found.")
    return job


@router.get("/{song_id}/compose/{job_id}/status", response_model=JobOut)
def compose_status(song_id: uuid.UUID, job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """A composition job's status."""
    return job_out(_compose_job(session, user, song_id, job_id))


@router.get("/{song_id}/compose/{job_id}/result", response_model=ComposeResultOut)
def compose_result(
    song_id: uuid.UUID, job_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep
) -> ComposeResultOut:
    """The composed video of a finished composition job."""
    job = _compose_job(session, user, song_id, job_id)
    if job.status != JobStatus.COMPLETED:
        raise Conflict(f"The composition is {job.status}; its result is not ready.")
    video = session.get(Video, job.target_id)
    if video is None or not video.storage_key:
        raise NotFound("The video of this composition was deleted.")
    return ComposeResultOut(
        video_id=video.id,
        video_url=storage.url(video.storage_key, ttl_sec=settings.signed_url_ttl_sec),
        duration_sec=video.duration_sec or 0.0,
        file_size_bytes=video.file_size_bytes,
    )
