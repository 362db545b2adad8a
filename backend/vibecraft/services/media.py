"""A song's media shelf: the musician's photos and video clips, checked by content, counted in the quota, placed
in a section or left for the planner, and handed to the renderer for the clips they star in."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from sqlalchemy import func
from sqlmodel import Session, col, select

from vibecraft.config import Settings
from vibecraft.errors import BadRequest, Conflict, NotFound, PayloadTooLarge, UnsupportedMedia
from vibecraft.ffmpeg import FFmpegError, probe
from vibecraft.models import Clip, MediaItem, Section, Song, User
from vibecraft.providers.base import MediaSource
from vibecraft.services import quotas, rate_limits
from vibecraft.services.cleanup import delete_with_retries
from vibecraft.services.songs import get_song
from vibecraft.storage import Storage, keys

log = logging.getLogger(__name__)

MAX_ITEMS_PER_SONG = 24
MAX_VIDEO_SECONDS = 120.0
MAX_PHOTO_PIXELS = 40_000_000  # a larger image is a decompression bomb, not a photo
MIN_SIDE = 64
PHOTO_FORMATS = {"jpeg": "jpg", "png": "png", "webp": "webp"}  # Pillow format → stored extension
VIDEO_CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2": "mp4", "matroska,webm": "webm", "avi": "avi"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "mp4": "video/mp4",
                 "webm": "video/webm", "avi": "video/x-msvideo"}


@dataclass(frozen=True)
class MediaInfo:
    kind: str
    format: str
    width: int
    height: int
    duration_sec: float | None


def inspect_media(path: Path) -> MediaInfo:
    """What a file really is, from its content: a photo (JPEG, PNG, WebP) or a video clip (MP4/MOV, WebM, AVI)
    with a picture. Raises UnsupportedMedia (415) or PayloadTooLarge (413) with a sentence the user can act on."""
    photo = _inspect_photo(path)
    if photo is not None:
        return photo
    try:
        info = probe(path, timeout=60)
    except FFmpegError as e:
        raise UnsupportedMedia("This file is neither a photo (JPEG, PNG, WebP) nor a video clip we can read.") from e
    container = (info.get("format") or {}).get("format_name", "")
    streams = [s for s in info.get("streams") or [] if s.get("codec_type") == "video"]
    if container not in VIDEO_CONTAINERS or not streams:
        raise UnsupportedMedia("This file is neither a photo (JPEG, PNG, WebP) nor a video clip we can read.")
    stream = streams[0]
    width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    try:
        duration = float((info.get("format") or {}).get("duration") or stream.get("duration") or 0)
    except ValueError:
        duration = 0.0
    if min(width, height) < MIN_SIDE or duration <= 0:
        raise UnsupportedMedia("This video clip has no readable picture.")
    if duration > MAX_VIDEO_SECONDS:
        raise PayloadTooLarge(f"Video clips can be at most {MAX_VIDEO_SECONDS:.0f} seconds long; trim this one first.")
    return MediaInfo(kind="video", format=VIDEO_CONTAINERS[container], width=width, height=height,
                     duration_sec=round(duration, 3))


def _inspect_photo(path: Path) -> MediaInfo | None:
    """A photo's facts when Pillow reads the file fully as JPEG, PNG or WebP; None when it is not one."""
    too_large = "This photo has more than 40 megapixels; send a smaller copy."
    try:
        with Image.open(path) as image:
            fmt = (image.format or "").lower()
            width, height = image.size
            if fmt not in PHOTO_FORMATS:
                return None
            if width * height > MAX_PHOTO_PIXELS:
                raise PayloadTooLarge(too_large)
            image.load()  # a truncated or corrupt photo fails here, not in the renderer
    except Image.DecompressionBombError as e:
        raise PayloadTooLarge(too_large) from e
    except (OSError, ValueError):
        return None
    if min(width, height) < MIN_SIDE:
        raise UnsupportedMedia(f"This photo is too small; it needs at least {MIN_SIDE} pixels on each side.")
    return MediaInfo(kind="photo", format=PHOTO_FORMATS[fmt], width=width, height=height, duration_sec=None)


def media_prefix(song: Song) -> str:
    """The storage prefix under which the song's media shelf lives."""
    return keys.media_prefix(song.user_id, song.id)


def take_upload_slot(*, session: Session, settings: Settings, user: User) -> None:
    """Media uploads share the account's upload budget with songs (each is decoded to be checked)."""
    rate_limits.take_upload(session, settings, user.id)


def add_media(*, session: Session, storage: Storage, settings: Settings, user: User, song_id: uuid.UUID,
              upload_path: Path, filename: str, section_id: uuid.UUID | None = None) -> MediaItem:
    """Check the upload by content, store it under the song, and put it on the shelf (in a section when one is
    named); the quota is counted in the same transaction, and nothing is left behind on failure."""
    song = get_song(session, user, song_id)
    if section_id is not None:
        _section_of(session, song, section_id)
    if count_media(session, song.id) >= MAX_ITEMS_PER_SONG:
        raise Conflict(f"A song's media shelf holds at most {MAX_ITEMS_PER_SONG} items; delete one first.")
    info = inspect_media(upload_path)
    size = upload_path.stat().st_size
    quotas.check_storage(user, size, settings)
    item_id = uuid.uuid4()
    key = keys.media_item(song.user_id, song.id, item_id, info.format)
    storage.put_file(key, upload_path, content_type=CONTENT_TYPES.get(info.format))
    try:
        locked = quotas.lock_user(session, user.id)
        quotas.check_storage(locked, size, settings)
        quotas.add_storage(locked, size)
        position = session.exec(select(func.coalesce(func.max(MediaItem.position), -1))
                                .where(MediaItem.song_id == song.id)).one()
        item = MediaItem(id=item_id, user_id=user.id, song_id=song.id, section_id=section_id, kind=info.kind,
                         original_filename=(filename or "upload")[:255], format=info.format, storage_key=key,
                         file_size_bytes=size, width=info.width, height=info.height, duration_sec=info.duration_sec,
                         position=int(position) + 1)
        session.add_all([locked, item])
        session.commit()
    except BaseException:
        session.rollback()
        storage.delete(key)
        raise
    return item


def count_media(session: Session, song_id: uuid.UUID) -> int:
    """How many media items the song has."""
    return int(session.exec(select(func.count()).select_from(MediaItem).where(MediaItem.song_id == song_id)).one())


def list_media(session: Session, user: User, song_id: uuid.UUID) -> list[MediaItem]:
    """The user's song's media shelf in order (404 for another user's song)."""
    song = get_song(session, user, song_id)
    return song_media(session, song.id)


def song_media(session: Session, song_id: uuid.UUID) -> list[MediaItem]:
    """The song's media items in shelf order (position, then upload time)."""
    stmt = select(MediaItem).where(MediaItem.song_id == song_id).order_by(col(MediaItem.position), col(MediaItem.created_at))
    return list(session.exec(stmt).all())


def get_media(session: Session, user: User, song_id: uuid.UUID, media_id: uuid.UUID) -> MediaItem:
    """One media item of the user's song (404 when it is not there)."""
    song = get_song(session, user, song_id)
    item = session.get(MediaItem, media_id)
    if item is None or item.song_id != song.id:
        raise NotFound("Media item not found.")
    return item


def place_media(*, session: Session, user: User, song_id: uuid.UUID, media_id: uuid.UUID,
                section_id: uuid.UUID | None) -> MediaItem:
    """Put an item in a section, or (section_id None) hand it back to the planner."""
    item = get_media(session, user, song_id, media_id)
    song = session.get(Song, item.song_id)
    if section_id is not None:
        _section_of(session, song, section_id)
    item.section_id = section_id
    session.add(item)
    session.commit()
    session.refresh(item)
    return item


def delete_media(*, session: Session, storage: Storage, user: User, song_id: uuid.UUID, media_id: uuid.UUID) -> None:
    """Remove the item and its file; the quota is freed. Clips already made keep their picture until regenerated."""
    item = get_media(session, user, song_id, media_id)
    key, size = item.storage_key, item.file_size_bytes
    locked = quotas.lock_user(session, user.id)
    quotas.add_storage(locked, -size)
    session.add(locked)
    session.delete(item)
    session.commit()
    delete_with_retries(storage, [key])


def _section_of(session: Session, song: Song, section_id: uuid.UUID) -> Section:
    section = session.get(Section, section_id)
    if section is None or section.song_id != song.id:
        raise BadRequest("That section is not one of this song's; pick a section of the song.")
    return section


# ---- placement: which items a clip shows ---------------------------------------------------------


def plan_media(sections: list[Section], items: list[MediaItem]) -> dict[uuid.UUID, list[MediaItem]]:
    """Items per section: those the musician placed, and the unplaced ones dealt in shelf order, one section
    after the other, to the sections nobody placed anything in (to every section when all have some)."""
    placed: dict[uuid.UUID, list[MediaItem]] = {s.id: [] for s in sections}
    free = []
    for item in items:
        if item.section_id in placed:
            placed[item.section_id].append(item)
        else:
            free.append(item)
    open_sections = [s for s in sections if not placed[s.id]] or sections
    for k, item in enumerate(free):
        if open_sections:
            placed[open_sections[k % len(open_sections)].id].append(item)
    return placed


def clip_media_plan(session: Session, clip: Clip) -> list[tuple[str, str, float]]:
    """(storage key, kind, offset seconds) of the items this clip shows: its section's items, turned by the clip's
    index so consecutive clips open on different ones; footage continues where the previous clip left it."""
    sections = list(session.exec(select(Section).where(Section.song_id == clip.song_id).order_by(col(Section.index))).all())
    per_section = plan_media(sections, song_media(session, clip.song_id))
    items = per_section.get(clip.section_id) or []
    if not items:
        return []
    section = next(s for s in sections if s.id == clip.section_id)
    k = clip.clip_index % len(items)
    turned = items[k:] + items[:k]
    offset = max(0.0, clip.start_time - section.start_time)
    return [(i.storage_key, i.kind, offset % i.duration_sec if i.kind == "video" and i.duration_sec else 0.0)
            for i in turned]


def fetch_clip_media(storage: Storage, plan: list[tuple[str, str, float]], workdir: Path) -> tuple[MediaSource, ...]:
    """Download the clip's items into workdir for the renderer."""
    sources = []
    for n, (key, kind, offset) in enumerate(plan):
        dst = workdir / f"media-{n}{Path(key).suffix}"
        storage.download(key, dst)
        sources.append(MediaSource(path=dst, kind=kind, offset=offset))
    return tuple(sources)
