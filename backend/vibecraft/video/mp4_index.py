"""The facts composition needs about an MP4's video track, read from its index boxes in microseconds.

An ffprobe process costs ~50 ms to start; a 3-minute video has ~30 clips to check before it is published.
Only what our own encoder writes needs to be understood; anything else answers None (ask ffprobe).
"""

from __future__ import annotations

import struct
from pathlib import Path

from vibecraft.video.normalize import VideoInfo

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
HIGH_PROFILES = {100, 110, 122, 144}  # their avcC carries chroma format and bit depth
CHROMA_420 = 1


def _boxes(data: bytes, start: int = 0, end: int | None = None):
    """(type, payload start, payload end) of each box in data[start:end]."""
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                return
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _read_moov(path: Path) -> bytes | None:
    with path.open("rb") as f:
        while True:
            head = f.read(8)
            if len(head) < 8:
                return None
            size, kind = struct.unpack(">I4s", head)
            header = 8
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
                header = 16
            if kind == b"moov":
                return f.read(size - header) if size else f.read()
            if size == 0 or size < header:
                return None
            f.seek(size - header, 1)


def _find(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    for box, s, e in _boxes(data, start, end):
        if box == kind:
            return s, e
    return None


def _video_track(moov: bytes) -> tuple[int, int] | None:
    for box, s, e in _boxes(moov):
        if box != b"trak":
            continue
        mdia = _find(moov, s, e, b"mdia")
        hdlr = mdia and _find(moov, *mdia, b"hdlr")
        if hdlr and moov[hdlr[0] + 8:hdlr[0] + 12] == b"vide":
            return s, e
    return None


def _tkhd_size(moov: bytes, start: int) -> tuple[int, int]:
    version = moov[start]
    offset = start + 4 + (32 if version == 1 else 20) + 8 + 2 + 2 + 2 + 2 + 36
    width, height = struct.unpack_from(">II", moov, offset)
    return width >> 16, height >> 16


def _mdhd_duration(moov: bytes, start: int) -> float:
    if moov[start] == 1:
        timescale, duration = struct.unpack_from(">IQ", moov, start + 4 + 16)
    else:
        timescale, duration = struct.unpack_from(">II", moov, start + 4 + 8)
    return duration / timescale if timescale else 0.0


def _avc_pixel_format(moov: bytes, stsd: tuple[int, int]) -> tuple[str, str] | None:
    entries = list(_boxes(moov, stsd[0] + 8, stsd[1]))
    if not entries or entries[0][0] != b"avc1":
        return None
    _, s, e = entries[0]
    avcc = _find(moov, s + 78, e, b"avcC")
    if avcc is None:
        return None
    config = moov[avcc[0]:avcc[1]]
    profile, pos = config[1], 5
    for mask in (0x1F, 0xFF):  # the SPS count (low five bits), then the PPS count
        count = config[pos] & mask
        pos += 1
        for _ in range(count):
            pos += 2 + struct.unpack_from(">H", config, pos)[0]
    if profile not in HIGH_PROFILES or len(config) < pos + 2:
        return None
    chroma, luma_depth = config[pos] & 0x03, (config[pos + 1] & 0x07) + 8
    return "h264", "yuv420p" if chroma == CHROMA_420 and luma_depth == 8 else f"chroma{chroma}-{luma_depth}bit"


def mp4_video_info(path: Path) -> VideoInfo | None:
    """Width, height, codec, pixel format, frame count and duration of the video track, or None if unsure."""
    try:
        moov = _read_moov(path)
        if moov is None:
            return None
        track = _video_track(moov)
        if track is None:
            return None
        tkhd = _find(moov, *track, b"tkhd")
        mdia = _find(moov, *track, b"mdia")
        mdhd = _find(moov, *mdia, b"mdhd")
        stbl = _find(moov, *_find(moov, *mdia, b"minf"), b"stbl")
        stsz, stsd = _find(moov, *stbl, b"stsz"), _find(moov, *stbl, b"stsd")
        if not (tkhd and mdhd and stsz and stsd):
            return None
        codec = _avc_pixel_format(moov, stsd)
        if codec is None:
            return None
        width, height = _tkhd_size(moov, tkhd[0])
        frames = struct.unpack_from(">I", moov, stsz[0] + 8)[0]
        return VideoInfo(width=width, height=height, codec=codec[0], pix_fmt=codec[1], frames=frames,
                         duration_sec=_mdhd_duration(moov, mdhd[0]))
    except (OSError, struct.error, TypeError, IndexError):
        return None
