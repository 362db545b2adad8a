"""What a user is told when a job fails: the reason when it is theirs to act on, never an internal path or SQL."""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError

from vibecraft.audio.decode import AudioDecodeError
from vibecraft.audio.lyrics_errors import LyricsError
from vibecraft.errors import AppError
from vibecraft.ffmpeg import FFmpegError
from vibecraft.providers.base import ProviderError
from vibecraft.storage.base import StorageError
from vibecraft.video.normalize import VideoFileError

_ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:[\w.@+-]+/)+([\w.@+-]+)")
GENERIC = "Something went wrong on our side while doing this; please try again."


def scrub_paths(text: str) -> str:
    """Absolute paths become their last part: 'could not read /srv/tmp/x/raw.mp4' → 'could not read raw.mp4'."""
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1), text)


def _user_facing_types() -> tuple[type[BaseException], ...]:
    return (AudioDecodeError, LyricsError, FFmpegError, ProviderError, VideoFileError)


def failure_message(error: BaseException) -> str:
    """One sentence for the Job row's error_message."""
    if isinstance(error, AppError):
        return error.detail
    if isinstance(error, DBAPIError):
        return "The database was unavailable for a moment; please try again."
    if isinstance(error, StorageError):
        return "File storage was unavailable for a moment; please try again."
    if isinstance(error, _user_facing_types()) and str(error):
        text = scrub_paths(str(error)).strip()
        return text[:1000]
    return GENERIC
