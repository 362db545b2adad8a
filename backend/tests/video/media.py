"""Small real media files made with ffmpeg for the video tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


def pattern_clip(path: Path, *, seconds: float, size: str = "320x240", fps: int = 30, with_audio: bool = False) -> Path:
    """A moving test pattern (testsrc2), optionally with a tone."""
    args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={fps}:duration={seconds}"]
    if with_audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:a", "aac"]
    ffmpeg(*args, "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path))
    return path


def solid(path: Path, *, seconds: float, color: str, size: str = "160x90", fps: int = 24) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"color=c={color}:size={size}:rate={fps}:duration={seconds}",
           "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path))
    return path


def tone(path: Path, *, seconds: float) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"sine=frequency=220:duration={seconds}:sample_rate=44100", "-c:a", "libmp3lame", str(path))
    return path


def decoded_frames(path: Path, *, width: int, height: int) -> np.ndarray:
    """Every frame as RGB, shape (frames, height, width, 3)."""
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3)


def probe(path: Path) -> dict:
    import json

    out = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", str(path)],
                         capture_output=True, check=True).stdout
    return json.loads(out)
