"""The musician's own photos and footage as a clip's picture: cropped to the shape, stills moved with a slow zoom
and pan and a punch on each downbeat, footage played from its offset; several items cut on downbeats."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

from vibecraft.ffmpeg import ffmpeg_binary, run
from vibecraft.render.context import MediaSource
from vibecraft.render.canvas import Canvas
from vibecraft.render.looks.base import tone_curve
from vibecraft.render.palette import Palette
from vibecraft.render.timeline import Timeline

F32 = np.float32
STILL_MARGIN = 1.25  # a still is loaded this much larger than the view, so it can move without showing an edge
BARS_PER_ITEM = 2  # with several items in one clip, the next one comes in every second downbeat


def _inverse_tone_table() -> np.ndarray:
    """Light for each 8-bit level such that tone mapping gives the level back (as near as the curve allows)."""
    grid = np.linspace(0, 2, 4096, dtype=F32)
    mapped = np.clip(tone_curve(grid), 0, 1) * 255
    return np.interp(np.arange(256), mapped, grid).astype(F32)


_INVERSE_TONE = _inverse_tone_table()


def load_still(path, width: int, height: int) -> np.ndarray:  # noqa: ANN001
    """A photo cropped to cover width × height (its EXIF orientation applied), as (H, W, 3) uint8."""
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        # Slightly above centre: in most photos of people the faces are in the upper part.
        fitted = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.33))
        return np.asarray(fitted, np.uint8)


def load_footage(path, width: int, height: int, fps: int, n_frames: int, offset: float) -> np.ndarray:  # noqa: ANN001
    """n_frames of a video from offset at fps, cropped to cover width × height, starting over from its beginning
    when it ends, as (N, H, W, 3) uint8."""
    parts, needed, start = [], n_frames, max(0.0, offset)
    for _ in range(64):  # a clip of at most 10 s needs few passes even over very short footage
        frames = _decode_stretch(path, width, height, fps, needed, start)
        if len(frames) == 0 and start == 0.0:
            break
        parts.append(frames)
        needed -= len(frames)
        if needed <= 0:
            break
        start = 0.0
    if not parts or sum(len(p) for p in parts) == 0:
        raise ValueError(f"no frames could be read from {path}")
    frames = np.concatenate(parts)[:n_frames]
    if len(frames) < n_frames:  # footage that stops early: hold its last frame
        frames = np.concatenate([frames, np.repeat(frames[-1:], n_frames - len(frames), axis=0)])
    return frames


def _decode_stretch(path, width: int, height: int, fps: int, n_frames: int, start: float) -> np.ndarray:  # noqa: ANN001
    # setpts restarts the timestamps at the seek point: without it some AVI files repeat their first frame.
    # No seek at all from the beginning: AVI files without timestamps seek to 0 badly.
    seek = ["-ss", f"{start:.3f}"] if start > 0 else []
    args = [ffmpeg_binary(), "-nostdin", "-v", "error", *seek, "-i", str(path), "-an",
            "-vf", f"setpts=PTS-STARTPTS,fps={fps},scale={width}:{height}:force_original_aspect_ratio=increase,"
                   f"crop={width}:{height}",
            "-frames:v", str(n_frames), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = run(args, timeout=max(60.0, n_frames / max(fps, 1) * 10))
    frame_bytes = width * height * 3
    count = len(raw) // frame_bytes
    return np.frombuffer(raw[: count * frame_bytes], np.uint8).reshape(count, height, width, 3)


class MediaLayer:
    """Draws the clip's media as planar light; stills move, footage plays, items change on downbeats."""

    def __init__(self, sources: tuple[MediaSource, ...], canvas: Canvas, palette: Palette, timeline: Timeline,
                 rng: np.random.Generator, grade: float = 0.18):
        self.c, self.pal, self.tl = canvas, palette, timeline
        self.grade = F32(grade)
        w, h = canvas.width, canvas.height
        self.items: list[tuple[str, np.ndarray, tuple[float, float, float]]] = []
        for source in sources:
            if source.kind == "video":
                frames = load_footage(source.path, w, h, timeline.fps, timeline.n_frames, source.offset)
                self.items.append(("video", frames, (0.0, 0.0, 0.0)))
            else:
                still = load_still(source.path, int(w * STILL_MARGIN) // 2 * 2, int(h * STILL_MARGIN) // 2 * 2)
                # Pan direction and zoom sense per still, so consecutive stills do not all move alike.
                move = (float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1)), float(rng.choice([-1, 1])))
                self.items.append(("photo", still, move))
        downbeats = np.flatnonzero(np.diff(timeline.since_downbeat, prepend=1e3) < 0)
        self.item_of_frame = np.zeros(timeline.n_frames, np.intp)
        if len(self.items) > 1:
            for k, frame in enumerate(downbeats[BARS_PER_ITEM::BARS_PER_ITEM]):
                self.item_of_frame[frame:] = (k + 1) % len(self.items)
        self.tint = (palette.primary * 0.5 + palette.accent * 0.5).astype(F32)

    def cut_frames(self) -> list[int]:
        """Frames (within the clip) where the picture changes to another item."""
        return [int(f) for f in np.flatnonzero(np.diff(self.item_of_frame)) + 1]

    def light(self, f: int) -> np.ndarray:
        kind, data, move = self.items[int(self.item_of_frame[f])]
        if kind == "video":
            pixels = data[min(f, len(data) - 1)]
        else:
            pixels = self._still_view(data, move, f)
        light = _INVERSE_TONE[pixels].transpose(2, 0, 1).copy()  # planar (3, H, W)
        p, e = float(self.tl.pulse[f]), float(self.tl.energy[f])
        luminance = light.mean(axis=0)
        for ch in range(3):  # grade toward the palette, strongest in the shadows, so the words still colour it
            light[ch] = light[ch] * (1 - self.grade) + luminance * self.grade * float(self.tint[ch]) * 1.4
        light *= F32(0.92 + 0.3 * p + 0.08 * e)
        return light

    def _still_view(self, still: np.ndarray, move: tuple[float, float, float], f: int) -> np.ndarray:
        h, w = self.c.height, self.c.width
        sh, sw = still.shape[:2]
        n = max(1, self.tl.n_frames - 1)
        progress = f / n
        zoom_span = STILL_MARGIN - 1.0
        zoom = 1.0 + zoom_span * (0.35 + 0.45 * (progress if move[2] > 0 else 1 - progress))
        zoom += 0.12 * float(self.tl.downbeat[f])  # the punch on the downbeat
        zoom = min(zoom, STILL_MARGIN)
        view_w, view_h = sw / zoom, sh / zoom
        cx = sw / 2 + move[0] * (sw - view_w) / 2 * (progress * 2 - 1)
        cy = sh / 2 + move[1] * (sh - view_h) / 2 * (progress * 2 - 1)
        xs = np.clip(np.rint(cx + (np.arange(w) + 0.5 - w / 2) * view_w / w), 0, sw - 1).astype(np.intp)
        ys = np.clip(np.rint(cy + (np.arange(h) + 0.5 - h / 2) * view_h / h), 0, sh - 1).astype(np.intp)
        return still[ys[:, None], xs[None, :]]
