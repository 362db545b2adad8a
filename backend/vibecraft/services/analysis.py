"""Song analysis: start the job, store its result, read it back; user-supplied lyrics."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from vibecraft.errors import Conflict
from vibecraft.jobs.queue import enqueue
from vibecraft.models import Analysis, Job, Song, User, utcnow
from vibecraft.services import rate_limits
from vibecraft.services.songs import get_song


def start_analysis(*, session: Session, user: User, song_id: uuid.UUID) -> Job:
    song = get_song(session, user, song_id)
    if song.locked:
        raise Conflict("This song's video is already being made; its analysis can no longer change.")
    running = session.exec(
        select(Job).where(Job.song_id == song.id, Job.kind == "analyze_song", Job.status.in_(("queued", "processing")))
    ).first()
    if running is not None:
        return running  # one analysis at a time; the caller follows the running job
    if session.exec(select(Analysis.id).where(Analysis.song_id == song.id)).first() is not None:
        rate_limits.take_reanalysis(session, user.id)
    job = Job(user_id=user.id, song_id=song.id, kind="analyze_song", stage="queued")
    song.status = "analyzing"
    song.analysis_job_id = job.id
    song.updated_at = utcnow()
    session.add(job)
    session.add(song)
    session.commit()
    enqueue("analyze_song", job.id)
    return job


def get_analysis_row(session: Session, song: Song) -> Analysis:
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if analysis is None:
        if song.status == "analyzing":
            raise Conflict("The analysis is still running; follow its job and try again when it completes.")
        if song.status == "analysis_failed":
            raise Conflict("The analysis failed; start it again with POST /api/songs/{id}/analyze.")
        raise Conflict("This song has not been analyzed yet; start with POST /api/songs/{id}/analyze.")
    return analysis


def get_analysis(*, session: Session, user: User, song_id: uuid.UUID) -> dict:
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    return {"song_id": song.id, **(analysis.data or {})}


def save_analysis(session: Session, song: Song, result: dict) -> Analysis:
    """Replace any earlier result with this one (re-running replaces)."""
    old = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if old is not None:
        session.delete(old)
        session.flush()
    analysis = Analysis(
        song_id=song.id,
        bpm=float(result["bpm"]),
        genre=str(result.get("genre", ""))[:64],
        mood_primary=str(result.get("mood_primary", ""))[:64],
        lyrics_available=bool(result.get("lyrics_available")),
        suggested_video_type=str(result.get("suggested_video_type", "abstract_visualizer"))[:40],
        data=result,
    )
    session.add(analysis)
    return analysis


def set_user_lyrics(*, session: Session, user: User, song_id: uuid.UUID, text: str) -> Song:
    song = get_song(session, user, song_id)
    if song.locked:
        raise Conflict("This song's video is already being made; its lyrics can no longer change.")
    song.user_lyrics = text.strip() or None
    song.updated_at = utcnow()
    session.add(song)
    session.commit()
    return song


def analysis_job_failed(job_id: uuid.UUID) -> None:
    """An analysis that failed (or whose worker died) leaves the song in a state the user can retry from."""
    from vibecraft.db import session_scope

    with session_scope() as session:
        job = session.get(Job, job_id)
        song = session.get(Song, job.song_id) if job and job.song_id else None
        if song is not None and song.analysis_job_id == job_id and song.status == "analyzing":
            song.status = "analysis_failed"
            session.add(song)
            session.commit()
