"""Decide by content (ffprobe + one decode) whether an upload is a song we accept."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, probe_args, run_capture

# ffprobe format name → our format label. mov/mp4 holds M4A; the stream check below refuses video.
ACCEPTED_FORMATS = {"mp3": "mp3", "wav": "wav", "mov,mp4,m4a,3gp,3g2,mj2": "m4a", "flac": "flac", "ogg": "ogg"}
ACCEPTED_LABEL = "MP3, WAV, M4A, FLAC or OGG"
# Input options for every ffmpeg/ffprobe run that reads an uploaded song: only the demuxers of the formats above
# (never a playlist such as HLS or concat, which would open other files or URLs) and only plain local files.
UPLOAD_INPUT_OPTIONS = ["-format_whitelist", "mp3,wav,mov,flac,ogg", "-protocol_whitelist", "file"]
CHECK_RATE = 8000  # Hz: enough to measure the decoded length cheaply


class AudioRejected(Exception):
    def __init__(self, detail: str, status_code: int = 415):
        super().__init__(detail)
        self.detail = detail
        self.status_code = status_code


@dataclass(frozen=True)
class AudioInfo:
    format: str
    codec: str
    duration_sec: float
    sample_rate: int
    channels: int


STREAMED_WAV_SIZES = (0, 0xFFFFFFFF)  # writers that did not know the length put one of these


def declared_wav_seconds(path: Path) -> float | None:
    """The length a WAV's own header claims (its data chunk size), which ffprobe replaces by the file's size."""
    with path.open("rb") as f:
        head = f.read(4096)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate, data_size = 12, 0, None
    while pos + 8 <= len(head):
        chunk, size = head[pos:pos + 4], int.from_bytes(head[pos + 4:pos + 8], "little")
        if chunk == b"fmt " and pos + 20 <= len(head):
            byte_rate = int.from_bytes(head[pos + 16:pos + 20], "little")
        if chunk == b"data":
            data_size = size
            break
        pos += 8 + size + (size & 1)
    if not byte_rate or data_size is None or data_size in STREAMED_WAV_SIZES:
        return None
    return data_size / byte_rate


def upload_probe_args(path: Path) -> list[str]:
    """ffprobe's JSON description of an uploaded file, read with the accepted demuxers only."""
    *command, target = probe_args(path)
    return [*command, *UPLOAD_INPUT_OPTIONS, target]


def decode_length_args(path: Path, max_duration_sec: float) -> list[str]:
    # -t bounds the work: a tiny file that inflates to hours of audio stops just past the limit.
    return [ffmpeg_binary(), "-nostdin", "-v", "error", *UPLOAD_INPUT_OPTIONS, "-i", str(path), "-map", "0:a:0", "-ac", "1",
            "-ar", str(CHECK_RATE), "-t", f"{max_duration_sec + 2:.1f}", "-f", "s16le", "-"]


def inspect_audio(path: Path, *, max_duration_sec: float) -> AudioInfo:
    """Probe and fully decode the file; raise AudioRejected with a user-facing reason if it is not a usable song."""
    if path.stat().st_size == 0:
        raise AudioRejected("The file is empty.", 400)
    try:
        stdout, _ = run_capture(upload_probe_args(path), timeout=60)
        info = json.loads(stdout or b"{}")
    except (FFmpegError, ValueError) as e:
        raise AudioRejected(f"This file is not audio we can read. Upload {ACCEPTED_LABEL}.") from e
    fmt = ACCEPTED_FORMATS.get(info.get("format", {}).get("format_name", ""))
    streams = info.get("streams", [])
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    # Cover art in MP3/M4A is a video stream marked attached_pic; a real picture track means a video file.
    moving = [s for s in streams if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")]
    if fmt is None or not audio:
        raise AudioRejected(f"This file is not a supported audio format. Upload {ACCEPTED_LABEL}.")
    if moving:
        raise AudioRejected("This is a video file. Upload the song's audio (MP3, WAV or M4A) instead.")
    stream = audio[0]
    header_duration = float(info.get("format", {}).get("duration") or stream.get("duration") or 0.0)
    if fmt == "wav":
        header_duration = max(header_duration, declared_wav_seconds(path) or 0.0)
    if header_duration > max_duration_sec + 0.5:
        raise AudioRejected(
            f"The song is {header_duration / 60:.1f} minutes long; the limit is {max_duration_sec / 60:.0f} minutes.", 422
        )
    try:
        pcm, errors = run_capture(decode_length_args(path, max_duration_sec), timeout=120)
    except FFmpegError as e:
        raise AudioRejected("The audio could not be decoded; the file may be damaged.", 422) from e
    decoded = len(pcm) / 2 / CHECK_RATE
    # Random bytes can hold MPEG sync words; a real song decodes with at most a stray warning.
    if len([line for line in errors.splitlines() if line.strip()]) > 3 + decoded / 10:
        raise AudioRejected(f"This file is not audio we can read. Upload {ACCEPTED_LABEL}.")
    if decoded < 0.5:
        raise AudioRejected("The file holds no audible length of audio.", 422)
    if header_duration and decoded < header_duration * 0.97 - 0.5:
        raise AudioRejected(
            f"The file seems truncated: its header says {header_duration:.1f} s but only {decoded:.1f} s decode.", 422
        )
    if decoded > max_duration_sec + 0.5:
        raise AudioRejected(
            f"The song is {decoded / 60:.1f} minutes long; the limit is {max_duration_sec / 60:.0f} minutes.", 422
        )
    return AudioInfo(
        format=fmt,
        codec=str(stream.get("codec_name", "")),
        duration_sec=round(decoded, 3),
        sample_rate=int(stream.get("sample_rate") or 0),
        channels=int(stream.get("channels") or 0),
    )
