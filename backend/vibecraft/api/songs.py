"""Upload, list, read and delete songs."""

import uuid

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.multipart_upload import receive_upload, upload_openapi
from vibecraft.api.presenters import song_out
from vibecraft.schemas import SongOut
from vibecraft.services import songs as songs_service

router = APIRouter(prefix="/songs", tags=["songs"])

UPLOAD_BODY = upload_openapi(title={"type": "string"})


@router.post("", status_code=201, response_model=SongOut, openapi_extra=UPLOAD_BODY)
async def upload_song(
    request: Request, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep
) -> SongOut:
    """Upload a song (MP3, WAV, M4A, FLAC, OGG; at most 5 minutes and 50 MB)."""
    await run_in_threadpool(songs_service.take_upload_slot, session=session, settings=settings, user=user)
    upload = await receive_upload(request, workdir=settings.temp_dir, max_bytes=settings.max_upload_bytes)
    try:
        song = await run_in_threadpool(
            songs_service.create_song,
            session=session,
            storage=storage,
            settings=settings,
            user=user,
            upload_path=upload.path,
            filename=upload.filename,
            title=upload.fields.get("title"),
        )
    finally:
        upload.discard()
    return song_out(song, storage, settings)


@router.get("", response_model=list[SongOut])
def list_songs(user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> list[SongOut]:
    """The signed-in user's songs, newest first."""
    return [song_out(s, storage, settings) for s in songs_service.list_songs(session, user)]


@router.get("/{song_id}", response_model=SongOut)
def get_song(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> SongOut:
    """One song with its state."""
    return song_out(songs_service.get_song(session, user, song_id), storage, settings)


@router.delete("/{song_id}", status_code=204)
def delete_song(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, storage: StorageDep) -> Response:
    """Delete a song, its videos and all their files."""
    songs_service.delete_song(session=session, storage=storage, user=user, song_id=song_id)
    return Response(status_code=204)
