"""Where every stored file lives. Each key is built here and nowhere else, so the layout reads in one place:

    users/<user>/songs/<song>/original.<format>                  the uploaded song
    users/<user>/songs/<song>/media/<item>.<format>              the musician's photos and footage for it
    users/<user>/songs/<song>/clips/<clip>/v<n>-normalized.mp4   one version of a clip, cut to its frames
    users/<user>/songs/<song>/clips/<clip>/v<n>-raw.mp4          the provider's own file, kept when it differs
    users/<user>/videos/<video>/video-v<n>.mp4, poster-v<n>.jpg  one composition of a video and its poster

Everything of a song sits under its prefix and everything of a video under its own, so deleting either is
one prefix; a new version gets new keys, so a URL handed out never shows different bytes.
"""

from __future__ import annotations

import uuid


def song_prefix(user_id: uuid.UUID, song_id: uuid.UUID) -> str:
    """Everything stored for one song (the upload, its media, its clips)."""
    return f"users/{user_id}/songs/{song_id}/"


def song_original(user_id: uuid.UUID, song_id: uuid.UUID, file_format: str) -> str:
    """The uploaded song, as sent."""
    return f"{song_prefix(user_id, song_id)}original.{file_format}"


def media_prefix(user_id: uuid.UUID, song_id: uuid.UUID) -> str:
    """The musician's photos and footage for one song."""
    return f"{song_prefix(user_id, song_id)}media/"


def media_item(user_id: uuid.UUID, song_id: uuid.UUID, item_id: uuid.UUID, file_format: str) -> str:
    """One photo or video clip of the media shelf."""
    return f"{media_prefix(user_id, song_id)}{item_id}.{file_format}"


def clips_prefix(user_id: uuid.UUID, song_id: uuid.UUID) -> str:
    """Every clip file of one song (finalizing deletes them all)."""
    return f"{song_prefix(user_id, song_id)}clips/"


def clip_files(user_id: uuid.UUID, song_id: uuid.UUID, clip_id: uuid.UUID, version: int) -> tuple[str, str]:
    """(normalized, raw) keys of one version of a clip."""
    prefix = f"{clips_prefix(user_id, song_id)}{clip_id}/v{version}-"
    return f"{prefix}normalized.mp4", f"{prefix}raw.mp4"


def video_prefix(user_id: uuid.UUID, video_id: uuid.UUID) -> str:
    """Everything stored for one video (each composition and its poster)."""
    return f"users/{user_id}/videos/{video_id}/"


def video_files(user_id: uuid.UUID, video_id: uuid.UUID, version: int) -> tuple[str, str]:
    """(video, poster) keys of one composition of a video."""
    prefix = video_prefix(user_id, video_id)
    return f"{prefix}video-v{version}.mp4", f"{prefix}poster-v{version}.jpg"
