"""Lyrics the musician controls: paste or change the words, align them as a job of their own, move lines by hand."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from vibecraft.analysis_result import LyricsFields
from vibecraft.audio.sung_sections import name_sung_sections
from vibecraft.errors import Conflict
from vibecraft.jobs.queue import enqueue
from vibecraft.models import Analysis, Job, Song, User, utcnow
from vibecraft.services.analysis import get_analysis_row, store_result
from vibecraft.services.songs import get_song
from vibecraft.statuses import JobKind, JobStatus

ALIGN_KIND = JobKind.ALIGN_LYRICS
ACTIVE = (JobStatus.QUEUED, JobStatus.PROCESSING)


def _active_job(session: Session, song: Song, kind: str) -> Job | None:
    return session.exec(select(Job).where(Job.song_id == song.id, Job.kind == kind, Job.status.in_(ACTIVE))).first()


def _editable_song(session: Session, user: User, song_id: uuid.UUID) -> Song:
    song = get_song(session, user, song_id)
    if song.locked:
        raise Conflict("This song's video is already being made; its lyrics can no longer change.")
    return song


def start_alignment(*, session: Session, user: User, song_id: uuid.UUID) -> Job:
    """Time the song's lyrics again, alone (the pasted text if any, else a fresh transcription); follow the job.

    The rest of the analysis stays as it is. One alignment at a time: a running one is returned.
    """
    song = _editable_song(session, user, song_id)
    if _active_job(session, song, JobKind.ANALYZE_SONG) is not None:
        raise Conflict("The analysis is still running and will time these lyrics; wait for it to finish.")
    get_analysis_row(session, song)  # 409 with the reason when there is no analysis to add lyrics to
    running = _active_job(session, song, ALIGN_KIND)
    if running is not None:
        return running
    job = Job(user_id=user.id, song_id=song.id, kind=ALIGN_KIND, stage="queued")
    song.lyrics_job_id = job.id
    song.updated_at = utcnow()
    session.add(job)
    session.add(song)
    session.commit()
    enqueue(ALIGN_KIND, job.id)
    return job


def save_lines(*, session: Session, user: User, song_id: uuid.UUID, lines: list[dict]) -> Analysis:
    """Replace the timed lines with the musician's own (dragged or nudged on the waveform).

    The text of each line is kept as sent; times must lie inside the song and go forward.
    """
    song = _editable_song(session, user, song_id)
    if _active_job(session, song, ALIGN_KIND) is not None:
        raise Conflict("The lyrics are being aligned right now; save your changes when that has finished.")
    analysis = get_analysis_row(session, song)
    result = analysis.result
    duration = float(result.duration_sec or song.duration_sec)
    previous_start = -1.0
    for number, line in enumerate(lines, 1):
        if line["start"] > duration + 0.5 or line["end"] > duration + 0.5:
            raise Conflict(f"Line {number} ends after the song ({duration:.1f} s); move it back inside the song.")
        if line["start"] < previous_start:
            raise Conflict(f"Line {number} starts before the line above it; keep the lines in order.")
        previous_start = line["start"]
    source = "aligned" if result.lyrics_source == "none" and lines else result.lyrics_source
    store_result(analysis, result.updated(lyrics=lines, lyrics_available=bool(lines), lyrics_edited=True,
                                          lyrics_source=source))
    song.updated_at = utcnow()
    session.add(analysis)
    session.add(song)
    session.commit()
    return analysis


def store_lyrics(session: Session, song: Song, lyrics: LyricsFields) -> None:
    """Put an alignment's lyrics fields into the stored analysis (the rest of it is kept); the caller commits."""
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if analysis is None:
        return
    result = analysis.result
    # The suggested sections were named by the lyrics the analysis had; these may say otherwise.
    store_result(analysis, result.with_lyrics(lyrics).updated(
        lyrics_edited=False, suggested_sections=name_sung_sections(result.suggested_sections, lyrics)))
    session.add(analysis)
