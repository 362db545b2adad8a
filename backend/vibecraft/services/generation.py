"""What a musician asks of a generation round: start one, retry a clip, compose again, regenerate, read its status.

Each function here takes the request's session, checks, changes, commits, and only then lets the round move
(services/rounds.py, which owns every change the workers make to a round).
"""

from __future__ import annotations

import logging
import uuid

from sqlmodel import Session, select

from vibecraft.config import Settings, get_settings
from vibecraft.db import lock_row
from vibecraft.errors import Conflict, NotFound
from vibecraft.jobs.queue import enqueue
from vibecraft.milestones import CLIPS_SHARE
from vibecraft.models import Clip, Job, Section, Song, User, Video, utcnow
from vibecraft.schemas import GenerationStatusOut
from vibecraft.services import quotas, rate_limits
from vibecraft.planning.prompts import with_note
from vibecraft.services.clip_prompts import current_clip_prompt
from vibecraft.pipeline import clip_seed
from vibecraft.services.clips import song_clips
from vibecraft.services.sharing import new_share_token
from vibecraft.services.rounds import dispatch
from vibecraft.services.songs import get_song, round_running, video_of_song
from vibecraft.statuses import ClipStatus, GenerationStage, JobKind, JobStatus, RoundStage, VideoStatus
from vibecraft.video.shapes import Shape, output_shape

log = logging.getLogger(__name__)


def _new_round(session: Session, *, user_id: uuid.UUID, song: Song, video: Video, kind: str, target_id: uuid.UUID | None) -> Job:
    rate_limits.take_generation_round(session, user_id)  # counted in this transaction: only a round that starts counts
    job = Job(user_id=user_id, song_id=song.id, kind=kind, status=JobStatus.PROCESSING, stage=RoundStage.GENERATING, target_id=target_id)
    session.add(job)
    video.round_job_id = job.id
    video.stage = RoundStage.GENERATING
    video.progress = 0
    video.error_message = None
    video.updated_at = utcnow()
    session.add(video)
    return job


def start_generation(*, session: Session, user: User, song_id: uuid.UUID, settings: Settings) -> Job:
    """Lock the plan, take a video slot from the quota, and start the first round."""
    song = get_song(session, user, song_id)
    clips = song_clips(session, song.id)
    if not clips:
        raise Conflict("Plan the clips first (POST /api/songs/{id}/clips/plan).")
    song = lock_row(session, Song, song.id)
    video = video_of_song(session, song.id)
    if round_running(video):
        raise Conflict("A generation of this song is already running; follow its progress.")
    if video is not None and video.storage_key:
        raise Conflict("This song already has a video; regenerate a clip or section of it instead.")
    locked_user = quotas.lock_user(session, user.id)
    if video is None:
        quotas.check_video_slot(session, locked_user, settings)
        shape = _shape_of(song)
        video = Video(user_id=user.id, song_id=song.id, title=song.title, share_token=new_share_token(),
                      shape=song.shape, width=shape.width, height=shape.height, fps=settings.fps)
    quotas.check_storage(locked_user, 0, settings)
    job = _new_round(session, user_id=user.id, song=song, video=video, kind=JobKind.GENERATE_VIDEO, target_id=video.id)
    video.status = VideoStatus.GENERATING
    for clip in clips:
        if clip.status != ClipStatus.COMPLETED:
            clip.status = ClipStatus.PLANNED
            clip.error_message = None
            clip.round_id = job.id
            session.add(clip)
    song.locked = True
    song.updated_at = utcnow()
    session.add(song)
    session.commit()
    dispatch(song.id)
    return job


def _shape_of(song: Song) -> Shape:
    return output_shape(song.shape, get_settings().video_max_height)


def retry_clip(*, session: Session, user: User, song_id: uuid.UUID, clip_id: uuid.UUID) -> Job:
    """Retry one failed clip without redoing the others; the round resumes."""
    song = get_song(session, user, song_id)
    clip = session.get(Clip, clip_id)
    if clip is None or clip.song_id != song.id:
        raise NotFound("Clip not found.")
    song = lock_row(session, Song, song.id)
    video = video_of_song(session, song.id)
    if video is None or video.is_finalized:
        raise Conflict("There is no generation to retry for this song." if video is None else "This video is finalized.")
    if clip.status != ClipStatus.FAILED and not (clip.error_message and video.stage == RoundStage.FAILED):
        raise Conflict("Only a failed clip can be retried.")
    if video.stage == RoundStage.GENERATING and clip.round_id == video.round_job_id and clip.status != ClipStatus.FAILED:
        raise Conflict("This clip is already being generated.")
    round_job = session.get(Job, video.round_job_id) if video.round_job_id else None
    if video.stage == RoundStage.FAILED and round_job is not None:
        round_job.status, round_job.error_message = JobStatus.PROCESSING, None
        session.add(round_job)
        video.stage = RoundStage.GENERATING
        video.error_message = None
    clip.status = ClipStatus.PLANNED
    clip.error_message = None
    clip.round_id = video.round_job_id
    session.add_all([clip, video])
    session.commit()
    dispatch(song.id)
    return round_job if round_job is not None else _latest_clip_job(session, clip.id)


def _latest_clip_job(session: Session, clip_id: uuid.UUID) -> Job:
    return session.exec(select(Job).where(Job.target_id == clip_id).order_by(Job.created_at.desc())).first()


def start_composition(*, session: Session, user: User, song_id: uuid.UUID) -> Job:
    """Compose again from the clips as they are (POST /compose)."""
    song = get_song(session, user, song_id)
    song = lock_row(session, Song, song.id)
    video = video_of_song(session, song.id)
    if video is None:
        raise Conflict("Generate the clips first (POST /api/songs/{id}/clips/generate).")
    if video.is_finalized:
        raise Conflict("This video is finalized; it can no longer be recomposed.")
    if round_running(video):
        raise Conflict("A generation of this song is already running; follow its progress.")
    clips = song_clips(session, song.id)
    if not clips or any(c.status != ClipStatus.COMPLETED or not c.normalized_key for c in clips):
        raise Conflict("Every clip must be generated before composing; retry the failed ones first.")
    job = Job(user_id=user.id, song_id=song.id, kind=JobKind.COMPOSE_VIDEO, target_id=video.id)
    session.add(job)
    video.round_job_id = job.id
    video.compose_job_id = job.id
    video.stage = RoundStage.COMPOSING
    video.progress = CLIPS_SHARE
    video.error_message = None
    session.add(video)
    session.commit()
    enqueue(JobKind.COMPOSE_VIDEO, job.id)
    return job


def generation_status(*, session: Session, user: User, song_id: uuid.UUID) -> GenerationStatusOut:
    """Where the song's generation stands: progress by milestone, stage, clip counts, the video and the compose job."""
    song = get_song(session, user, song_id)
    video = video_of_song(session, song.id)
    clips = song_clips(session, song.id)
    completed = sum(1 for c in clips if c.status == ClipStatus.COMPLETED)
    failed = sum(1 for c in clips if c.status == ClipStatus.FAILED)
    if video is None:
        return GenerationStatusOut(progress=0, stage=GenerationStage.IDLE, clips_total=len(clips), clips_completed=completed,
                                   clips_failed=failed, video_id=None, compose_job_id=None, error=None)
    stage = GenerationStage.COMPLETED if video.stage == RoundStage.READY else video.stage
    return GenerationStatusOut(
        progress=video.progress,
        stage=stage,
        clips_total=len(clips),
        clips_completed=completed,
        clips_failed=failed,
        video_id=video.id if video.storage_key else None,
        compose_job_id=video.compose_job_id,
        error=video.error_message,
    )


# ---- regeneration ----------------------------------------------------------------------------


def _editable_video(session: Session, user: User, video_id: uuid.UUID) -> tuple[Video, Song]:
    video = session.get(Video, video_id)
    if video is None or video.user_id != user.id:
        raise NotFound("Video not found.")
    song = lock_row(session, Song, video.song_id)
    session.refresh(video)
    if video.is_finalized:
        raise Conflict("This video is finalized; it can no longer be changed.")
    if round_running(video):
        raise Conflict("A generation of this song is already running; wait for it to finish.")
    if not video.storage_key:
        raise Conflict("This video has not been composed yet; finish its generation first.")
    return video, song


def regenerate_clip(*, session: Session, user: User, video_id: uuid.UUID, clip_id: uuid.UUID, note: str | None = None) -> Job:
    """Regenerate one clip; a note (what to show this time) is stored on the clip, and the renderer draws it."""
    video, song = _editable_video(session, user, video_id)
    clip = session.get(Clip, clip_id)
    if clip is None or clip.song_id != song.id:
        raise NotFound("Clip not found.")
    if clip.regeneration_count >= 1:
        raise Conflict("This clip has already been regenerated once; regenerate its whole section instead.")
    job = _new_round(session, user_id=user.id, song=song, video=video, kind=JobKind.REGENERATE_CLIP, target_id=clip.id)
    _queue_for_regeneration(session, song, clip, job.id)
    if note:
        clip.look_note = note
        clip.prompt = with_note(clip.prompt, note)
    session.commit()
    dispatch(song.id)
    return job


def regenerate_section(*, session: Session, user: User, video_id: uuid.UUID, section_id: uuid.UUID, note: str | None = None) -> Job:
    """Regenerate a section's clips; a note becomes the section's note, and the renderer draws it."""
    video, song = _editable_video(session, user, video_id)
    section = session.get(Section, section_id)
    if section is None or section.song_id != song.id:
        raise NotFound("Section not found.")
    if section.regenerations_used >= 1:
        raise Conflict("This section has already been regenerated once.")
    job = _new_round(session, user_id=user.id, song=song, video=video, kind=JobKind.REGENERATE_SECTION, target_id=section.id)
    if note:
        section.prompt_note = note
        session.add(section)
    for clip in song_clips(session, song.id):
        if clip.section_id == section.id:
            _queue_for_regeneration(session, song, clip, job.id)
            if note:
                clip.look_note = ""  # the section's new note speaks for all its clips
                clip.prompt = with_note(clip.prompt, note)
    session.commit()
    dispatch(song.id)
    return job


def _queue_for_regeneration(session: Session, song: Song, clip: Clip, round_id: uuid.UUID) -> None:
    section = session.get(Section, clip.section_id)
    clip.version += 1
    clip.seed = clip_seed(song.id, section.index, clip.clip_index, clip.version)  # new look, same cut
    clip.prompt = current_clip_prompt(session, song, clip)  # the section's label and note as they are now
    clip.status = ClipStatus.PLANNED
    clip.error_message = None
    clip.round_id = round_id
    clip.updated_at = utcnow()
    session.add(clip)


