"""Corrections of a song's analysis: the beat grid (tempo, bar start, metre) and its genre and mood."""

import uuid

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep
from vibecraft.providers import get_provider
from vibecraft.schemas import BeatGridOut, GridCorrectionIn, TagsIn, TagsOut
from vibecraft.services import beat_grid as beat_grid_service

router = APIRouter(prefix="/songs", tags=["analysis"])
CONFLICT = {409: {"description": "not analyzed yet, or generation has started"}}


@router.put("/{song_id}/analysis/grid", response_model=BeatGridOut, responses=CONFLICT)
def put_grid(song_id: uuid.UUID, body: GridCorrectionIn, user: CurrentUser, session: SessionDep,
             settings: SettingsDep) -> BeatGridOut:
    """Correct the beat grid (half/double time, tap tempo, bar start, 3/4 or 4/4); {} restores the detection.
    Sections move onto the new bars and a clip plan that was not generated yet is planned again."""
    return beat_grid_service.correct_grid(session=session, user=user, song_id=song_id, body=body,
                                          provider=get_provider(), settings=settings)


@router.get("/{song_id}/analysis/tags", response_model=TagsOut)
def get_tags(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> TagsOut:
    """Genre and mood, what was detected, and the lists a correction can pick from."""
    return beat_grid_service.get_tags(session=session, user=user, song_id=song_id)


@router.put("/{song_id}/analysis/tags", response_model=TagsOut, responses=CONFLICT)
def put_tags(song_id: uuid.UUID, body: TagsIn, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> TagsOut:
    """Correct the genre and/or mood; the suggested video type and the default prompt follow."""
    return beat_grid_service.correct_tags(session=session, user=user, song_id=song_id, body=body,
                                          provider=get_provider(), settings=settings)
