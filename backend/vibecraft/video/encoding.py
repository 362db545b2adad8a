"""The one H.264 encoding every normalized clip shares, so composition can join clips without re-encoding.

Quality is constant (CRF): a calm picture costs few bits and a busy one more, and a VBV cap per output size
(the sharing presets for 16:9, 9:16 and 1:1) keeps the busiest frames streamable. Every clip of a video has the
same size, so every clip gets identical arguments.
"""

from __future__ import annotations

from vibecraft.video.shapes import Shape

# stitchable=1 keeps x264's headers independent of content, so every clip carries the same SPS/PPS;
# no B-frames and a closed GOP give each clip a keyframe at frame 0 and no reordering across a cut;
# sliced threads keep the peak-rate control exact and repeatable (frame threads let it depend on timing).
X264_PARAMS = "stitchable=1:bframes=0:open-gop=0:scenecut=0:sliced-threads=1"
PRESET = "superfast"
CRF = 23
PIXEL_FORMAT = "yuv420p"
PROFILE = "high"
LEVEL = "4.1"
# Peak rate per million pixels: 1920×1080 (16:9 or 9:16) → about 4.6 Mbit/s, 1080×1080 → about 2.6 Mbit/s.
MAXRATE_KBPS_PER_MEGAPIXEL = 2200
MIN_MAXRATE_KBPS = 400
FULL_HD = (1920, 1080)


def keyframe_interval(fps: int) -> int:
    return 2 * fps


def track_timescale(fps: int) -> int:
    """An MP4 timescale that makes every frame duration an exact integer."""
    return fps * 1000


def maxrate_kbps(width: int, height: int) -> int:
    """The peak video bit rate of an output size (kbit/s)."""
    return max(MIN_MAXRATE_KBPS, int(round(MAXRATE_KBPS_PER_MEGAPIXEL * width * height / 1e6)))


def shape_preset(shape: Shape) -> dict[str, int | str]:
    """The sharing preset of an output shape: its size, CRF and peak rate."""
    return {"shape": shape.name, "width": shape.width, "height": shape.height, "crf": CRF,
            "maxrate_kbps": maxrate_kbps(shape.width, shape.height)}


def h264_output_args(fps: int, size: tuple[int, int] | None = None) -> list[str]:
    """Encoder arguments (after the filters, before the output path) shared by normalization and re-encodes.

    size is the output's (width, height); it sets the peak-rate cap (Full HD's when not given)."""
    gop = keyframe_interval(fps)
    cap = maxrate_kbps(*(size or FULL_HD))
    return [
        "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF), "-maxrate", f"{cap}k", "-bufsize", f"{2 * cap}k",
        "-profile:v", PROFILE, "-level:v", LEVEL, "-pix_fmt", PIXEL_FORMAT,
        "-g", str(gop), "-keyint_min", str(gop), "-x264-params", X264_PARAMS,
        "-r", str(fps), "-fps_mode", "cfr", "-video_track_timescale", str(track_timescale(fps)),
    ]


def fit_filter(shape: Shape) -> str:
    """Scale to cover the frame, then crop the centre: every clip fills the shape, none is letterboxed."""
    w, h = shape.width, shape.height
    return f"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h},setsar=1"
