"""Timeline export of a composed video: the plan from its rows, as text or as a bundle with its media."""

from __future__ import annotations

import tempfile
import uuid
import zipfile
from pathlib import Path

from sqlmodel import Session

from vibecraft.download_names import download_name
from vibecraft.errors import BadRequest, Conflict, NotFound
from vibecraft.models import Song, User, Video
from vibecraft.services.analysis import get_analysis_row
from vibecraft.services.clips import song_clips
from vibecraft.services.songs import round_running
from vibecraft.services.videos import get_video
from vibecraft.storage import Storage
from vibecraft.video.timeline_export import (
    FORMATS,
    Caption,
    TimelineCut,
    TimelinePlan,
    captions_srt,
    write_timeline,
)

COMPOSED_MEDIA = "media/video.mp4"


def _caption_lines(session: Session, song: Song) -> tuple[Caption, ...]:
    try:
        lines = get_analysis_row(session, song).result.lyrics
    except NotFound:
        return ()
    return tuple(Caption(float(line["start"]), float(line["end"]), str(line.get("text") or ""))
                 for line in lines if line.get("text"))


def _exportable(session: Session, user: User, video_id: uuid.UUID) -> tuple[Video, Song]:
    video = get_video(session, user, video_id)
    if not video.storage_key or video.duration_sec is None:
        raise Conflict("This video has not been composed yet; export its timeline once it is ready.")
    if round_running(video):
        raise Conflict("A regeneration of this video is running; export its timeline when it has finished.")
    return video, session.get(Song, video.song_id)


def timeline_plan(session: Session, video: Video, song: Song) -> tuple[TimelinePlan, dict[str, str]]:
    """The plan and the storage key behind each media name it references.

    Cuts reference their own clip files while they are kept; once the video is finalized (clips
    deleted) each cut references its stretch of the composed video instead, at the same frames.
    """
    clips = song_clips(session, song.id)
    own_files = bool(clips) and all(c.normalized_key for c in clips)
    audio_name = f"media/song.{song.format}"
    media = {audio_name: song.storage_key}
    cuts = []
    for number, clip in enumerate(clips, start=1):
        if own_files:
            name = f"media/clip-{number:03d}.mp4"
            media[name] = clip.normalized_key
            cuts.append(TimelineCut(f"Clip {number}", clip.start_time, clip.end_time, name))
        else:
            media[COMPOSED_MEDIA] = video.storage_key
            cuts.append(TimelineCut(f"Clip {number}", clip.start_time, clip.end_time, COMPOSED_MEDIA, clip.start_time))
    plan = TimelinePlan(title=f"{song.title} v{max(1, video.version)}", fps=video.fps, duration_sec=song.duration_sec,
                        cuts=tuple(cuts), audio_name=audio_name, captions=_caption_lines(session, song))
    return plan, media


def export_timeline(*, session: Session, user: User, video_id: uuid.UUID, fmt: str) -> tuple[str, str]:
    """The timeline as text in `fmt` (otio, edl, fcpxml) and the file name to download it as."""
    video, song = _exportable(session, user, video_id)  # another user's video is 404 before a format's 400
    if fmt not in FORMATS:
        raise BadRequest(f"Timelines export as {', '.join('.' + f for f in FORMATS)} or .zip (with the media).")
    plan, _ = timeline_plan(session, video, song)
    return write_timeline(plan, fmt), download_name(song.title, video.version, fmt)


def export_bundle(*, session: Session, storage: Storage, user: User, video_id: uuid.UUID, workdir: Path) -> tuple[Path, str]:
    """A zip with the timeline in every format, the captions and the media they reference; the caller removes it."""
    video, song = _exportable(session, user, video_id)
    plan, media = timeline_plan(session, video, song)
    workdir.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=workdir, suffix=".zip", delete=False)
    handle.close()
    bundle = Path(handle.name)
    try:
        with tempfile.TemporaryDirectory(dir=workdir) as tmp, zipfile.ZipFile(bundle, "w") as archive:
            for fmt in FORMATS:
                archive.writestr(f"timeline.{fmt}", write_timeline(plan, fmt))
            if plan.captions:
                archive.writestr("captions.srt", captions_srt(plan.captions))
            for name, key in media.items():
                local = Path(tmp) / Path(name).name
                storage.download(key, local)
                # Media are already compressed; storing them keeps the bundle fast to build.
                archive.write(local, name, compress_type=zipfile.ZIP_STORED)
                local.unlink()
    except BaseException:
        bundle.unlink(missing_ok=True)
        raise
    return bundle, download_name(song.title, video.version, "zip")
