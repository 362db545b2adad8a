"""The library: list, read, delete and finalize videos; public share links."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from vibecraft.config import Settings
from vibecraft.db import lock_row
from vibecraft.errors import Conflict, NotFound
from vibecraft.models import Clip, Section, Song, User, Video, utcnow
from vibecraft.services import quotas
from vibecraft.services.cleanup import delete_with_retries
from vibecraft.services.clips import song_clips
from vibecraft.services.songs import round_running
from vibecraft.services.sections import song_sections
from vibecraft.statuses import ClipStatus
from vibecraft.storage import Storage, keys


def list_videos(session: Session, user: User) -> list[Video]:
    """The user's videos, newest first."""
    stmt = select(Video).where(Video.user_id == user.id).order_by(col(Video.created_at).desc())
    return list(session.exec(stmt).all())


def get_video(session: Session, user: User, video_id: uuid.UUID) -> Video:
    """The user's video; another user's video answers 404 exactly like a missing one."""
    video = session.get(Video, video_id)
    if video is None or video.user_id != user.id:
        raise NotFound("Video not found.")
    return video


def regenerations_left(session: Session, video: Video) -> dict:
    """How many regenerations each clip and each section of the video has left (one each)."""
    clips = song_clips(session, video.song_id)
    sections = song_sections(session, video.song_id)
    return {
        "clips": {str(c.id): max(0, 1 - c.regeneration_count) for c in clips},
        "sections": {str(s.id): max(0, 1 - s.regenerations_used) for s in sections},
    }


def _clip_keys(clips: list[Clip]) -> list[str]:
    return [k for c in clips for k in (c.raw_key, c.normalized_key) if k]


def finalize(*, session: Session, storage: Storage, user: User, video_id: uuid.UUID) -> Video:
    """Irreversible: keep the video and poster, delete every clip file and temporary, refuse edits from now on."""
    video = get_video(session, user, video_id)
    lock_row(session, Song, video.song_id)
    session.refresh(video)
    if video.is_finalized:
        raise Conflict("This video is already finalized.")
    if round_running(video):
        raise Conflict("A generation of this song is still running; wait for it to finish before finalizing.")
    if not video.storage_key:
        raise Conflict("This video has not been composed yet.")
    clips = song_clips(session, video.song_id)
    files = _clip_keys(clips)
    freed = sum(c.file_size_bytes for c in clips)
    locked = quotas.lock_user(session, user.id)
    quotas.add_storage(locked, -freed)
    for clip in clips:
        clip.raw_key = clip.normalized_key = None
        clip.file_size_bytes = 0
        session.add(clip)
    video.is_finalized = True
    video.finalized_at = video.updated_at = utcnow()
    session.add_all([video, locked])
    session.commit()
    song = session.get(Song, video.song_id)
    # Keys are recorded as gone in the committed state; any file a retry could not remove is logged.
    delete_with_retries(storage, files)
    if song is not None:
        leftovers = [k for k in storage.list_keys(keys.clips_prefix(user.id, song.id))]
        delete_with_retries(storage, leftovers)
    return video


def delete_video(*, session: Session, storage: Storage, user: User, video_id: uuid.UUID) -> None:
    """Delete the video, its files and its clips' files; the quota is freed and the share link dies."""
    video = get_video(session, user, video_id)
    lock_row(session, Song, video.song_id)
    session.refresh(video)
    if round_running(video):
        raise Conflict("A generation of this video is running; wait for it to finish, then delete.")
    clips = song_clips(session, video.song_id)
    files = [k for k in (video.storage_key, video.poster_key) if k] + _clip_keys(clips)
    freed = video.file_size_bytes + video.poster_size_bytes + sum(c.file_size_bytes for c in clips)
    locked = quotas.lock_user(session, user.id)
    quotas.add_storage(locked, -freed)
    for clip in clips:
        clip.raw_key = clip.normalized_key = None
        clip.file_size_bytes = 0
        clip.status = ClipStatus.PLANNED
        clip.round_id = None
        session.add(clip)
    song = session.get(Song, video.song_id)
    if song is not None:
        song.locked = False  # the plan can be changed and generated again
        session.add(song)
    session.add(locked)
    session.delete(video)
    session.commit()
    delete_with_retries(storage, files)
    storage.delete_prefix(keys.video_prefix(user.id, video_id))


def sections_of(session: Session, video: Video) -> list[Section]:
    """The sections of the video's song, in order."""
    return song_sections(session, video.song_id)
