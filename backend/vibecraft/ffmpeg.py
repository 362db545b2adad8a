"""Running ffmpeg and ffprobe: argument lists built apart, run without a shell, with a timeout."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Sequence


class FFmpegError(RuntimeError):
    """ffmpeg or ffprobe failed; the message carries the tail of its stderr."""

    def __init__(self, message: str, stderr: str = ""):
        super().__init__(message)
        self.stderr = stderr


def ffmpeg_binary() -> str:
    return shutil.which("ffmpeg") or "ffmpeg"


def ffprobe_binary() -> str:
    return shutil.which("ffprobe") or "ffprobe"


def run(args: Sequence[str | Path], *, timeout: float = 600, input_bytes: bytes | None = None) -> bytes:
    """Run one command (ffmpeg/ffprobe argument list) and return its stdout."""
    return run_capture(args, timeout=timeout, input_bytes=input_bytes)[0]


def run_capture(args: Sequence[str | Path], *, timeout: float = 600, input_bytes: bytes | None = None) -> tuple[bytes, str]:
    """Run one command and return (stdout, stderr text); raise FFmpegError on failure."""
    argv = [str(a) for a in args]
    try:
        done = subprocess.run(argv, input=input_bytes, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise FFmpegError(f"{Path(argv[0]).name} timed out after {timeout:.0f} s") from e
    except FileNotFoundError as e:
        raise FFmpegError(f"{argv[0]} is not installed") from e
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        tail = "\n".join(stderr.strip().splitlines()[-6:])
        raise FFmpegError(f"{Path(argv[0]).name} failed (exit {done.returncode}): {tail}", stderr)
    return done.stdout, done.stderr.decode("utf-8", "replace")


def probe_args(path: str | Path, *, count_frames: bool = False, count_packets: bool = False) -> list[str]:
    args = [ffprobe_binary(), "-v", "error", "-of", "json", "-show_format", "-show_streams"]
    if count_frames:
        args.append("-count_frames")  # decodes every frame: exact, slow
    if count_packets:
        args.append("-count_packets")  # reads packets only: one per frame for our H.264, fast
    return [*args, str(path)]


def probe(path: str | Path, *, count_frames: bool = False, count_packets: bool = False, timeout: float = 120) -> dict:
    """ffprobe's JSON description of a file (format + streams)."""
    out = run(probe_args(path, count_frames=count_frames, count_packets=count_packets), timeout=timeout)
    return json.loads(out or b"{}")
