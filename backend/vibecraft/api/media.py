"""A song's media shelf: upload photos and video clips, list them, place them in a section, delete them."""

import uuid

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.multipart_upload import receive_upload, upload_openapi
from vibecraft.api.prompt_words import router as prompt_words_router
from vibecraft.config import Settings
from vibecraft.errors import BadRequest
from vibecraft.look_schemas import MediaOut, MediaPlaceIn
from vibecraft.models import MediaItem
from vibecraft.services import media as media_service
from vibecraft.storage import Storage

router = APIRouter(tags=["media"])
router.include_router(prompt_words_router)

UPLOAD_BODY = upload_openapi(section_id={"type": "string", "format": "uuid"})


def media_out(item: MediaItem, storage: Storage, settings: Settings) -> MediaOut:
    return MediaOut(
        id=item.id, song_id=item.song_id, section_id=item.section_id, kind=item.kind,
        original_filename=item.original_filename, format=item.format, width=item.width, height=item.height,
        duration_sec=item.duration_sec, file_size_bytes=item.file_size_bytes, position=item.position,
        url=storage.url(item.storage_key, ttl_sec=settings.signed_url_ttl_sec), created_at=item.created_at,
    )


@router.post("/songs/{song_id}/media", status_code=201, response_model=MediaOut, openapi_extra=UPLOAD_BODY)
async def upload_media(song_id: uuid.UUID, request: Request, user: CurrentUser, session: SessionDep,
                       settings: SettingsDep, storage: StorageDep) -> MediaOut:
    """Add a photo (JPEG, PNG, WebP) or video clip (MP4, MOV, WebM, AVI; at most 2 minutes) to the song's shelf."""
    await run_in_threadpool(media_service.take_upload_slot, session=session, settings=settings, user=user)
    upload = await receive_upload(request, workdir=settings.temp_dir, max_bytes=settings.max_upload_bytes)
    try:
        raw_section = (upload.fields.get("section_id") or "").strip()
        try:
            section_id = uuid.UUID(raw_section) if raw_section else None
        except ValueError as e:
            raise BadRequest("section_id must be the id of one of the song's sections.") from e
        item = await run_in_threadpool(
            media_service.add_media, session=session, storage=storage, settings=settings, user=user, song_id=song_id,
            upload_path=upload.path, filename=upload.filename, section_id=section_id,
        )
    finally:
        upload.discard()
    return media_out(item, storage, settings)


@router.get("/songs/{song_id}/media", response_model=list[MediaOut])
def list_media(song_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep,
               storage: StorageDep) -> list[MediaOut]:
    """The song's shelf in order."""
    return [media_out(i, storage, settings) for i in media_service.list_media(session, user, song_id)]


@router.patch("/songs/{song_id}/media/{media_id}", response_model=MediaOut)
def place_media(song_id: uuid.UUID, media_id: uuid.UUID, body: MediaPlaceIn, user: CurrentUser, session: SessionDep,
                settings: SettingsDep, storage: StorageDep) -> MediaOut:
    """Place an item in a section, or (section_id null) let the planner place it."""
    item = media_service.place_media(session=session, user=user, song_id=song_id, media_id=media_id,
                                     section_id=body.section_id)
    return media_out(item, storage, settings)


@router.delete("/songs/{song_id}/media/{media_id}", status_code=204)
def delete_media(song_id: uuid.UUID, media_id: uuid.UUID, user: CurrentUser, session: SessionDep,
                 storage: StorageDep) -> Response:
    """Remove an item and its file from the shelf; the quota is freed."""
    media_service.delete_media(session=session, storage=storage, user=user, song_id=song_id, media_id=media_id)
    return Response(status_code=204)
