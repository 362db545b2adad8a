"""Public share links: an unguessable token per video."""

from __future__ import annotations

import secrets

from sqlmodel import select

from vibecraft.db import session_scope
from vibecraft.models import Video


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


def share_exists(token: str) -> bool:
    if not token or len(token) > 64:
        return False
    with session_scope() as session:
        video = session.exec(select(Video).where(Video.share_token == token)).first()
        return video is not None and video.storage_key is not None
