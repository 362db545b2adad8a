"""Songs: upload (checked by content before anything is stored), list, read, delete."""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from vibecraft.audio_check import AudioRejected, inspect_audio
from vibecraft.config import Settings
from vibecraft.errors import AppError, Conflict, NotFound
from vibecraft.models import Clip, MediaItem, Song, User, Video
from vibecraft.services import quotas, rate_limits
from vibecraft.statuses import RoundStage
from vibecraft.storage import Storage, StorageError, keys

log = logging.getLogger(__name__)

CONTENT_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav", "m4a": "audio/mp4", "flac": "audio/flac", "ogg": "audio/ogg"}


class RejectedUpload(AppError):
    def __init__(self, detail: str, status_code: int):
        super().__init__(detail)
        self.status_code = status_code


def title_from_filename(filename: str) -> str:
    """A readable title from an upload's file name (underscores become spaces)."""
    stem = Path(filename).stem if filename else ""
    stem = re.sub(r"[_]+", " ", stem).strip()
    return (stem or "Untitled song")[:200]


def take_upload_slot(*, session: Session, settings: Settings, user: User) -> None:
    """Uploads are checked by decoding them, which costs; each account gets a budget of attempts per window."""
    rate_limits.take_upload(session, settings, user.id)


def create_song(
    *, session: Session, storage: Storage, settings: Settings, user: User, upload_path: Path, filename: str, title: str | None
) -> Song:
    """Check the upload by content, store it under the user's own key, then record it; nothing is left behind on failure."""
    try:
        info = inspect_audio(upload_path, max_duration_sec=settings.max_song_duration_sec)
    except AudioRejected as e:
        raise RejectedUpload(e.detail, e.status_code) from e
    size = upload_path.stat().st_size
    quotas.check_storage(user, size, settings)
    song_id = uuid.uuid4()
    key = keys.song_original(user.id, song_id, info.format)
    storage.put_file(key, upload_path, content_type=CONTENT_TYPES.get(info.format))
    try:
        locked = quotas.lock_user(session, user.id)
        quotas.check_storage(locked, size, settings)
        quotas.add_storage(locked, size)
        song = Song(
            id=song_id,
            user_id=user.id,
            title=(title or "").strip()[:200] or title_from_filename(filename),
            original_filename=(filename or "upload")[:255],
            format=info.format,
            duration_sec=info.duration_sec,
            file_size_bytes=size,
            storage_key=key,
        )
        session.add(locked)
        session.add(song)
        session.commit()
    except BaseException:
        session.rollback()
        storage.delete(key)
        raise
    return song


def get_song(session: Session, user: User, song_id: uuid.UUID) -> Song:
    """The user's song; another user's song answers 404 exactly like a missing one."""
    song = session.get(Song, song_id)
    if song is None or song.user_id != user.id:
        raise NotFound("Song not found.")
    return song


def video_of_song(session: Session, song_id: uuid.UUID) -> Video | None:
    """The song's video (one per song), composed or not, if a generation ever started."""
    return session.exec(select(Video).where(Video.song_id == song_id)).first()


RUNNING_STAGES = (RoundStage.GENERATING, RoundStage.COMPOSING)


def round_running(video: Video | None) -> bool:
    """Whether a generation round of this video is under way (its clips or composition)."""
    return video is not None and video.stage in RUNNING_STAGES


def list_songs(session: Session, user: User) -> list[Song]:
    """The user's songs, newest first."""
    return list(session.exec(select(Song).where(Song.user_id == user.id).order_by(col(Song.created_at).desc())).all())


def delete_song(*, session: Session, storage: Storage, user: User, song_id: uuid.UUID) -> None:
    """Delete the song, its videos and every file of theirs; quota is freed in the same transaction."""
    song = get_song(session, user, song_id)
    videos = session.exec(select(Video).where(Video.song_id == song.id)).all()
    if any(round_running(v) for v in videos):
        # Its clip jobs would store files after the rows are gone; the user deletes once the round ends.
        raise Conflict("A video of this song is being generated; wait for it to finish, then delete the song.")
    prefixes = [keys.song_prefix(user.id, song.id)] + [keys.video_prefix(user.id, v.id) for v in videos]
    freed = song.file_size_bytes + sum(v.file_size_bytes + v.poster_size_bytes for v in videos)
    freed += stored_clip_bytes(session, song.id) + stored_media_bytes(session, song.id)
    locked = quotas.lock_user(session, user.id)
    quotas.add_storage(locked, -freed)
    session.add(locked)
    session.delete(song)
    session.commit()
    for prefix in prefixes:
        try:
            storage.delete_prefix(prefix)
        except StorageError:
            # The rows are gone, so the files are unreachable; log for the sweep rather than fail the user.
            log.exception("could not delete files under %s", prefix)


def stored_clip_bytes(session: Session, song_id: uuid.UUID) -> int:
    """Bytes the song's clip files take in storage (freed when the song goes)."""
    total = session.exec(select(func.coalesce(func.sum(Clip.file_size_bytes), 0)).where(Clip.song_id == song_id)).one()
    return int(total or 0)


def stored_media_bytes(session: Session, song_id: uuid.UUID) -> int:
    """Bytes of the song's media shelf (photos and footage), freed with the song."""
    total = session.exec(select(func.coalesce(func.sum(MediaItem.file_size_bytes), 0)).where(MediaItem.song_id == song_id)).one()
    return int(total or 0)
