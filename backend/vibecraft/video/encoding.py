"""The one H.264 encoding every normalized clip shares, so composition can join clips without re-encoding."""

from __future__ import annotations

from vibecraft.video.shapes import Shape

# stitchable=1 keeps x264's headers independent of content, so every clip carries the same SPS/PPS;
# no B-frames and a closed GOP give each clip a keyframe at frame 0 and no reordering across a cut.
X264_PARAMS = "stitchable=1:bframes=0:open-gop=0:scenecut=0"
PRESET = "superfast"
CRF = 20
PIXEL_FORMAT = "yuv420p"
PROFILE = "high"
LEVEL = "4.1"


def keyframe_interval(fps: int) -> int:
    return 2 * fps


def track_timescale(fps: int) -> int:
    """An MP4 timescale that makes every frame duration an exact integer."""
    return fps * 1000


def h264_output_args(fps: int) -> list[str]:
    """Encoder arguments (after the filters, before the output path) shared by normalization and re-encodes."""
    gop = keyframe_interval(fps)
    return [
        "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF),
        "-profile:v", PROFILE, "-level:v", LEVEL, "-pix_fmt", PIXEL_FORMAT,
        "-g", str(gop), "-keyint_min", str(gop), "-x264-params", X264_PARAMS,
        "-r", str(fps), "-fps_mode", "cfr", "-video_track_timescale", str(track_timescale(fps)),
    ]


def fit_filter(shape: Shape) -> str:
    """Scale to cover the frame, then crop the centre: every clip fills the shape, none is letterboxed."""
    w, h = shape.width, shape.height
    return f"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h},setsar=1"
