"""Normalization that also draws the timed lyrics: a provider's clip is decoded to frames of the video's
shape, the local renderer's kinetic type is drawn on each frame, and the frames are encoded once, in the
shared clip encoding. A lyric video made by any provider shows its words this way.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import numpy as np

from vibecraft.ffmpeg import ffmpeg_binary
from vibecraft.providers.base import Word
from vibecraft.render.kinetic_type import KineticType
from vibecraft.video.encoding import fit_filter, h264_output_args
from vibecraft.video.normalize import VideoFileError, check_normalized, hold_allowance_sec, video_info
from vibecraft.video.shapes import Shape, frame_count

TEXT = np.array([1.0, 1.0, 1.0], np.float32)
HIGHLIGHT = np.array([1.0, 0.82, 0.25], np.float32)
SHADOW = np.array([0.0, 0.0, 0.0], np.float32)
BEAT_DECAY_SEC = 0.15


def beat_pulse(t: float, beat_times: tuple[float, ...]) -> float:
    """1 on a beat, fading over BEAT_DECAY_SEC: the words swell slightly with the music."""
    since = [t - b for b in beat_times if b <= t]
    return math.exp(-min(since) / BEAT_DECAY_SEC) if since else 0.0


def normalize_with_lyrics(raw: Path, out: Path, *, start: float, end: float, shape: Shape, fps: int,
                          words: tuple[Word, ...], beat_times: tuple[float, ...] = (), timeout: float = 600) -> Path:
    """Like normalize_clip (exact frames, shape and encoding), with `words` (times relative to the clip) drawn on."""
    frames = frame_count(start, end, fps)
    if frames < 1:
        raise VideoFileError(f"a clip from {start:.3f} s to {end:.3f} s is shorter than one frame")
    needed = frames / fps
    source = video_info(raw, timeout=timeout)
    available = source.duration_sec or (source.frames / fps if source.frames else 0.0)
    if available + hold_allowance_sec(needed) < needed:
        raise VideoFileError(f"the clip file lasts {available:.2f} s but its slot needs {needed:.2f} s")
    hold = max(0, math.ceil((needed - available) * fps)) + 1
    w, h = shape.width, shape.height
    decode = [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-i", str(raw), "-map", "0:v:0", "-an", "-sn", "-dn",
        "-vf", f"setpts=PTS-STARTPTS,fps={fps},{fit_filter(shape)},format=rgb24,tpad=stop_mode=clone:stop={hold}",
        "-frames:v", str(frames), "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
    ]
    encode = [
        ffmpeg_binary(), "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
        "-r", str(fps), "-i", "-", *h264_output_args(fps, (w, h)), "-frames:v", str(frames), "-movflags", "+faststart", str(out),
    ]
    kinetic = KineticType(words, w, h, text_colour=TEXT, highlight_colour=HIGHLIGHT, shadow_colour=SHADOW)
    size = w * h * 3
    with subprocess.Popen(decode, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader, \
            subprocess.Popen(encode, stdin=subprocess.PIPE, stderr=subprocess.PIPE) as writer:
        written = 0
        last = None
        try:
            while written < frames:
                data = reader.stdout.read(size)
                if len(data) < size:
                    if last is None:
                        break
                    data = last  # the source ran out a frame early: hold its last frame
                last = data
                planar = np.frombuffer(data, np.uint8).reshape(h, w, 3).transpose(2, 0, 1).copy()
                t = written / fps
                kinetic.draw(planar, t, beat_pulse(t, beat_times))
                writer.stdin.write(planar.transpose(1, 2, 0).tobytes())
                written += 1
        finally:
            writer.stdin.close()
            reader.stdout.close()
            reader_err = reader.stderr.read().decode(errors="replace")
            writer_err = writer.stderr.read().decode(errors="replace")
        if writer.wait(timeout=timeout) != 0 or written < frames:
            raise VideoFileError(f"could not draw lyrics over {raw.name}: {(writer_err or reader_err).strip()[-300:]}")
        reader.wait(timeout=timeout)
    check_normalized(out, frames=frames, shape=shape)
    return out
