"""The jobs the product runs. Each takes its Job id, opens its own session, and is safe to run twice."""

from __future__ import annotations

import logging

from sqlmodel import select

from vibecraft import pipeline
from vibecraft.analysis_result import AnalysisResult
from vibecraft.config import get_settings
from vibecraft.db import session_scope
from vibecraft.errors import Conflict
from vibecraft.jobs.context import JobCancelled, JobContext, TransientJobError
from vibecraft.jobs.scratch import job_scratch
from vibecraft.milestones import COMPOSE_PROGRESS, ComposeStep
from vibecraft.models import Analysis, Clip, Job, Section, Song, Video, utcnow
from vibecraft.providers import get_provider
from vibecraft.providers.base import ProviderRateLimited
from vibecraft.services import rounds
from vibecraft.services.analysis import save_analysis
from vibecraft.services.clip_jobs import billed_request, check_clip_fits_quota
from vibecraft.services.clip_looks import clip_look_inputs, media_plan
from vibecraft.services.clips import song_clips
from vibecraft.services.media import fetch_clip_media
from vibecraft.services.prompts import effective_prompt
from vibecraft.services.songs import video_of_song
from vibecraft.statuses import ClipStatus, SongStatus
from vibecraft.storage import get_storage, keys
from vibecraft.video.compose import compose_video as compose_files
from vibecraft.video.poster import make_poster
from vibecraft.video.shapes import frame_count, output_shape

log = logging.getLogger(__name__)

ANALYSIS_STAGE_LABELS = {
    "decoded": "Decoded audio",
    "beats": "Found beats and bars",
    "structure": "Found the song's structure",
    "genre_mood": "Tagged genre and mood",
    "lyrics": "Timed the lyrics",
    "saved": "Saved",
}


def _job_and_song(session, ctx: JobContext) -> tuple[Job, Song]:  # noqa: ANN001
    job = session.get(Job, ctx.job_id)
    song = session.get(Song, job.song_id) if job and job.song_id else None
    if job is None or song is None:
        raise JobCancelled("the song of this job was deleted")
    return job, song


def analyze_song(ctx: JobContext) -> None:
    """Decode once, compute every feature, replace the stored analysis."""
    # Heavy (the analysis models, numpy): loaded by the first analysis, not by every process that imports the tasks.
    from vibecraft.audio.analysis import analyze_audio
    from vibecraft.jobs.models_cache import lyrics_engine

    with session_scope() as session:
        _, song = _job_and_song(session, ctx)
        key, lyrics_text, song_id = song.storage_key, song.user_lyrics, song.id
    ctx.report(2, "downloading")
    storage = get_storage()
    try:
        with job_scratch(ctx.job_id) as tmp, storage.local_copy(key, tmp) as path:
            result = analyze_audio(
                path,
                lyrics_engine=lyrics_engine(),
                lyrics_text=lyrics_text,
                on_progress=lambda stage, pct: ctx.report(pct, stage),
            )
    except Exception:
        with session_scope() as session:
            song = session.get(Song, song_id)
            if song is not None:
                song.status = SongStatus.ANALYSIS_FAILED
                session.add(song)
                session.commit()
        raise
    with session_scope() as session:
        song = session.get(Song, song_id)
        if song is None:
            return
        save_analysis(session, song, result)
        song.status = SongStatus.ANALYZED
        if not song.video_type:
            song.video_type = result.suggested_video_type
        song.updated_at = utcnow()
        session.add(song)
        session.commit()
    ctx.report(100, "saved")


def generate_clip(ctx: JobContext) -> None:
    """Make one clip with the provider, normalize it to its exact frames, store both, then move the round on."""
    settings = get_settings()
    storage = get_storage()
    with session_scope() as session:
        job = session.get(Job, ctx.job_id)
        clip = session.get(Clip, job.target_id) if job and job.target_id else None
        if clip is not None and clip.status == ClipStatus.COMPLETED and job.attempts > 1:
            stored_song = clip.song_id  # an earlier attempt stored the clip but died before moving the round on
        elif clip is None or clip.status != ClipStatus.GENERATING:
            raise JobCancelled("clip is gone or no longer waiting")
        else:
            stored_song = None
    if stored_song is not None:
        rounds.advance(stored_song)
        return
    with session_scope() as session:
        clip = session.get(Clip, clip.id)
        song = session.get(Song, clip.song_id)
        section = session.get(Section, clip.section_id)
        analysis = session.exec(select(Analysis).where(Analysis.song_id == song.id)).first()
        video = video_of_song(session, song.id)
        data = analysis.result if analysis else AnalysisResult()
        clip_id, version, seed, prompt = clip.id, clip.version, clip.seed, clip.prompt
        start, end = clip.start_time, clip.end_time
        old_bytes = clip.file_size_bytes
        shape = output_shape(song.shape, settings.video_max_height)
        look_seed = int(video.id.int % (2**31)) if video is not None else 0
        look_prompt = effective_prompt(song, analysis) if analysis else (song.prompt or "")
        look_inputs = clip_look_inputs(session, clip)
        clip_media = media_plan(session, clip)
    ctx.report(10, "preparing")
    with job_scratch(ctx.job_id) as tmp:
        with storage.local_copy(song.storage_key, tmp) as song_path:
            excerpt = pipeline.cut_excerpt(song_path, start, end, tmp / "excerpt.wav")
        media = fetch_clip_media(storage, clip_media, tmp)
        request = pipeline.clip_request(
            prompt=prompt, seed=seed, start=start, end=end, shape=shape, fps=settings.fps, analysis=data,
            video_type=song.video_type, section_label=section.label, excerpt=excerpt, look_seed=look_seed,
            look_prompt=look_prompt, media=media, **look_inputs,
        )
        ctx.report(20, "generating")
        provider = get_provider()
        request = billed_request(request, provider, clip_id=clip_id, version=version, song_key=song.storage_key)
        try:
            raw = provider.generate(request, tmp / "raw.mp4")
        except ProviderRateLimited as e:
            raise TransientJobError(str(e)) from e
        ctx.report(70, "normalizing")
        normalized = pipeline.normalize_provider_clip(raw, tmp / "normalized.mp4", request, provider, start=start,
                                                      end=end, shape=shape, fps=settings.fps)
        norm_key, raw_key = keys.clip_files(song.user_id, song.id, clip_id, version)
        # The provider's own file is kept only when it differs from the normalized one.
        raw_key = raw_key if raw.exists() else None
        ctx.report(85, "storing")
        check_clip_fits_quota(song.user_id, [normalized, raw], old_bytes)
        size = storage.put_file(norm_key, normalized, content_type="video/mp4")
        if raw_key:
            size += storage.put_file(raw_key, raw, content_type="video/mp4")
    if not rounds.clip_stored(clip_id, version, raw_key=raw_key, normalized_key=norm_key, size=size):
        raise JobCancelled("clip changed while it was generated")


def compose_video(ctx: JobContext) -> None:
    """Join the normalized clips under the song's audio, verify, publish, and close the round."""
    settings = get_settings()
    storage = get_storage()

    def reach(step: ComposeStep) -> None:
        ctx.report(COMPOSE_PROGRESS[step], step)
        rounds.composition_reached(video_id, step, compose_job_id=ctx.job_id)

    with session_scope() as session:
        job = session.get(Job, ctx.job_id)
        video = session.get(Video, job.target_id) if job and job.target_id else None
        if video is None:
            raise JobCancelled("video was deleted")
        song = session.get(Song, video.song_id)
        clips = song_clips(session, song.id)
        missing = [c for c in clips if not c.normalized_key or c.status != ClipStatus.COMPLETED]
        if missing:
            raise Conflict(f"{len(missing)} clip(s) are not ready; retry them before composing.")
        video_id, version, fps = video.id, video.version + 1, video.fps
        clip_keys = [c.normalized_key for c in clips]
        crossfade_at = pipeline.crossfade_points([c.section_id for c in clips], settings.crossfade_cuts)
        expected = [frame_count(c.start_time, c.end_time, fps) for c in clips]
        duration = song.duration_sec
    reach(ComposeStep.STITCHING)
    with job_scratch(ctx.job_id) as tmp:
        clip_paths = []
        for i, key in enumerate(clip_keys):
            path = tmp / f"clip-{i:04d}.mp4"
            storage.download(key, path)
            clip_paths.append(path)
        with storage.local_copy(song.storage_key, tmp) as audio:
            result = compose_files(
                clip_paths, audio, tmp / "video.mp4", expected_frames=expected, fps=fps, duration_sec=duration,
                crossfade_at=crossfade_at,
            )
        reach(ComposeStep.STORING)  # compose_files returns only a video whose frames, cuts and length passed
        poster = make_poster(tmp / "video.mp4", tmp / "poster.jpg", at_sec=min(duration / 3, duration - 0.1))
        video_size = (tmp / "video.mp4").stat().st_size
        poster_size = poster.stat().st_size
        rounds.check_room_for_video(song.user_id, video_size + poster_size, video_id)
        video_key, poster_key = keys.video_files(song.user_id, video_id, version)
        storage.put_file(video_key, tmp / "video.mp4", content_type="video/mp4")
        storage.put_file(poster_key, poster, content_type="image/jpeg")
    reach(ComposeStep.PUBLISHING)
    rounds.video_composed(video_id, compose_job_id=ctx.job_id, version=version, video_key=video_key, poster_key=poster_key,
                          video_size=video_size, poster_size=poster_size, duration_sec=result.duration_sec)

