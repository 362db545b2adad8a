"""Streaming raw RGB frames into ffmpeg over a pipe, upscaled to the output shape and encoded as H.264."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary
from vibecraft.video.encoding import h264_output_args

GBRP_ORDER = (1, 2, 0)  # ffmpeg's planar RGB stores green, blue, red: planes go out as they are, no interleaving


def encoder_args(*, source_size: tuple[int, int], out_size: tuple[int, int], fps: int, out_path: str | Path) -> list[str]:
    """ffmpeg arguments: planar gbrp frames of source_size on stdin → bicubic upscale → H.264 MP4, no audio.

    The encoding is the one every normalized clip shares, so normalization can keep the file as it is.
    """
    (sw, sh), (ow, oh) = source_size, out_size
    # Converting to yuv420p before the upscale keeps the colour conversion at the small size, where it is cheap.
    scale = f"format=yuv420p,scale={ow}:{oh}:flags=bicubic" if (sw, sh) != (ow, oh) else "format=yuv420p"
    return [ffmpeg_binary(), "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "gbrp", "-s", f"{sw}x{sh}", "-r", str(fps), "-i", "-",
            "-vf", scale, "-an", *h264_output_args(fps, (ow, oh)), "-movflags", "+faststart", str(out_path)]


def encode_frames(
    frames: Iterable[np.ndarray],
    *,
    source_size: tuple[int, int],
    out_size: tuple[int, int],
    fps: int,
    out_path: str | Path,
    timeout: float,
) -> Path:
    """Write every planar (3, H, W) uint8 RGB frame to ffmpeg and wait for the file.

    Raises FFmpegError, carrying the tail of ffmpeg's stderr, if ffmpeg fails or the whole encode takes longer
    than timeout seconds; ffmpeg is then killed and the partial file removed.
    """
    out_path = Path(out_path)
    args = encoder_args(source_size=source_size, out_size=out_size, fps=fps, out_path=out_path)
    with tempfile.TemporaryFile() as stderr:
        try:
            proc = subprocess.Popen(args, bufsize=0, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr)
        except FileNotFoundError as e:
            raise FFmpegError("ffmpeg is not installed") from e
        timed_out = threading.Event()

        def kill_on_deadline() -> None:
            timed_out.set()
            proc.kill()

        watchdog = threading.Timer(timeout, kill_on_deadline)
        watchdog.daemon = True
        watchdog.start()
        try:
            try:
                for frame in frames:
                    for plane in GBRP_ORDER:
                        proc.stdin.write(memoryview(np.ascontiguousarray(frame[plane], np.uint8)).cast("B"))
            except BrokenPipeError:
                pass  # ffmpeg stopped reading; its exit code and stderr say why
            finally:
                _close_quietly(proc.stdin)
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            out_path.unlink(missing_ok=True)
            raise
        finally:
            watchdog.cancel()
        if timed_out.is_set() or code != 0:
            stderr.seek(0)
            text = stderr.read().decode("utf-8", "replace")
            tail = "\n".join(text.strip().splitlines()[-6:])
            out_path.unlink(missing_ok=True)
            if timed_out.is_set():
                raise FFmpegError(f"ffmpeg encode timed out after {timeout:.0f} s", text)
            raise FFmpegError(f"ffmpeg encode failed (exit {code}): {tail}", text)
    return out_path


def _close_quietly(pipe) -> None:  # noqa: ANN001
    try:
        pipe.close()
    except BrokenPipeError:
        pass  # the data that could not be flushed is reported by ffmpeg's exit code
