"""A song's sections."""

import uuid

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep
from vibecraft.schemas import SectionOut, SectionPatch, SectionsIn
from vibecraft.services import sections as sections_service

router = APIRouter(prefix="/songs", tags=["sections"])


@router.post("/{song_id}/sections", status_code=201, response_model=list[SectionOut])
def put_sections(song_id: uuid.UUID, body: SectionsIn, user: CurrentUser, session: SessionDep) -> list[SectionOut]:
    """Replace the song's sections (1–12, tiling the song); boundaries are snapped to beats."""
    return sections_service.replace_sections(session=session, user=user, song_id=song_id, body=body)


@router.get("/{song_id}/sections", response_model=list[SectionOut])
def get_sections(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> list[SectionOut]:
    """The sections in order, each with its lyrics."""
    return sections_service.list_sections(session=session, user=user, song_id=song_id)


@router.patch("/{song_id}/sections/{section_id}", response_model=SectionOut)
def patch_section(song_id: uuid.UUID, section_id: uuid.UUID, body: SectionPatch, user: CurrentUser, session: SessionDep) -> SectionOut:
    """Change a section's label or prompt note (its times cannot change here)."""
    return sections_service.patch_section(session=session, user=user, song_id=song_id, section_id=section_id, body=body)
