"""The embedded video provider: beat- and mood-driven visuals rendered on this machine, no network.

Frames are drawn with numpy at a reduced internal size (see vibecraft.render) and streamed raw into ffmpeg,
which upscales them to the output shape and encodes H.264.
"""

from __future__ import annotations

from pathlib import Path

from PIL import UnidentifiedImageError

from vibecraft.audio.decode import AudioDecodeError
from vibecraft.ffmpeg import FFmpegError
from vibecraft.providers.base import ClipRequest, ProviderError, VideoProvider
from vibecraft.render.audio_envelope import flat_envelope, read_envelope
from vibecraft.render.canvas import internal_size, make_canvas
from vibecraft.render.direction import direct_clip
from vibecraft.render.frame_encoder import encode_frames
from vibecraft.render.looks.section_look import SectionLook, pixel_budget
from vibecraft.render.timeline import build_timeline
from vibecraft.video.shapes import DEFAULT_FPS

# Measured by bench/bench_video.py on a 2-core machine at 1920×1080: 0.4–0.55 s of wall time per second of video.
SECONDS_PER_VIDEO_SECOND = 0.6
STARTUP_SECONDS = 0.5


class LocalRendererProvider(VideoProvider):
    """Renders every video type locally: deterministic for a request; the words, the section and its energy pick
    the look (vibecraft.render.direction), shared by every clip of the same section label."""

    name = "local"
    encodes_normalized = True

    def __init__(self, *, timeout_per_video_second: float = 20.0, min_timeout: float = 120.0):
        self.timeout_per_video_second = timeout_per_video_second
        self.min_timeout = min_timeout

    def generate(self, request: ClipRequest, out_path: Path) -> Path:
        """Render the clip to an MP4 of exactly round(duration × fps) frames at the request's shape."""
        ctx = request.context
        fps = int(ctx.fps or DEFAULT_FPS)
        width, height = request.shape.width, request.shape.height
        if width <= 0 or height <= 0 or width % 2 or height % 2:
            raise ProviderError(f"The output size {width}×{height} must be positive and even for H.264.")
        n_frames = max(1, int(round(request.duration * fps)))

        if ctx.audio_path is None:
            envelope = flat_envelope(n_frames, float(ctx.mood_vector.get("energy", 0.5)))
        else:
            try:
                envelope = read_envelope(ctx.audio_path, n_frames, fps)
            except AudioDecodeError as e:
                raise ProviderError(f"The clip's audio could not be read: {e}") from e
        timeline = build_timeline(n_frames=n_frames, fps=fps, beat_times=ctx.beat_times,
                                  downbeat_times=ctx.downbeat_times, envelope=envelope)

        direction = direct_clip(ctx, request.prompt)
        canvas = make_canvas(*internal_size(width, height, pixel_budget(ctx.video_type, bool(ctx.media))))
        try:
            look = SectionLook(canvas, direction, timeline, ctx, request.seed)
        except (OSError, ValueError, UnidentifiedImageError, FFmpegError) as e:
            raise ProviderError(f"A photo or video clip placed in this clip could not be read: {e}") from e

        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        timeout = max(self.min_timeout, request.duration * self.timeout_per_video_second)
        try:
            return encode_frames((look.frame(i) for i in range(n_frames)), source_size=(canvas.width, canvas.height),
                                 out_size=(width, height), fps=fps, out_path=out_path, timeout=timeout)
        except FFmpegError as e:
            raise ProviderError(f"The local renderer could not encode the clip: {e}") from e

    def estimate_seconds(self, seconds: float) -> float:
        return STARTUP_SECONDS + SECONDS_PER_VIDEO_SECOND * seconds

    def estimate_cost_usd(self, seconds: float) -> float:
        return 0.0

    def preferred_clip_lengths(self) -> tuple[float, float]:
        return (3.0, 10.0)
