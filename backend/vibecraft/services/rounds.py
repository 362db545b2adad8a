"""Every change a worker makes to a generation round, in one place.

A round is tracked by one Job (kind generate_video, regenerate_clip or regenerate_section); its clips carry
the round's id. Clip jobs are dispatched a few at a time; each clip stored (or failed) moves the round on,
which dispatches the next and, once none is left, either reports the failures or queues composition;
composition reports its milestones and, once the video is stored, closes the round.

Every function takes ids, opens and commits its own transaction, and enqueues only after that commit. What a
musician asks for (start, retry, regenerate) is in services/generation.py; the media work is in jobs/tasks.py,
which calls one function of this module when its work is done.
"""

from __future__ import annotations

import logging
import uuid

from sqlmodel import Session

from vibecraft.config import get_settings
from vibecraft.db import lock_row, session_scope
from vibecraft.jobs.queue import enqueue
from vibecraft.milestones import CLIPS_SHARE, COMPOSE_PROGRESS, ComposeStep
from vibecraft.models import Clip, Job, Section, Song, Video, utcnow
from vibecraft.services import quotas
from vibecraft.services.cleanup import delete_with_retries
from vibecraft.services.clip_attempts import mark_stored as mark_attempt_stored
from vibecraft.services.clip_jobs import abandon_clip_predictions, clips_waiting_for_frames
from vibecraft.services.clips import song_clips
from vibecraft.services.songs import video_of_song
from vibecraft.statuses import ClipStatus, JobKind, JobStatus, RoundStage, VideoStatus
from vibecraft.storage import get_storage

log = logging.getLogger(__name__)


def dispatch(song_id: uuid.UUID) -> int:
    """Start planned clips of the song while fewer than the limit are generating. Returns how many started."""
    settings = get_settings()
    started: list[uuid.UUID] = []
    with session_scope() as session:
        song = lock_row(session, Song, song_id)
        if song is None:
            return 0
        clips = song_clips(session, song_id)
        waiting = clips_waiting_for_frames(session, song_id, clips)
        active = sum(1 for c in clips if c.status == ClipStatus.GENERATING)
        for clip in clips:
            if active >= settings.generation_concurrency:
                break
            if clip.status != ClipStatus.PLANNED or clip.id in waiting:
                continue
            job = Job(user_id=song.user_id, song_id=song_id, kind=JobKind.GENERATE_CLIP, target_id=clip.id)
            clip.status = ClipStatus.GENERATING
            clip.updated_at = utcnow()
            session.add_all([job, clip])
            started.append(job.id)
            active += 1
        session.commit()
    for job_id in started:
        enqueue(JobKind.GENERATE_CLIP, job_id)
    return len(started)


def advance(song_id: uuid.UUID) -> None:
    """After a clip job ends: update progress, dispatch more, or close the round (failures or composition)."""
    dispatch(song_id)
    compose_job_id = None
    with session_scope() as session:
        song = lock_row(session, Song, song_id)
        video = video_of_song(session, song_id) if song else None
        if video is None or video.stage != RoundStage.GENERATING or video.round_job_id is None:
            return
        round_job = session.get(Job, video.round_job_id)
        members = [c for c in song_clips(session, song_id) if c.round_id == video.round_job_id]
        done = [c for c in members if c.round_done]
        if members:
            pct = CLIPS_SHARE * sum(1 for c in done if c.status == ClipStatus.COMPLETED) // len(members)
            video.progress = max(video.progress, pct)
            if round_job is not None:
                round_job.progress = max(round_job.progress, video.progress)
                round_job.stage = f"generated {len(done)} of {len(members)} clips"
        if len(done) < len(members):
            session.add(video)
            if round_job is not None:
                session.add(round_job)
            session.commit()
            return
        failed = [c for c in members if c.status == ClipStatus.FAILED or c.error_message]
        if failed:
            message = f"{len(failed)} of {len(members)} clips failed ({failed[0].error_message}). Retry them to continue."
            video.stage = RoundStage.FAILED
            video.error_message = message
            if not video.storage_key:
                video.status = VideoStatus.FAILED
            if round_job is not None:
                round_job.status, round_job.error_message = JobStatus.FAILED, message
            for clip in failed:
                if clip.normalized_key:
                    clip.status = ClipStatus.COMPLETED  # a failed regeneration keeps the clip's previous version
                session.add(clip)
        else:
            compose = Job(user_id=song.user_id, song_id=song_id, kind=JobKind.COMPOSE_VIDEO, target_id=video.id)
            session.add(compose)
            compose_job_id = compose.id
            video.compose_job_id = compose.id
            video.stage = RoundStage.COMPOSING
            video.progress = max(video.progress, CLIPS_SHARE)
            if round_job is not None:
                round_job.stage = RoundStage.COMPOSING
                round_job.progress = max(round_job.progress, CLIPS_SHARE)
        video.updated_at = utcnow()
        session.add(video)
        if round_job is not None:
            session.add(round_job)
        session.commit()
    if compose_job_id is not None:
        enqueue(JobKind.COMPOSE_VIDEO, compose_job_id)


def clip_stored(clip_id: uuid.UUID, version: int, *, raw_key: str | None, normalized_key: str, size: int) -> bool:
    """A clip job stored its files: the clip points at them, the quota is charged, old files go, the round moves on.

    False (and the new files deleted) when the clip changed while it was generated; the job then stops.
    """
    storage = get_storage()
    with session_scope() as session:
        clip = session.get(Clip, clip_id)
        if clip is None or clip.version != version:
            delete_with_retries(storage, [k for k in (raw_key, normalized_key) if k])
            return False
        song = session.get(Song, clip.song_id)
        old_keys = [k for k in (clip.raw_key, clip.normalized_key) if k and k not in (raw_key, normalized_key)]
        user = quotas.lock_user(session, song.user_id)
        quotas.add_storage(user, size - clip.file_size_bytes)
        clip.raw_key, clip.normalized_key, clip.file_size_bytes = raw_key, normalized_key, size
        mark_attempt_stored(session, clip_id, version)
        clip.status = ClipStatus.COMPLETED
        clip.error_message = None
        clip.updated_at = utcnow()
        session.add_all([clip, user])
        session.commit()
        song_id = song.id
    delete_with_retries(storage, old_keys)
    advance(song_id)
    return True


def clip_job_failed(job_id: uuid.UUID) -> None:
    """Failure hook of generate_clip: the clip records the error, and the round moves on."""
    with session_scope() as session:
        job = session.get(Job, job_id)
        clip = session.get(Clip, job.target_id) if job and job.target_id else None
        if clip is None:
            return
        clip.status = ClipStatus.FAILED
        clip.error_message = job.error_message or "The clip could not be generated."
        clip.updated_at = utcnow()
        session.add(clip)
        session.commit()
        song_id, clip_id = clip.song_id, clip.id
    abandon_clip_predictions(clip_id)  # billed predictions no job will follow any more
    advance(song_id)


def composition_reached(video_id: uuid.UUID, step: ComposeStep, *, compose_job_id: uuid.UUID) -> None:
    """The video and the round its composition closes show the milestone the compose job reached."""
    progress = COMPOSE_PROGRESS[step]
    with session_scope() as session:
        video = session.get(Video, video_id)
        if video is None:
            return
        video.progress = max(video.progress, progress)
        session.add(video)
        round_job = session.get(Job, video.round_job_id) if video.round_job_id else None
        if round_job is not None and round_job.id != compose_job_id and round_job.status == JobStatus.PROCESSING:
            round_job.progress = max(round_job.progress, progress)
            round_job.stage = step
            session.add(round_job)
        session.commit()


def check_room_for_video(user_id: uuid.UUID, new_bytes: int, video_id: uuid.UUID) -> None:
    """Refuse (413-style AppError) before storing a composed video the owner's storage quota has no room for."""
    with session_scope() as session:
        video = session.get(Video, video_id)
        old_bytes = video.file_size_bytes + video.poster_size_bytes if video is not None else 0
        user = quotas.lock_user(session, user_id)
        quotas.check_storage(user, new_bytes - old_bytes, get_settings())


def video_composed(video_id: uuid.UUID, *, compose_job_id: uuid.UUID, version: int, video_key: str, poster_key: str,
                   video_size: int, poster_size: int, duration_sec: float) -> None:
    """A compose job stored the new video and poster: the video points at them, the quota is charged, the round
    closes (a regeneration uses up its allowance), and the previous version's files go."""
    storage = get_storage()
    with session_scope() as session:
        video = session.get(Video, video_id)
        if video is None:  # deleted while it was composed
            delete_with_retries(storage, [video_key, poster_key])
            return
        old_keys = [k for k in (video.storage_key, video.poster_key) if k and k not in (video_key, poster_key)]
        old_bytes = video.file_size_bytes + video.poster_size_bytes
        user = quotas.lock_user(session, video.user_id)
        quotas.add_storage(user, video_size + poster_size - old_bytes)
        video.storage_key, video.poster_key = video_key, poster_key
        video.file_size_bytes, video.poster_size_bytes = video_size, poster_size
        video.duration_sec = round(duration_sec, 3)
        video.version = version
        video.status, video.stage, video.progress, video.error_message = VideoStatus.READY, RoundStage.READY, 100, None
        video.updated_at = utcnow()
        round_job = session.get(Job, video.round_job_id) if video.round_job_id else None
        if round_job is not None and round_job.id != compose_job_id:
            round_job.status, round_job.progress, round_job.stage = JobStatus.COMPLETED, 100, ComposeStep.DONE
            _count_regeneration(session, round_job)
            session.add(round_job)
        session.add_all([video, user])
        session.commit()
    delete_with_retries(storage, old_keys)


def compose_job_failed(job_id: uuid.UUID) -> None:
    """Failure hook of compose_video: the round ends failed; an earlier composed video stays as it was."""
    with session_scope() as session:
        job = session.get(Job, job_id)
        video = session.get(Video, job.target_id) if job and job.target_id else None
        if video is None:
            return
        video.stage = RoundStage.FAILED
        video.error_message = f"Composition failed: {job.error_message}"
        if not video.storage_key:
            video.status = VideoStatus.FAILED
        round_job = session.get(Job, video.round_job_id) if video.round_job_id else None
        if round_job is not None and round_job.id != job.id and round_job.status == JobStatus.PROCESSING:
            round_job.status, round_job.error_message = JobStatus.FAILED, video.error_message
            session.add(round_job)
        session.add(video)
        session.commit()


def _count_regeneration(session: Session, round_job: Job) -> None:
    """A round that ended in a composed video uses up its allowance; a failed one does not."""
    if round_job.kind == JobKind.REGENERATE_CLIP:
        clip = session.get(Clip, round_job.target_id)
        if clip is not None:
            clip.regeneration_count += 1
            session.add(clip)
    elif round_job.kind == JobKind.REGENERATE_SECTION:
        section = session.get(Section, round_job.target_id)
        if section is not None:
            section.regenerations_used += 1
            session.add(section)
