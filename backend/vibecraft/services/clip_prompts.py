"""Clip prompts kept in step with the section they belong to: a label or note edited after planning reaches
every clip not generated yet, and a regeneration is always prompted from the current label and note."""

from __future__ import annotations

from sqlmodel import Session, select

from vibecraft.analysis_result import AnalysisResult
from vibecraft.models import Analysis, Clip, Section, Song, utcnow
from vibecraft.pipeline import clip_prompt
from vibecraft.services.prompts import effective_prompt
from vibecraft.statuses import ClipStatus

NOT_YET_GENERATED = (ClipStatus.PLANNED, ClipStatus.FAILED)


def current_clip_prompt(session: Session, song: Song, clip: Clip) -> str:
    """The prompt this clip gets from the song's prompt and its section's label and note as they are now."""
    section = session.get(Section, clip.section_id)
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    result = analysis.result if analysis else AnalysisResult()
    overall = effective_prompt(song, analysis) if analysis else (song.prompt or "")
    count = len(session.exec(select(Clip.id).where(Clip.section_id == clip.section_id)).all())
    return clip_prompt(song.duration_sec, result, overall, section.label, section.prompt_note, clip.start_time,
                       clip.end_time, clip.clip_index, count)


def replan_section_prompts(session: Session, section: Section) -> int:
    """Re-prompt the section's clips that have no generated file yet (in the caller's transaction). Returns how many."""
    song = session.get(Song, section.song_id)
    changed = 0
    for clip in session.exec(select(Clip).where(Clip.section_id == section.id)).all():
        if clip.status in NOT_YET_GENERATED and not clip.normalized_key:
            clip.prompt = current_clip_prompt(session, song, clip)
            clip.updated_at = utcnow()
            session.add(clip)
            changed += 1
    return changed
