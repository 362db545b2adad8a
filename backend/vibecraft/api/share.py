"""Share links: the public page's data and media (no sign-in), and the owner's switch to turn a link off or renew it."""

import uuid
from pathlib import PurePath

from fastapi import APIRouter, Request
from fastapi.responses import Response

from vibecraft.api.byte_ranges import stream_stored
from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.files import MEDIA_TYPES
from vibecraft.api.presenters import video_out
from vibecraft.errors import NotFound
from vibecraft.schemas import ShareOut, VideoOut
from vibecraft.services import sharing

router = APIRouter(tags=["share"])


@router.get("/share/{token}", response_model=ShareOut)
def shared_video(token: str, session: SessionDep) -> ShareOut:
    """A shared video's title, size and media paths (tied to the token; no ids or storage keys)."""
    video = sharing.video_for_share(session, token)
    return ShareOut(
        title=video.title,
        video_url=sharing.share_media_path(token, "video", video.version),
        poster_url=sharing.share_media_path(token, "poster", video.version) if video.poster_key else None,
        duration_sec=video.duration_sec,
        width=video.width,
        height=video.height,
    )


@router.api_route("/share/{token}/{kind}", methods=["GET", "HEAD"], include_in_schema=False)
def shared_media(token: str, kind: str, request: Request, session: SessionDep, storage: StorageDep) -> Response:
    if kind not in sharing.MEDIA_KINDS:
        raise NotFound("Not found.")
    key = sharing.media_key(sharing.video_for_share(session, token), kind)
    # Through the API on every store, never a redirect to it: a presigned URL would show the object key and outlive
    # the link. no-cache: the browser revalidates, so a link turned off stops playing on the next load.
    return stream_stored(storage, key, media_type=MEDIA_TYPES.get(PurePath(key).suffix.lower(), "application/octet-stream"),
                         range_header=request.headers.get("range"), head=request.method == "HEAD",
                         headers={"Cache-Control": "no-cache"})


@router.post("/videos/{video_id}/share", response_model=VideoOut)
def share_on(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> VideoOut:
    """Turn the share link on, or renew it: a new link, and every earlier one stops working."""
    video = sharing.enable_share(session=session, user=user, video_id=video_id)
    return video_out(session, video, storage, settings)


@router.delete("/videos/{video_id}/share", response_model=VideoOut)
def share_off(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> VideoOut:
    """Turn the share link off: the public page and its media answer 404 until it is turned on again (a new link)."""
    video = sharing.disable_share(session=session, user=user, video_id=video_id)
    return video_out(session, video, storage, settings)
