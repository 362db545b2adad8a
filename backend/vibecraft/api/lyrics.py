"""Lyrics the musician controls: caption files (SRT, WebVTT, LRC) for a song, a video and a shared video; alignment."""

import uuid
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field, model_validator
from sqlmodel import Session, select

from vibecraft import captions
from vibecraft.analysis_result import AnalysisResult
from vibecraft.api.deps import CurrentUser, SessionDep
from vibecraft.api.presenters import job_out
from vibecraft.audio.lyrics_step import unplaced_vocals
from vibecraft.errors import Conflict
from vibecraft.models import Analysis, Job, Song
from vibecraft.schemas import JobOut, LyricLine
from vibecraft.services import analysis as analysis_service
from vibecraft.services import lyrics as lyrics_service
from vibecraft.services import sharing
from vibecraft.services import videos as videos_service
from vibecraft.services.songs import get_song
from vibecraft.statuses import JobStatus

router = APIRouter(tags=["lyrics"])


class LyricsOut(BaseModel):
    """Everything the lyrics editor shows."""

    text: str | None = Field(description="The words the musician pasted (None: none yet).")
    analyzed: bool = Field(description="False until the song's analysis exists; lines come with it.")
    source: str = Field(description='"aligned": the pasted words, timed; "transcribed": as heard, may be wrong; "none"')
    edited: bool = Field(description="The lines were moved by hand since the last alignment.")
    error: str | None = Field(description="Why there are no lyrics, when timing them failed.")
    stale: bool = Field(description="The pasted words differ from the ones the lines were timed from: align again.")
    lines: list[LyricLine]
    unplaced_vocals: list[list[float]] = Field(description="[start, end] stretches where singing was heard but "
                                               "no line is placed (a line may be missing or misplaced).")
    job: JobOut | None = Field(description="The latest lyrics alignment job, while it runs or if it failed.")


class LinesIn(BaseModel):
    """The timed lines as the musician arranged them."""

    lines: list[LyricLine] = Field(max_length=2000)

    @model_validator(mode="after")
    def _times_make_sense(self) -> "LinesIn":
        for number, line in enumerate(self.lines, 1):
            if line.start < 0 or line.end < line.start:
                raise ValueError(f"line {number} must start at 0 s or later and end after it starts")
            if not line.text.strip():
                raise ValueError(f"line {number} has no text")
            for word in line.words:
                if word.start < 0 or word.end < word.start:
                    raise ValueError(f"a word of line {number} ends before it starts")
        return self


def _lyrics_out(session: Session, song: Song) -> LyricsOut:
    analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
    result = analysis.result if analysis else AnalysisResult()
    lines = result.lyrics
    job = session.get(Job, song.lyrics_job_id) if song.lyrics_job_id else None
    aligned_from = result.lyrics_text
    return LyricsOut(
        text=song.user_lyrics,
        analyzed=analysis is not None,
        source=result.lyrics_source,
        edited=bool(result.lyrics_edited),
        error=result.lyrics_error,
        stale=analysis is not None and bool(song.user_lyrics) and (song.user_lyrics or "").strip() != (aligned_from or ""),
        lines=lines,
        unplaced_vocals=unplaced_vocals(lines, result.vocal_spans),
        job=job_out(job) if job is not None and job.status != JobStatus.COMPLETED else None,
    )


@router.get("/songs/{song_id}/lyrics", response_model=LyricsOut)
def get_lyrics(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> LyricsOut:
    """The pasted words, the timed lines, singing no line covers, and the alignment job if one runs."""
    return _lyrics_out(session, get_song(session, user, song_id))


@router.post("/songs/{song_id}/lyrics/align", status_code=202, response_model=JobOut)
def align_lyrics(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """Time the lyrics again, alone (the pasted words, else a transcription); the rest of the analysis stays."""
    return job_out(lyrics_service.start_alignment(session=session, user=user, song_id=song_id))


@router.put("/songs/{song_id}/lyrics/lines", response_model=LyricsOut)
def put_lines(song_id: uuid.UUID, body: LinesIn, user: CurrentUser, session: SessionDep) -> LyricsOut:
    """Save lines moved by hand on the waveform (dragged or nudged)."""
    lines = [line.model_dump() for line in body.lines]
    lyrics_service.save_lines(session=session, user=user, song_id=song_id, lines=lines)
    return _lyrics_out(session, get_song(session, user, song_id))

CaptionFormat = Literal["srt", "vtt", "lrc"]
_RESPONSES = {200: {"content": {"text/vtt": {}, "application/x-subrip": {}, "text/plain": {}},
                    "description": "the caption file"},
              409: {"description": "the song has no timed lyrics yet"}}


def _lyrics_of(session: Session, song: Song) -> list[dict]:
    analysis = analysis_service.get_analysis_row(session, song)
    lines = analysis.result.lyrics
    if not lines:
        raise Conflict("This song has no timed lyrics yet: paste its lyrics in the editor and align them.")
    return lines


def _file(lines: list[dict], fmt: str, title: str) -> Response:
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "lyrics"
    return Response(captions.render(lines, fmt, title=title), media_type=captions.FORMATS[fmt],
                    headers={"Content-Disposition": f'inline; filename="{safe}.{fmt}"',
                             "Cache-Control": "private, no-cache"})


@router.get("/songs/{song_id}/captions.{fmt}", response_class=Response, responses=_RESPONSES)
def song_captions(song_id: uuid.UUID, fmt: CaptionFormat, user: CurrentUser, session: SessionDep) -> Response:
    """The song's timed lyrics as SRT, WebVTT (word times as cue timestamps) or enhanced LRC (word times)."""
    song = get_song(session, user, song_id)
    return _file(_lyrics_of(session, song), fmt, song.title)


@router.get("/videos/{video_id}/captions.{fmt}", response_class=Response, responses=_RESPONSES)
def video_captions(video_id: uuid.UUID, fmt: CaptionFormat, user: CurrentUser, session: SessionDep) -> Response:
    """Captions for a video: its song's timed lyrics (the video starts where the song starts)."""
    video = videos_service.get_video(session, user, video_id)
    song = session.get(Song, video.song_id)
    return _file(_lyrics_of(session, song), fmt, video.title)


@router.get("/share/{token}/captions.{fmt}", response_class=Response, responses=_RESPONSES)
def shared_captions(token: str, fmt: CaptionFormat, session: SessionDep) -> Response:
    """Captions of a shared video (no sign-in), for the share page's WebVTT track."""
    video = sharing.video_for_share(session, token)
    song = session.get(Song, video.song_id)
    return _file(_lyrics_of(session, song), fmt, video.title)
