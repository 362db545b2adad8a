"""Normalization: any clip file becomes exactly its planned frames, in the video's shape and shared encoding."""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass
from pathlib import Path

from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, probe, run
from vibecraft.video.encoding import PIXEL_FORMAT, fit_filter, h264_output_args
from vibecraft.video.shapes import Shape, frame_count

# A provider's file may end a little early (rounding of its own frame count); holding the last frame
# for up to this long is invisible. Anything shorter is refused: never a frozen or looped shot.
MAX_HOLD_SEC = 0.5
MAX_HOLD_SHARE = 0.1


class VideoFileError(RuntimeError):
    """A clip or video file is not what it must be; the message says what is wrong."""


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    codec: str
    pix_fmt: str
    frames: int
    duration_sec: float


def video_info(path: Path, *, count_packets: bool = True, timeout: float = 120) -> VideoInfo:
    """The first video stream of a file; its frame count read from the packets (no decode), or else the header."""
    try:
        data = probe(path, count_packets=count_packets, timeout=timeout)
    except FFmpegError as e:
        raise VideoFileError(f"{path.name} is not a readable video file") from e
    stream = next((s for s in data.get("streams", []) if s.get("codec_type") == "video"), None)
    if stream is None:
        raise VideoFileError(f"{path.name} has no video stream")
    duration = _float(stream.get("duration")) or _float(data.get("format", {}).get("duration"))
    return VideoInfo(
        width=int(stream.get("width") or 0),
        height=int(stream.get("height") or 0),
        codec=str(stream.get("codec_name") or ""),
        pix_fmt=str(stream.get("pix_fmt") or ""),
        frames=int(stream.get("nb_read_packets") or stream.get("nb_frames") or 0),
        duration_sec=duration,
    )


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def hold_allowance_sec(needed_sec: float) -> float:
    return max(MAX_HOLD_SEC, MAX_HOLD_SHARE * needed_sec)


def normalize_args(raw: Path, out: Path, *, frames: int, shape: Shape, fps: int, hold_frames: int) -> list[str]:
    """The ffmpeg call that makes `frames` frames of `shape` at `fps` from `raw`, holding its last frame if it is short."""
    filters = [
        "setpts=PTS-STARTPTS",
        f"fps={fps}",
        fit_filter(shape),
        f"format={PIXEL_FORMAT}",
    ]
    if hold_frames > 0:
        filters.append(f"tpad=stop_mode=clone:stop={hold_frames}")
    return [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-y", "-i", str(raw),
        "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", ",".join(filters),
        *h264_output_args(fps, (shape.width, shape.height)), "-frames:v", str(frames), "-movflags", "+faststart", str(out),
    ]


def normalize_clip(raw: Path, out: Path, *, start: float, end: float, shape: Shape, fps: int, timeout: float = 600,
                   reuse_if_normalized: bool = False) -> Path:
    """Cut `raw` to exactly round(end·fps) − round(start·fps) frames of `shape`; verify the result; return `out`.

    With `reuse_if_normalized` (a provider that writes the shared encoding), a file that already has exactly
    the planned frames, shape and frame rate, and no audio, is moved to `out` as it is.
    """
    frames = frame_count(start, end, fps)
    if frames < 1:
        raise VideoFileError(f"a clip from {start:.3f} s to {end:.3f} s is shorter than one frame")
    needed = frames / fps
    source = video_info(raw, timeout=timeout)
    if reuse_if_normalized and _already_normalized(raw, source, frames=frames, shape=shape, fps=fps):
        return Path(shutil.move(raw, out))
    available = source.duration_sec
    if available <= 0 and source.frames:
        available = source.frames / fps
    if available + hold_allowance_sec(needed) < needed:
        raise VideoFileError(f"the clip file lasts {available:.2f} s but its slot needs {needed:.2f} s")
    hold_frames = max(0, math.ceil((needed - available) * fps)) + 1
    try:
        run(normalize_args(raw, out, frames=frames, shape=shape, fps=fps, hold_frames=hold_frames), timeout=timeout)
    except FFmpegError as e:
        raise VideoFileError(f"could not normalize {raw.name}: {e}") from e
    check_normalized(out, frames=frames, shape=shape)
    return out


def _already_normalized(path: Path, info: VideoInfo, *, frames: int, shape: Shape, fps: int) -> bool:
    if (info.frames, info.width, info.height, info.codec, info.pix_fmt) != (frames, shape.width, shape.height, "h264", PIXEL_FORMAT):
        return False
    data = probe(path)
    streams = data.get("streams", [])
    return len(streams) == 1 and streams[0].get("r_frame_rate") == f"{fps}/1"


def check_normalized(path: Path, *, frames: int, shape: Shape) -> VideoInfo:
    """Raise VideoFileError unless `path` holds exactly `frames` H.264 yuv420p frames of `shape`."""
    info = video_info(path)
    if info.frames != frames:
        raise VideoFileError(f"{path.name} has {info.frames} frames where {frames} were planned")
    if (info.width, info.height) != (shape.width, shape.height):
        raise VideoFileError(f"{path.name} is {info.width}×{info.height}, not {shape.width}×{shape.height}")
    if info.codec != "h264" or info.pix_fmt != PIXEL_FORMAT:
        raise VideoFileError(f"{path.name} is {info.codec}/{info.pix_fmt}, not h264/{PIXEL_FORMAT}")
    return info
