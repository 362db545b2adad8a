"""The library: videos, regeneration, finalization, deletion."""

import uuid

from fastapi import APIRouter, Response

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from vibecraft.api.presenters import job_out, video_out
from vibecraft.look_schemas import RegenerateIn
from vibecraft.schemas import JobOut, VideoOut
from vibecraft.services import generation
from vibecraft.services import videos as videos_service

router = APIRouter(prefix="/videos", tags=["videos"])


@router.get("", response_model=list[VideoOut])
def list_videos(user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> list[VideoOut]:
    """The signed-in user's videos, newest first."""
    return [video_out(session, v, storage, settings) for v in videos_service.list_videos(session, user)]


@router.get("/{video_id}", response_model=VideoOut)
def get_video(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> VideoOut:
    """One video with its sections, clips and regenerations left."""
    video = videos_service.get_video(session, user, video_id)
    return video_out(session, video, storage, settings, detailed=True)


@router.delete("/{video_id}", status_code=204)
def delete_video(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, storage: StorageDep) -> Response:
    """Delete the video and its files; its share link stops working."""
    videos_service.delete_video(session=session, storage=storage, user=user, video_id=video_id)
    return Response(status_code=204)


@router.post("/{video_id}/regenerate/clip/{clip_id}", status_code=202, response_model=JobOut)
def regenerate_clip(video_id: uuid.UUID, clip_id: uuid.UUID, user: CurrentUser, session: SessionDep,
                    body: RegenerateIn | None = None) -> JobOut:
    """Regenerate one clip (once per clip), optionally with a note on what to show; same cuts, new picture."""
    note = body.note if body else None
    return job_out(generation.regenerate_clip(session=session, user=user, video_id=video_id, clip_id=clip_id, note=note))


@router.post("/{video_id}/regenerate/section/{section_id}", status_code=202, response_model=JobOut)
def regenerate_section(video_id: uuid.UUID, section_id: uuid.UUID, user: CurrentUser, session: SessionDep,
                       body: RegenerateIn | None = None) -> JobOut:
    """Regenerate every clip of a section (once per section), optionally with a new note for the section."""
    note = body.note if body else None
    return job_out(generation.regenerate_section(session=session, user=user, video_id=video_id, section_id=section_id,
                                                 note=note))


@router.post("/{video_id}/finalize", response_model=VideoOut)
def finalize(video_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep, storage: StorageDep) -> VideoOut:
    """Keep only the finished video and poster; no edits afterwards. Irreversible."""
    video = videos_service.finalize(session=session, storage=storage, user=user, video_id=video_id)
    return video_out(session, video, storage, settings, detailed=True)
