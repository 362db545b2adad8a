"""Composition: join normalized clips without re-encoding, lay the song under them, verify before publishing."""

from __future__ import annotations

import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from vibecraft.audio_check import UPLOAD_INPUT_OPTIONS
from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, ffprobe_binary, run
from vibecraft.video.encoding import PIXEL_FORMAT, h264_output_args
from vibecraft.video.mp4_index import mp4_video_info
from vibecraft.video.normalize import VideoFileError, video_info

AUDIO_BITRATE = "192k"
# AAC priming and the last partial audio frame may outlast the video by a few tens of milliseconds.
AUDIO_SLACK_SEC = 0.05


@dataclass(frozen=True)
class ComposeResult:
    path: Path
    duration_sec: float
    frame_count: int
    cut_frames: tuple[int, ...]  # first frame of every clip after the first


def cut_frames(expected_frames: list[int]) -> list[int]:
    """Frame index where each clip after the first starts."""
    return list(itertools.accumulate(expected_frames))[:-1]


def concat_list(paths: list[Path]) -> str:
    """The concat demuxer's list file; quotes in paths are escaped as it expects."""
    lines = []
    for path in paths:
        quoted = str(path.resolve()).replace("'", "'\\''")
        lines.append(f"file '{quoted}'")
    return "\n".join(lines) + "\n"


def stream_copy_args(list_file: Path, audio: Path, out: Path) -> list[str]:
    return [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-y",
        "-f", "concat", "-safe", "0", "-i", str(list_file), *UPLOAD_INPUT_OPTIONS, "-i", str(audio),
        "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "aac", "-b:a", AUDIO_BITRATE,
        "-movflags", "+faststart", str(out),
    ]


def crossfade_args(clips: list[Path], audio: Path, out: Path, *, expected_frames: list[int], fps: int,
                   crossfade_at: set[int], fade_frames: int) -> list[str]:
    """Re-encode path: a dissolve of `fade_frames` centred on each chosen cut (index of the clip it starts).

    Each side of a dissolve holds its edge frame for half the fade, so every clip keeps its place
    and the video keeps its exact length.
    """
    half = max(1, fade_frames // 2)
    fade = 2 * half
    inputs: list[str] = []
    for path in clips:
        inputs += ["-i", str(path)]
    inputs += [*UPLOAD_INPUT_OPTIONS, "-i", str(audio)]  # the song is an upload: accepted demuxers only
    graph: list[str] = []
    for i in range(len(clips)):
        pad_start = half if i in crossfade_at else 0
        pad_stop = half if (i + 1) in crossfade_at else 0
        pads = []
        if pad_start:
            pads.append(f"tpad=start_mode=clone:start={pad_start}")
        if pad_stop:
            pads.append(f"tpad=stop_mode=clone:stop={pad_stop}")
        graph.append(f"[{i}:v]{','.join(pads) or 'null'},settb=1/{fps}[c{i}]")
    current, length = "c0", expected_frames[0] + (half if 1 in crossfade_at else 0)
    for i in range(1, len(clips)):
        label = f"j{i}"
        own = expected_frames[i] + (half if (i + 1) in crossfade_at else 0)
        if i in crossfade_at:
            offset = (length - fade) / fps
            graph.append(f"[{current}][c{i}]xfade=transition=fade:duration={fade / fps:.6f}:offset={offset:.6f}[{label}]")
            length += half + own - fade
        else:
            graph.append(f"[{current}][c{i}]concat=n=2:v=1:a=0,settb=1/{fps}[{label}]")
            length += own
        current = label
    total = sum(expected_frames)
    return [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-y", *inputs,
        "-filter_complex", ";".join(graph), "-map", f"[{current}]", "-map", f"{len(clips)}:a:0",
        *h264_output_args(fps), "-frames:v", str(total),
        "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-movflags", "+faststart", str(out),
    ]


def check_clips(clips: list[Path], expected_frames: list[int]) -> None:
    """Every clip must hold exactly its planned frames in one shared format; a bad one fails with its number."""
    if not clips or len(clips) != len(expected_frames):
        raise VideoFileError(f"{len(clips)} clip files for {len(expected_frames)} planned clips")
    # Each clip's packets were counted when it was normalized; its MP4 index is enough here.
    infos = [mp4_video_info(path) or video_info(path, count_packets=False) for path in clips]
    first = infos[0]
    for number, (info, frames) in enumerate(zip(infos, expected_frames), start=1):
        if info.frames != frames:
            raise VideoFileError(f"clip {number} has {info.frames} frames where {frames} were planned")
        if (info.width, info.height, info.codec, info.pix_fmt) != (first.width, first.height, first.codec, first.pix_fmt):
            raise VideoFileError(f"clip {number} is not in the same format as clip 1; normalize it again")


def probe_with_packets(path: Path, timeout: float = 120) -> dict:
    """ffprobe's format, streams and every packet's stream and flags, in one read of the file."""
    out = run([ffprobe_binary(), "-v", "error", "-show_format", "-show_streams",
               "-show_entries", "packet=stream_index,flags", "-of", "json", str(path)], timeout=timeout)
    return json.loads(out or b"{}")


def verify_composed(path: Path, *, total_frames: int, fps: int, duration_sec: float, cuts: list[int],
                    cuts_are_keyframes: bool) -> float:
    """Raise VideoFileError unless the file has H.264 yuv420p video of exactly total_frames, AAC audio,
    the song's length within one frame, and (stream-copied) a keyframe at every cut. Returns its duration."""
    try:
        data = probe_with_packets(path)
    except FFmpegError as e:
        raise VideoFileError("the composed video cannot be read back") from e
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None or audio is None:
        raise VideoFileError("the composed video lacks its video or audio stream")
    if video.get("codec_name") != "h264" or video.get("pix_fmt") != PIXEL_FORMAT or audio.get("codec_name") != "aac":
        raise VideoFileError("the composed video has the wrong codecs")
    packets = [p for p in data.get("packets", []) if p.get("stream_index") == video.get("index")]
    frames = len(packets)
    if frames != total_frames:
        raise VideoFileError(f"the composed video has {frames} frames where {total_frames} were planned")
    duration = float(data.get("format", {}).get("duration") or 0)
    if abs(duration - duration_sec) > 1 / fps + AUDIO_SLACK_SEC:
        raise VideoFileError(f"the composed video lasts {duration:.3f} s, the song {duration_sec:.3f} s")
    if cuts_are_keyframes:
        keys = {i for i, p in enumerate(packets) if str(p.get("flags", "")).startswith("K")}
        off = [c for c in cuts if c not in keys]
        if off:
            raise VideoFileError(f"{len(off)} cut(s) are not on their planned frame (first at frame {off[0]})")
    return duration


def _discard(joining, out: Path) -> None:  # noqa: ANN001
    try:
        joining.result()
    except FFmpegError:
        pass  # the clip check's error is the one to report
    out.unlink(missing_ok=True)
    out.with_suffix(".concat.txt").unlink(missing_ok=True)


def compose_video(clips: list[Path], audio: Path, out: Path, *, expected_frames: list[int], fps: int,
                  duration_sec: float, crossfade_at: set[int] | None = None, fade_frames: int = 6,
                  timeout: float = 900) -> ComposeResult:
    """Join `clips` (normalized, in order) under `audio` into `out`, then check it before anyone sees it.

    `crossfade_at` names the clips (by index) that dissolve in from the one before; with none the
    clips are stream-copied, which is exact and fast.
    """
    total = sum(expected_frames)
    if abs(total / fps - duration_sec) > 1 / fps:
        raise VideoFileError(f"the clips last {total / fps:.3f} s but the song {duration_sec:.3f} s; plan the clips again")
    fades = {i for i in (crossfade_at or set()) if 0 < i < len(clips)}
    if fades:
        check_clips(clips, expected_frames)
        args = crossfade_args(clips, audio, out, expected_frames=expected_frames, fps=fps, crossfade_at=fades,
                              fade_frames=fade_frames)
    else:
        list_file = out.with_suffix(".concat.txt")
        list_file.write_text(concat_list(clips), encoding="utf-8")
        args = stream_copy_args(list_file, audio, out)
    # The clips are checked while ffmpeg joins them (the audio encode leaves a core free); a bad clip
    # discards the result, so nothing unchecked is ever returned.
    with ThreadPoolExecutor(max_workers=1) as pool:
        joining = pool.submit(run, args, timeout=timeout)
        try:
            if not fades:
                check_clips(clips, expected_frames)
        except VideoFileError:
            _discard(joining, out)
            raise
        try:
            joining.result()
        except FFmpegError as e:
            out.unlink(missing_ok=True)
            raise VideoFileError(f"could not join the clips: {e}") from e
        finally:
            if not fades:
                list_file.unlink(missing_ok=True)
    cuts = cut_frames(expected_frames)
    duration = verify_composed(out, total_frames=total, fps=fps, duration_sec=duration_sec, cuts=cuts,
                               cuts_are_keyframes=not fades)
    return ComposeResult(path=out, duration_sec=duration, frame_count=total, cut_frames=tuple(cuts))
