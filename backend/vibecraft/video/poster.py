"""The poster: one still of the composed video, kept beside it for the library and share page."""

from __future__ import annotations

from pathlib import Path

from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, run
from vibecraft.video.normalize import VideoFileError

POSTER_MAX_WIDTH = 640


def poster_args(video: Path, out: Path, *, at_sec: float, max_width: int = POSTER_MAX_WIDTH) -> list[str]:
    return [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-y", "-ss", f"{max(0.0, at_sec):.3f}", "-i", str(video),
        "-frames:v", "1", "-vf", f"scale='min({max_width},iw)':-2", "-q:v", "3", str(out),
    ]


def make_poster(video: Path, out: Path, *, at_sec: float) -> Path:
    """Write a JPEG of the frame at `at_sec` (the first frame if the video is shorter); return `out`."""
    try:
        run(poster_args(video, out, at_sec=at_sec), timeout=60)
        if not out.is_file() or out.stat().st_size == 0:
            run(poster_args(video, out, at_sec=0.0), timeout=60)
    except FFmpegError as e:
        raise VideoFileError(f"could not make a poster from {video.name}: {e}") from e
    if not out.is_file() or out.stat().st_size == 0:
        raise VideoFileError(f"{video.name} gave no poster frame")
    return out
