"""Public share links, all in one place: the unguessable token of a video, its absolute link, turning the link
off and on again (always with a new token, so an old link stays dead), and what an anonymous visitor may read.

A visitor sees the title, the size and length, and media paths built from the token alone: never a user or
video id, never a storage key."""

from __future__ import annotations

import secrets
import uuid
from contextvars import ContextVar

from sqlmodel import Session, select

from vibecraft.config import Settings
from vibecraft.db import session_scope
from vibecraft.errors import NotFound
from vibecraft.models import User, Video, utcnow

MAX_TOKEN_LENGTH = 64
MEDIA_KINDS = ("video", "poster")

# The origin of the request being answered (set by main.py's middleware), for links when PUBLIC_BASE_URL is empty.
request_base_url: ContextVar[str] = ContextVar("request_base_url", default="")


def new_share_token() -> str:
    """192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def base_url(settings: Settings) -> str:
    """The public origin share links start with: PUBLIC_BASE_URL, else the origin the request came to."""
    return (settings.public_base_url or request_base_url.get()).rstrip("/")


def shareable_url(video: Video, settings: Settings) -> str | None:
    """The absolute public link (PUBLIC_BASE_URL, else the origin the request came to); None while sharing is off."""
    if not video.share_token:
        return None
    return f"{base_url(settings)}/share/{video.share_token}"


def share_media_path(token: str, kind: str, version: int) -> str:
    """Where a visitor's browser fetches the shared video or poster: tied to the token, so turning the link off
    stops the media too. The version changes with every composition, so browsers do not keep an old cut."""
    return f"/api/share/{token}/{kind}?v={version}"


def _valid_shape(token: str) -> bool:
    return bool(token) and len(token) <= MAX_TOKEN_LENGTH


def video_for_share(session: Session, token: str) -> Video:
    """The composed video shared under this token; 404 when the token is unknown, turned off or the video is gone."""
    video = session.exec(select(Video).where(Video.share_token == token)).first() if _valid_shape(token) else None
    if video is None or not video.storage_key:
        raise NotFound("This video is not shared, or it was deleted.")
    return video


def share_exists(token: str) -> bool:
    """Whether the public page of this token has a video to play (the web app's /share/{token} page)."""
    if not _valid_shape(token):
        return False
    with session_scope() as session:
        try:
            video_for_share(session, token)
        except NotFound:
            return False
        return True


def media_key(video: Video, kind: str) -> str:
    """The storage key behind a shared media path; 404 for a kind the video does not have."""
    key = video.storage_key if kind == "video" else video.poster_key if kind == "poster" else None
    if not key:
        raise NotFound("This video has no such file.")
    return key


def _own_video(session: Session, user: User, video_id: uuid.UUID) -> Video:
    video = session.get(Video, video_id)
    if video is None or video.user_id != user.id:
        raise NotFound("Video not found.")
    return video


def enable_share(*, session: Session, user: User, video_id: uuid.UUID) -> Video:
    """Turn the link on, or renew it: always a new token, so every earlier link of this video stops working."""
    video = _own_video(session, user, video_id)
    video.share_token = new_share_token()
    video.updated_at = utcnow()
    session.add(video)
    session.commit()
    return video


def disable_share(*, session: Session, user: User, video_id: uuid.UUID) -> Video:
    """Turn the link off: the public page and its media answer 404 from now on."""
    video = _own_video(session, user, video_id)
    video.share_token = None
    video.updated_at = utcnow()
    session.add(video)
    session.commit()
    return video
