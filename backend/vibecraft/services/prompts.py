"""The overall prompt of a song's video: built from the analysis, editable until generation starts."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from vibecraft.errors import BadRequest, Conflict
from vibecraft.models import Analysis, Song, User, utcnow
from vibecraft.pipeline import overall_prompt
from vibecraft.schemas import PromptIn, PromptOut, VideoTypeOut
from vibecraft.services.analysis import get_analysis_row
from vibecraft.services.songs import get_song
from vibecraft.video.shapes import SHAPES
from vibecraft.video_types import DEFAULT_VIDEO_TYPE, VIDEO_TYPES


def default_prompt(analysis: Analysis, video_type: str) -> str:
    """The prompt a song gets until the musician writes one (the same one `vibecraft make` uses)."""
    return overall_prompt(analysis.result, video_type)


def effective_prompt(song: Song, analysis: Analysis) -> str:
    """The prompt the video is made with: the musician's, else the default from the analysis."""
    return song.prompt or default_prompt(analysis, song.video_type or analysis.suggested_video_type)


def prompt_info(song: Song, analysis: Analysis) -> PromptOut:
    """The prompt, video type and shape as the editor shows them, with the choices and whether they may change."""
    video_type = song.video_type or analysis.suggested_video_type or DEFAULT_VIDEO_TYPE
    return PromptOut(
        video_type=video_type,
        video_types=[VideoTypeOut(id=k, label=v) for k, v in VIDEO_TYPES.items()],
        suggested_video_type=analysis.suggested_video_type,
        suggested_video_type_reason=analysis.result.suggested_video_type_reason,
        shape=song.shape,
        shapes=list(SHAPES),
        prompt=effective_prompt(song, analysis),
        editable=not song.locked,
    )


def get_prompt(*, session: Session, user: User, song_id: uuid.UUID) -> PromptOut:
    """The song's prompt settings (409 before the analysis exists)."""
    song = get_song(session, user, song_id)
    return prompt_info(song, get_analysis_row(session, song))


def update_prompt(*, session: Session, user: User, song_id: uuid.UUID, body: PromptIn) -> PromptOut:
    """Change the video type, shape and/or prompt; commits. Refused once generation started."""
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    if song.locked:
        raise Conflict("Generation has started, so the prompt and video type are fixed.")
    if body.video_type is not None:
        if body.video_type not in VIDEO_TYPES:
            raise BadRequest(f"Unknown video type {body.video_type!r}; choose one of {', '.join(VIDEO_TYPES)}.")
        song.video_type = body.video_type
    if body.shape is not None:
        if body.shape not in SHAPES:
            raise BadRequest(f"Unknown shape {body.shape!r}; choose one of {', '.join(SHAPES)}.")
        song.shape = body.shape
    if body.prompt is not None:
        text = " ".join(body.prompt.split())
        if not text:
            raise BadRequest("The prompt cannot be empty.")
        song.prompt = text
    song.updated_at = utcnow()
    session.add(song)
    session.commit()
    return prompt_info(song, analysis)
