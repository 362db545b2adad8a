"""Analysis, lyrics and the overall prompt of a song."""

import uuid

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.presenters import job_out, song_out
from vibecraft.schemas import AnalysisOut, JobOut, LyricsIn, PromptIn, PromptOut, SongOut
from vibecraft.services import analysis as analysis_service
from vibecraft.services import prompts as prompts_service

router = APIRouter(prefix="/songs", tags=["analysis"])


@router.post("/{song_id}/analyze", status_code=202, response_model=JobOut)
def analyze(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobOut:
    """Start (or re-run) the analysis; follow the returned job."""
    return job_out(analysis_service.start_analysis(session=session, user=user, song_id=song_id))


@router.get("/{song_id}/analysis", response_model=AnalysisOut, responses={409: {"description": "not analyzed yet"}})
def get_analysis(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> AnalysisOut:
    """Tempo, beats, structure, genre, mood, lyrics, suggestions and waveform."""
    return AnalysisOut(**analysis_service.get_analysis(session=session, user=user, song_id=song_id))


@router.put("/{song_id}/lyrics", response_model=SongOut)
def put_lyrics(
    song_id: uuid.UUID, body: LyricsIn, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep
) -> SongOut:
    """Give the song's lyrics; the next analysis aligns them to the audio instead of transcribing."""
    song = analysis_service.set_user_lyrics(session=session, user=user, song_id=song_id, text=body.text)
    return song_out(song, storage, settings)


@router.get("/{song_id}/prompt", response_model=PromptOut)
def get_prompt(song_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> PromptOut:
    """The video type (with the suggestion), shape, and the overall prompt."""
    return prompts_service.get_prompt(session=session, user=user, song_id=song_id)


@router.put("/{song_id}/prompt", response_model=PromptOut)
def put_prompt(song_id: uuid.UUID, body: PromptIn, user: CurrentUser, session: SessionDep) -> PromptOut:
    """Change the video type, shape or overall prompt (until generation starts)."""
    return prompts_service.update_prompt(session=session, user=user, song_id=song_id, body=body)
