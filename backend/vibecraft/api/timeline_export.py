"""Timeline export: a video's cuts, song and captions for a video editor."""

import uuid
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.services import timeline_export
from vibecraft.video.timeline_export import MEDIA_TYPES

router = APIRouter(prefix="/videos", tags=["videos"])

TEXT_RESPONSES = {200: {"content": {t: {"schema": {"type": "string"}} for t in sorted(set(MEDIA_TYPES.values()))}}}


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"}


@router.get("/{video_id}/timeline.zip", response_class=FileResponse,
            responses={200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}})
def export_bundle(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep,
                  storage: StorageDep) -> FileResponse:
    """The timeline in every format with the captions and the clip and song files it references, as one zip."""
    path, filename = timeline_export.export_bundle(session=session, storage=storage, user=user, video_id=video_id,
                                                   workdir=settings.temp_dir)
    return FileResponse(path, media_type="application/zip", headers=attachment(filename),
                        background=BackgroundTask(Path(path).unlink, missing_ok=True))


@router.get("/{video_id}/timeline.{fmt}", response_class=Response, responses=TEXT_RESPONSES)
def export_timeline(video_id: uuid.UUID, fmt: str, user: CurrentUser, session: SessionDep) -> Response:
    """The video's timeline as OpenTimelineIO (.otio), CMX 3600 EDL (.edl) or FCP 7 XML (.fcpxml)."""
    text, filename = timeline_export.export_timeline(session=session, user=user, video_id=video_id, fmt=fmt)
    return Response(text, media_type=MEDIA_TYPES[fmt], headers=attachment(filename))
