"""A song's sections: set as a whole (snapped to beats) until generation starts; label and note editable."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from vibecraft.errors import BadRequest, Conflict, NotFound
from vibecraft.models import Section, Song, User
from vibecraft.planning.sections import SectionDraft, SectionError, lyrics_for_section, snap_sections
from vibecraft.schemas import SectionOut, SectionPatch, SectionsIn
from vibecraft.services.analysis import get_analysis_row
from vibecraft.services.clip_prompts import replan_section_prompts
from vibecraft.services.songs import get_song, video_of_song


def section_out(section: Section, lyrics: list[dict]) -> SectionOut:
    """A section as the API shows it, with the lyrics sung inside it."""
    return SectionOut(
        id=section.id,
        song_id=section.song_id,
        index=section.index,
        label=section.label,
        start_time=section.start_time,
        end_time=section.end_time,
        prompt_note=section.prompt_note,
        lyrics=lyrics_for_section(lyrics, section.start_time, section.end_time),
    )


def song_sections(session: Session, song_id: uuid.UUID) -> list[Section]:
    """The song's sections in order."""
    return list(session.exec(select(Section).where(Section.song_id == song_id).order_by(col(Section.index))).all())


def replace_sections(*, session: Session, user: User, song_id: uuid.UUID, body: SectionsIn) -> list[SectionOut]:
    """Replace the song's sections as a whole, snapped to its beats (bars where possible); refused once generation started."""
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    if song.locked:
        raise Conflict("Generation has started, so the sections are fixed. Edit labels and notes instead.")
    result = analysis.result
    drafts = [SectionDraft(label=s.label, start_time=s.start_time, end_time=s.end_time, prompt_note=s.prompt_note) for s in body.sections]
    try:
        snapped = snap_sections(
            drafts,
            duration=song.duration_sec,
            beat_times=result.beat_times,
            downbeat_times=result.downbeat_times,
        )
    except SectionError as e:
        raise BadRequest(str(e)) from e
    for old in song_sections(session, song.id):
        session.delete(old)  # clips of the old set go with it (ON DELETE CASCADE)
    session.flush()
    rows = [
        Section(song_id=song.id, index=i, label=d.label, start_time=d.start_time, end_time=d.end_time, prompt_note=d.prompt_note)
        for i, d in enumerate(snapped)
    ]
    session.add_all(rows)
    session.commit()
    return [section_out(r, result.lyrics) for r in rows]


def list_sections(*, session: Session, user: User, song_id: uuid.UUID) -> list[SectionOut]:
    """The song's sections in order, each with its lyrics."""
    song = get_song(session, user, song_id)
    lyrics = _lyrics_of(session, song)
    return [section_out(s, lyrics) for s in song_sections(session, song.id)]


def _lyrics_of(session: Session, song: Song) -> list[dict]:
    try:
        return get_analysis_row(session, song).result.lyrics
    except Conflict:
        return []


def get_section(session: Session, song: Song, section_id: uuid.UUID) -> Section:
    """One section of the song (404 when it belongs to another song)."""
    section = session.get(Section, section_id)
    if section is None or section.song_id != song.id:
        raise NotFound("Section not found.")
    return section


def patch_section(*, session: Session, user: User, song_id: uuid.UUID, section_id: uuid.UUID, body: SectionPatch) -> SectionOut:
    """Label and prompt note only; they stay editable after generation starts (they feed regeneration)."""
    song = get_song(session, user, song_id)
    section = get_section(session, song, section_id)
    video = video_of_song(session, song.id)
    if video is not None and video.is_finalized:
        raise Conflict("This video is finalized; its sections can no longer change.")
    if body.label is not None:
        section.label = body.label
    if body.prompt_note is not None:
        section.prompt_note = body.prompt_note
    session.add(section)
    replan_section_prompts(session, section)  # clips not generated yet take the new label and note
    session.commit()
    return section_out(section, _lyrics_of(session, song))
