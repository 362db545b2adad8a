"""The one decode of a song: any accepted format to mono float32 PCM, through ffmpeg."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vibecraft.audio_check import UPLOAD_INPUT_OPTIONS
from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, run

ANALYSIS_RATE = 22050  # Hz: what the beat network wants; other consumers resample in memory


class AudioDecodeError(ValueError):
    """The file could not be turned into audio samples; the message is fit to show a user."""


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # mono float32 in [-1, 1]
    sample_rate: int

    @property
    def duration_sec(self) -> float:
        return len(self.samples) / self.sample_rate


def decode_args(path: str | Path, sample_rate: int = ANALYSIS_RATE) -> list[str]:
    """ffmpeg arguments that write the first audio stream as mono float32 little-endian PCM to stdout."""
    # -cpuflags 0: ffmpeg's SIMD decoders and resampler round differently per CPU (last-bit differences
    # in ~half the samples); the plain C path gives the same samples on any machine for ~0.3 s a song.
    return [ffmpeg_binary(), "-nostdin", "-v", "error", "-cpuflags", "0", *UPLOAD_INPUT_OPTIONS, "-i", str(path),
            "-map", "0:a:0", "-ac", "1", "-ar", str(sample_rate), "-f", "f32le", "-"]


def decode_audio(path: str | Path, sample_rate: int = ANALYSIS_RATE, *, timeout: float = 300) -> DecodedAudio:
    """Decode `path` once to mono float32 at `sample_rate`; raise AudioDecodeError if there is no usable audio."""
    path = Path(path)
    if not path.is_file():
        raise AudioDecodeError(f"The audio file {path.name} does not exist.")
    try:
        raw = run(decode_args(path, sample_rate), timeout=timeout)
    except FFmpegError as e:
        raise AudioDecodeError(f"{path.name} could not be decoded as audio (MP3, WAV, M4A, FLAC or OGG).") from e
    samples = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    if samples.size == 0:
        raise AudioDecodeError(f"{path.name} contains no audio samples.")
    # A corrupt stream can decode to NaN/inf; they would poison every feature downstream.
    samples = np.clip(np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
    return DecodedAudio(samples=samples, sample_rate=sample_rate)
