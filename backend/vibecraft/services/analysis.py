"""Song analysis: start the job, store its result, read it back; user-supplied lyrics."""

from __future__ import annotations

import uuid

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from vibecraft.analysis_result import AnalysisResult
from vibecraft.db import session_scope
from vibecraft.errors import Conflict
from vibecraft.jobs.queue import enqueue
from vibecraft.models import Analysis, Job, Song, User, utcnow
from vibecraft.services import rate_limits
from vibecraft.services.songs import get_song
from vibecraft.statuses import JobKind, JobStatus, SongStatus


def start_analysis(*, session: Session, user: User, song_id: uuid.UUID) -> Job:
    """Queue the song's analysis (one at a time: a running one is returned); commits, then enqueues."""
    song = get_song(session, user, song_id)
    if song.locked:
        raise Conflict("This song's video is already being made; its analysis can no longer change.")
    running = session.exec(
        select(Job).where(Job.song_id == song.id, Job.kind == JobKind.ANALYZE_SONG, Job.status.in_((JobStatus.QUEUED, JobStatus.PROCESSING)))
    ).first()
    if running is not None:
        return running  # one analysis at a time; the caller follows the running job
    if session.exec(select(Analysis.id).where(Analysis.song_id == song.id)).first() is not None:
        rate_limits.take_reanalysis(session, user.id)
    job = Job(user_id=user.id, song_id=song.id, kind=JobKind.ANALYZE_SONG, stage="queued")
    song.status = SongStatus.ANALYZING
    song.analysis_job_id = job.id
    song.updated_at = utcnow()
    session.add(job)
    session.add(song)
    session.commit()
    enqueue(JobKind.ANALYZE_SONG, job.id)
    return job


def get_analysis_row(session: Session, song: Song) -> Analysis:
    """The song's stored analysis row; 409 saying why when there is none (running, failed, never started)."""
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if analysis is None:
        if song.status == SongStatus.ANALYZING:
            raise Conflict("The analysis is still running; follow its job and try again when it completes.")
        if song.status == SongStatus.ANALYSIS_FAILED:
            raise Conflict("The analysis failed; start it again with POST /api/songs/{id}/analyze.")
        raise Conflict("This song has not been analyzed yet; start with POST /api/songs/{id}/analyze.")
    return analysis


def get_analysis(*, session: Session, user: User, song_id: uuid.UUID) -> dict:
    """The song's stored analysis as the API shows it (409 with the reason while there is none)."""
    song = get_song(session, user, song_id)
    analysis = get_analysis_row(session, song)
    return {"song_id": song.id, **analysis.result.to_stored()}


def store_result(analysis: Analysis, result: AnalysisResult) -> None:
    """Write `result` into the row: the JSON and the columns that summarize it (the caller adds and commits)."""
    analysis.data = result.to_stored()
    analysis.bpm = float(result.bpm)
    analysis.genre = result.genre[:64]
    analysis.mood_primary = result.mood_primary[:64]
    analysis.lyrics_available = result.lyrics_available
    analysis.suggested_video_type = result.suggested_video_type[:40]
    flag_modified(analysis, "data")


def save_analysis(session: Session, song: Song, result: AnalysisResult) -> Analysis:
    """Replace any earlier result with this one (re-running replaces); the caller commits."""
    old = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if old is not None:
        session.delete(old)
        session.flush()
    analysis = Analysis(song_id=song.id, bpm=0.0, genre="", mood_primary="", suggested_video_type="", data={})
    store_result(analysis, result)
    session.add(analysis)
    return analysis


def set_user_lyrics(*, session: Session, user: User, song_id: uuid.UUID, text: str) -> Song:
    """Keep the musician's pasted lyrics for the next alignment; commits. Refused once generation started."""
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
    with session_scope() as session:
        job = session.get(Job, job_id)
        song = session.get(Song, job.song_id) if job and job.song_id else None
        if song is not None and song.analysis_job_id == job_id and song.status == SongStatus.ANALYZING:
            song.status = SongStatus.ANALYSIS_FAILED
            session.add(song)
            session.commit()
