"""Public share links: no sign-in."""

from fastapi import APIRouter

from vibecraft.api.deps import SessionDep, SettingsDep, StorageDep
from vibecraft.schemas import ShareOut
from vibecraft.services import videos as videos_service

router = APIRouter(prefix="/share", tags=["share"])


@router.get("/{token}", response_model=ShareOut)
def shared_video(token: str, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> ShareOut:
    """A shared video's title and a fresh, short-lived media URL."""
    video = videos_service.video_for_share(session, token)
    return ShareOut(
        title=video.title,
        video_url=storage.url(video.storage_key, ttl_sec=settings.signed_url_ttl_sec),
        poster_url=storage.url(video.poster_key, ttl_sec=settings.signed_url_ttl_sec) if video.poster_key else None,
        duration_sec=video.duration_sec,
        width=video.width,
        height=video.height,
    )
