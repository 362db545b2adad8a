"""Clip plans: beat-aligned clips of 3–10 s filling each section, with their prompts; the cost estimate."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from vibecraft.config import Settings
from vibecraft.errors import Conflict
from vibecraft.models import Clip, Section, Song, User, utcnow
from vibecraft.pipeline import clip_prompt, clip_seed, plan_section_clips
from vibecraft.providers.base import VideoProvider
from vibecraft.schemas import EstimateOut
from vibecraft.services import estimates
from vibecraft.services.analysis import get_analysis_row
from vibecraft.services.prompts import effective_prompt
from vibecraft.services.sections import song_sections
from vibecraft.services.songs import get_song
from vibecraft.video.shapes import frame_count


def song_clips(session: Session, song_id: uuid.UUID) -> list[Clip]:
    """Clips in playback order."""
    stmt = (
        select(Clip)
        .join(Section, Section.id == Clip.section_id)
        .where(Clip.song_id == song_id)
        .order_by(col(Section.index), col(Clip.clip_index))
    )
    return list(session.exec(stmt).all())


def plan_song_clips(*, session: Session, user: User, song_id: uuid.UUID, provider: VideoProvider, settings: Settings) -> list[Clip]:
    """Replace the song's clip plan: beat-aligned clips filling each section, each with its prompt and seed."""
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    if song.locked:
        raise Conflict("Generation has started, so the clip plan is fixed.")
    sections = song_sections(session, song.id)
    if not sections:
        raise Conflict("Mark the song's sections first (POST /api/songs/{id}/sections).")
    result = analysis.result
    overall = effective_prompt(song, analysis)
    for old in session.exec(select(Clip).where(Clip.song_id == song.id)).all():
        session.delete(old)
    session.flush()
    rows: list[Clip] = []
    for section in sections:
        planned = plan_section_clips(section.start_time, section.end_time, analysis=result, provider=provider,
                                     song_duration=song.duration_sec)
        for i, (start, end) in enumerate(planned):
            rows.append(
                Clip(
                    song_id=song.id,
                    section_id=section.id,
                    clip_index=i,
                    start_time=start,
                    end_time=end,
                    frame_count=frame_count(start, end, settings.fps),
                    prompt=clip_prompt(song.duration_sec, result, overall, section.label, section.prompt_note, start, end, i, len(planned)),
                    seed=clip_seed(song.id, section.index, i, 0),
                    updated_at=utcnow(),
                )
            )
    session.add_all(rows)
    session.commit()
    return song_clips(session, song.id)


def list_clips(*, session: Session, user: User, song_id: uuid.UUID) -> list[Clip]:
    """The song's clips in playback order (404 for another user's song)."""
    song = get_song(session, user, song_id)
    return song_clips(session, song.id)


def estimate(*, session: Session, user: User, song_id: uuid.UUID, provider: VideoProvider, settings: Settings) -> EstimateOut:
    """What generating the planned clips will cost and about how long it will take on this provider."""
    song = get_song(session, user, song_id)
    clips = song_clips(session, song.id)
    if not clips:
        raise Conflict("Plan the clips first (POST /api/songs/{id}/clips/plan).")
    durations = [provider.supported_duration(c.end_time - c.start_time) for c in clips]
    per_clip = [provider.estimate_seconds(d) for d in durations]
    # Clips run settings.generation_concurrency at a time; composition adds roughly a second per minute.
    waves = max(1, settings.generation_concurrency)
    wall = sum(per_clip) / waves + max(per_clip) * (1 - 1 / waves) + song.duration_sec / 60 + 5
    measured = estimates.estimate_range(session, song_duration_sec=song.duration_sec, provider_guess_sec=wall)
    return EstimateOut(
        clip_count=len(clips),
        total_seconds=round(sum(c.end_time - c.start_time for c in clips), 3),
        estimated_cost_usd=round(sum(provider.estimate_cost_usd(d) for d in durations), 2),
        estimated_seconds=round((measured.low_sec + measured.high_sec) / 2 if measured.measured_rounds else wall, 1),
        provider=provider.name,
        estimated_seconds_low=measured.low_sec,
        estimated_seconds_high=measured.high_sec,
        measured_rounds=measured.measured_rounds,
        provider_label=estimates.provider_label(settings),
    )
