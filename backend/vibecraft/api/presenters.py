"""Turning rows into response bodies (URLs are signed here, at the edge)."""

from __future__ import annotations

from sqlmodel import Session, select

from vibecraft.config import Settings
from vibecraft.download_names import download_name
from vibecraft.models import Analysis, Job, Song, User
from vibecraft.schemas import ClipOut, JobOut, RegenerationsLeft, SongOut, UserOut, VideoOut
from vibecraft.services import quotas, sharing
from vibecraft.services import videos as videos_service
from vibecraft.services.clips import song_clips
from vibecraft.services.sections import section_out
from vibecraft.storage import Storage


def user_out(session: Session, user: User, settings: Settings) -> UserOut:
    return UserOut(id=user.id, email=user.email, created_at=user.created_at, usage=quotas.usage(session, user, settings))


def song_out(song: Song, storage: Storage, settings: Settings) -> SongOut:
    return SongOut(
        id=song.id,
        title=song.title,
        original_filename=song.original_filename,
        format=song.format,
        duration_sec=song.duration_sec,
        file_size_bytes=song.file_size_bytes,
        created_at=song.created_at,
        status=song.status,
        analysis_job_id=song.analysis_job_id,
        audio_url=storage.url(song.storage_key, ttl_sec=settings.signed_url_ttl_sec),
        video_type=song.video_type,
        shape=song.shape,
        prompt=song.prompt,
        has_user_lyrics=bool(song.user_lyrics),
        locked=song.locked,
    )


def job_out(job: Job) -> JobOut:
    return JobOut.model_validate(job)


def clip_out(clip, storage: Storage, settings: Settings) -> ClipOut:  # noqa: ANN001
    return ClipOut(
        id=clip.id,
        song_id=clip.song_id,
        section_id=clip.section_id,
        clip_index=clip.clip_index,
        start_time=clip.start_time,
        end_time=clip.end_time,
        frame_count=clip.frame_count,
        prompt=clip.prompt,
        status=clip.status,
        error_message=clip.error_message,
        regeneration_count=clip.regeneration_count,
        seed=clip.seed,
        video_url=storage.url(clip.normalized_key, ttl_sec=settings.signed_url_ttl_sec) if clip.normalized_key else None,
    )


def video_out(session: Session, video, storage: Storage, settings: Settings, *, detailed: bool = False) -> VideoOut:  # noqa: ANN001
    ttl = settings.signed_url_ttl_sec
    out = VideoOut(
        id=video.id,
        song_id=video.song_id,
        title=video.title,
        status=video.status,
        video_url=storage.url(video.storage_key, ttl_sec=ttl) if video.storage_key else None,
        poster_url=storage.url(video.poster_key, ttl_sec=ttl) if video.poster_key else None,
        download_url=storage.url(video.storage_key, ttl_sec=ttl, download_name=download_name(video.title, video.version, "mp4"))
        if video.storage_key else None,
        duration_sec=video.duration_sec,
        file_size_bytes=video.file_size_bytes,
        width=video.width,
        height=video.height,
        shape=video.shape,
        fps=video.fps,
        is_finalized=video.is_finalized,
        finalized_at=video.finalized_at,
        shareable_url=sharing.shareable_url(video, settings),
        created_at=video.created_at,
        updated_at=video.updated_at,
    )
    if detailed:
        analysis = session.exec(select(Analysis).where(Analysis.song_id == video.song_id)).first()
        lyrics = analysis.result.lyrics if analysis else []
        out.regenerations_left = RegenerationsLeft(**videos_service.regenerations_left(session, video))
        out.sections = [section_out(s, lyrics) for s in videos_service.sections_of(session, video)]
        out.clips = [clip_out(c, storage, settings) for c in song_clips(session, video.song_id)]
    return out
