"""What the renderer needs to know about a clip's place in the song: every section's label, span and note,
the clip's own regeneration note and how often it was regenerated, and the media it shows."""

from __future__ import annotations

from sqlmodel import Session, col, select

from vibecraft.models import Clip, Section
from vibecraft.providers.clip_context import SectionFacts
from vibecraft.services.media import clip_media_plan


def clip_look_inputs(session: Session, clip: Clip) -> dict:
    """Keyword arguments for build_clip_context (all but media, which are files: see media_plan)."""
    sections = list(session.exec(select(Section).where(Section.song_id == clip.song_id).order_by(col(Section.index))).all())
    index = next((i for i, s in enumerate(sections) if s.id == clip.section_id), None)
    return dict(
        sections=[SectionFacts(label=s.label, start=s.start_time, end=s.end_time, note=s.prompt_note or "")
                  for s in sections],
        section_index=index,
        clip_note=clip.look_note or "",
        variation=clip.version,
    )


def media_plan(session: Session, clip: Clip) -> list[tuple[str, str, float]]:
    """(storage key, kind, offset) of the photos and footage the clip shows."""
    return clip_media_plan(session, clip)
