"""Stored files of the local backend, behind signed expiring URLs (Range requests work)."""

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from vibecraft.api.deps import StorageDep
from vibecraft.errors import NotFound
from vibecraft.storage.base import StorageError
from vibecraft.storage.local import LocalStorage

router = APIRouter(prefix="/files", tags=["files"])

MEDIA_TYPES = {
    ".mp4": "video/mp4", ".mp3": "audio/mpeg", ".wav": "audio/wav", ".m4a": "audio/mp4",
    ".flac": "audio/flac", ".ogg": "audio/ogg", ".jpg": "image/jpeg", ".png": "image/png",
}


@router.get("/{key:path}", include_in_schema=False)
def get_file(key: str, storage: StorageDep, expires: int = Query(...), sig: str = Query(...), name: str | None = None) -> FileResponse:
    if not isinstance(storage, LocalStorage):
        raise NotFound("File not found.")
    try:
        valid = storage.verify(key, expires, sig, name)
        path = storage.path_for(key)
    except StorageError:
        valid = False
    if not valid:
        raise NotFound("This link has expired or is not valid; reload the page for a fresh one.")
    if not path.is_file():
        raise NotFound("File not found.")
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return FileResponse(path, media_type=media_type, filename=name, headers={"Cache-Control": "private, max-age=300"})
