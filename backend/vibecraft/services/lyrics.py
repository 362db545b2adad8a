"""Lyrics the musician controls: paste or change the words, align them as a job of their own, move lines by hand."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from vibecraft.errors import Conflict
from vibecraft.jobs.queue import enqueue
from vibecraft.models import Analysis, Job, Song, User, utcnow
from vibecraft.services.analysis import get_analysis_row
from vibecraft.services.songs import get_song

ALIGN_KIND = "align_lyrics"
ACTIVE = ("queued", "processing")


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
    if _active_job(session, song, "analyze_song") is not None:
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
    duration = float((analysis.data or {}).get("duration_sec") or song.duration_sec)
    previous_start = -1.0
    for number, line in enumerate(lines, 1):
        if line["start"] > duration + 0.5 or line["end"] > duration + 0.5:
            raise Conflict(f"Line {number} ends after the song ({duration:.1f} s); move it back inside the song.")
        if line["start"] < previous_start:
            raise Conflict(f"Line {number} starts before the line above it; keep the lines in order.")
        previous_start = line["start"]
    data = dict(analysis.data or {})
    data["lyrics"] = lines
    data["lyrics_available"] = bool(lines)
    data["lyrics_edited"] = True
    if data.get("lyrics_source") in (None, "none") and lines:
        data["lyrics_source"] = "aligned"
    analysis.data = data
    analysis.lyrics_available = bool(lines)
    song.updated_at = utcnow()
    session.add(analysis)
    session.add(song)
    session.commit()
    return analysis


def store_lyrics(session: Session, song: Song, fields: dict) -> None:
    """Put an alignment's lyrics fields into the stored analysis (the rest of it is kept)."""
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    if analysis is None:
        return
    data = dict(analysis.data or {})
    data.update(fields)
    data["lyrics_edited"] = False
    analysis.data = data
    analysis.lyrics_available = bool(fields.get("lyrics_available"))
    session.add(analysis)
