"""The lyrics-only job: decode the song, time its lyrics (pasted text, else a transcription), store them.

The rest of the stored analysis (tempo, sections, genre …) is left as it is. Safe to run twice.
"""

from __future__ import annotations

from vibecraft.audio.decode import decode_audio
from vibecraft.audio.lyrics_errors import LyricsError
from vibecraft.audio.lyrics_step import timed_lyrics
from vibecraft.db import session_scope
from vibecraft.jobs.context import JobCancelled, JobContext
from vibecraft.jobs.models_cache import lyrics_engine
from vibecraft.jobs.scratch import job_scratch
from vibecraft.models import Job, Song, utcnow
from vibecraft.services.lyrics import store_lyrics
from vibecraft.storage import get_storage

STAGES = {"decoding": "Decoding the song", "aligning": "Placing each line", "saved": "Saved"}


def align_lyrics(ctx: JobContext) -> None:
    """Time the song's lyrics again and put them into its analysis; progress 5 -> 95 while the engine works."""
    with session_scope() as session:
        job = session.get(Job, ctx.job_id)
        song = session.get(Song, job.song_id) if job and job.song_id else None
        if song is None:
            raise JobCancelled("the song of this job was deleted")
        key, text, song_id = song.storage_key, song.user_lyrics, song.id
    ctx.report(2, "decoding")
    with job_scratch(ctx.job_id) as tmp, get_storage().local_copy(key, tmp) as path:
        audio = decode_audio(path)
    ctx.report(5, "aligning")
    # Progress is written at most once per whole percent.
    last = [5]

    def progress(fraction: float) -> None:
        percent = 5 + int(90 * fraction)
        if percent > last[0]:
            last[0] = percent
            ctx.report(percent, "aligning")

    lyrics = timed_lyrics(lyrics_engine(), audio.samples, audio.sample_rate, text, on_progress=progress)
    with session_scope() as session:
        song = session.get(Song, song_id)
        if song is None:
            return
        store_lyrics(session, song, lyrics)
        song.updated_at = utcnow()
        session.add(song)
        session.commit()
    if lyrics.lyrics_error and not lyrics.lyrics:
        raise LyricsError(lyrics.lyrics_error)  # stored for the editor; the job ends failed with the reason
    ctx.report(100, "saved")
