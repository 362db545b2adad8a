"""What a clip job adds around a billed provider: the attempt tracker, the first frame that keeps one look
across cuts, and the storage quota check before a clip is stored.

Continuity (models that take a first-frame image): within a section each clip starts from the last
frame of the clip before it; the first clip of every later section starts from a shared style key
frame (the first frame of the video's first clip) unless REPLICATE_STYLE_KEYFRAME is off. Clips that
wait for such a frame are dispatched only once it exists (`waits_for_earlier_clip`).
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from pathlib import Path

from sqlmodel import Session, select

from vibecraft.config import get_settings
from vibecraft.db import session_scope
from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, run
from vibecraft.models import Clip, Section
from vibecraft.providers import get_provider
from vibecraft.providers.base import ClipRequest, VideoProvider
from vibecraft.services import quotas
from vibecraft.services.clip_attempts import ClipAttemptTracker, abandon
from vibecraft.statuses import ClipStatus
from vibecraft.storage import get_storage

log = logging.getLogger(__name__)

DONE = (ClipStatus.COMPLETED, ClipStatus.FAILED)


def uses_continuity(provider: VideoProvider) -> bool:
    """Whether each clip starts from the last frame of the clip before it (when enabled or required)."""
    settings = get_settings()
    return provider.takes_first_frame() and (settings.replicate_continuity or _requires_image(provider))


def _requires_image(provider: VideoProvider) -> bool:
    return bool(getattr(getattr(provider, "spec", None), "requires_image", False))


def billed_request(request: ClipRequest, provider: VideoProvider, *, clip_id: uuid.UUID, version: int, song_key: str) -> ClipRequest:
    """The request with its attempt tracker and, for first-frame models, the frame it starts from."""
    request = dataclasses.replace(request, tracker=ClipAttemptTracker(clip_id, version, provider.name))
    if not uses_continuity(provider) or request.first_frame is not None or request.context.audio_path is None:
        return request
    workdir = request.context.audio_path.parent
    frame = _continuity_frame(clip_id, workdir)
    if frame is None and _requires_image(provider):
        frame = _rendered_keyframe(request, workdir)
    return dataclasses.replace(request, first_frame=frame) if frame is not None else request


def _sources(session: Session, clip: Clip) -> tuple[Clip | None, Clip | None]:
    """(the clip before this one in its section, the video's first clip if this one opens a later section)."""
    section = session.get(Section, clip.section_id)
    previous = session.exec(
        select(Clip).where(Clip.section_id == clip.section_id, Clip.clip_index == clip.clip_index - 1)
    ).first()
    opener = None
    if previous is None and section is not None and section.index > 0:
        first_section = session.exec(select(Section).where(Section.song_id == clip.song_id, Section.index == 0)).first()
        if first_section is not None:
            opener = session.exec(select(Clip).where(Clip.section_id == first_section.id, Clip.clip_index == 0)).first()
    return previous, opener


def _continuity_frame(clip_id: uuid.UUID, workdir: Path) -> Path | None:
    settings = get_settings()
    with session_scope() as session:
        clip = session.get(Clip, clip_id)
        if clip is None:
            return None
        previous, opener = _sources(session, clip)
        source_key, at_end = None, True
        if previous is not None and previous.normalized_key and settings.replicate_continuity:
            source_key = previous.normalized_key
        elif opener is not None and opener.normalized_key and settings.replicate_style_keyframe:
            source_key, at_end = opener.normalized_key, False
    if source_key is None:
        return None
    video = get_storage().download(source_key, workdir / "continuity-source.mp4")
    return extract_frame(video, workdir / "first-frame.jpg", last=at_end)


def extract_frame(video: Path, out: Path, *, last: bool) -> Path | None:
    """The first or last frame of `video` as a JPEG (None if ffmpeg cannot read it)."""
    seek = ["-sseof", "-0.5"] if last else []
    try:
        run([ffmpeg_binary(), "-nostdin", "-v", "error", "-y", *seek, "-i", str(video), "-update", "1",
             "-q:v", "3", *([] if last else ["-frames:v", "1"]), str(out)], timeout=60)
    except FFmpegError as e:
        log.warning("could not take a frame from %s: %s", video.name, e)
        return None
    return out if out.exists() and out.stat().st_size > 0 else None


def _rendered_keyframe(request: ClipRequest, workdir: Path) -> Path | None:
    """A model that needs an image, with no earlier clip to start from, starts from the local renderer's look."""
    from vibecraft.providers.local_renderer import LocalRendererProvider  # heavy: only for image-only models

    fps = request.context.fps or 24
    still = dataclasses.replace(request, duration=1 / fps, tracker=None, first_frame=None)
    clip = LocalRendererProvider().generate(still, workdir / "keyframe.mp4")
    return extract_frame(clip, workdir / "keyframe.jpg", last=False)


def waits_for_earlier_clip(clip: Clip, clips: list[Clip], sections: dict[uuid.UUID, int], provider: VideoProvider) -> bool:
    """True while a clip must wait for the clip whose frame it will start from (continuity)."""
    if not uses_continuity(provider):
        return False
    settings = get_settings()
    by_place = {(c.section_id, c.clip_index): c for c in clips}
    previous = by_place.get((clip.section_id, clip.clip_index - 1))
    if previous is not None:
        return settings.replicate_continuity and previous.status not in DONE
    if sections.get(clip.section_id, 0) == 0 or not settings.replicate_style_keyframe:
        return False
    first_section = next((sid for sid, index in sections.items() if index == 0), None)
    opener = by_place.get((first_section, 0))
    return opener is not None and opener.id != clip.id and opener.status not in DONE


def clips_waiting_for_frames(session: Session, song_id: uuid.UUID, clips: list[Clip]) -> set[uuid.UUID]:
    """Ids of the planned clips that must not start yet: the frame they start from does not exist yet."""
    provider = get_provider()
    if not uses_continuity(provider):
        return set()
    sections = {s.id: s.index for s in session.exec(select(Section).where(Section.song_id == song_id))}
    return {c.id for c in clips if c.status == ClipStatus.PLANNED and waits_for_earlier_clip(c, clips, sections, provider)}


def abandon_clip_predictions(clip_id: uuid.UUID) -> int:
    """The clip's job failed for good: cancel its predictions still running on the provider."""
    return abandon(clip_id, get_provider())


def check_clip_fits_quota(user_id: uuid.UUID, files: list[Path], replaced_bytes: int) -> None:
    """Raise QuotaExceeded (a sentence the user can act on) when storing these files would pass the quota."""
    size = sum(p.stat().st_size for p in files if p is not None and p.exists())
    with session_scope() as session:
        user = quotas.lock_user(session, user_id)
        try:
            quotas.check_storage(user, size - replaced_bytes, get_settings())
        finally:
            session.rollback()
