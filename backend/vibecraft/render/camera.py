"""Camera motion over a drawn frame: push-in, drift, orbit or shake, with a zoom punch on downbeats.

The camera resamples the frame (nearest pixel) from a window slightly larger than the view, so edges never show.
"""

from __future__ import annotations

import math

import numpy as np

from vibecraft.render.canvas import Canvas
from vibecraft.render.timeline import Timeline

CAMERAS = ("push_in", "drift", "orbit", "shake", "still")
OVERSCAN = 1.1  # every camera sees at most the middle 1/1.1 of the drawn frame


class Camera:
    """Moves the view of each frame: call apply(light, f) after a look has drawn it."""

    def __init__(self, kind: str, canvas: Canvas, timeline: Timeline, *, build: float = 0.0, punch: float = 0.06,
                 rng: np.random.Generator | None = None):
        self.kind = kind if kind in CAMERAS else "still"
        self.c, self.tl = canvas, timeline
        self.build = build
        self.punch = punch
        self.rng = rng or np.random.default_rng(0)
        self.direction = self.rng.choice([-1.0, 1.0])
        h, w = canvas.height, canvas.width
        self.px = (np.arange(w, dtype=np.float32) - (w - 1) / 2)[None, :]
        self.py = (np.arange(h, dtype=np.float32) - (h - 1) / 2)[:, None]
        # Shake jumps to a new offset on each beat (where the pulse rises) and eases back as the pulse decays.
        rises = np.diff(timeline.pulse, prepend=0) > 1e-3
        self.beat_number = np.cumsum(rises)
        self.jitter = self.rng.uniform(-1, 1, (int(self.beat_number[-1]) + 1 if len(rises) else 1, 2))

    def view(self, f: int) -> tuple[float, float, float, float]:
        """(zoom ≥ 1, pan x, pan y in pixels, rotation in radians) of frame f."""
        tl, n = self.tl, max(1, self.tl.n_frames - 1)
        progress = f / n
        t = float(tl.travel[f])
        zoom = OVERSCAN + self.punch * float(tl.downbeat[f]) + 0.12 * self.build * progress**2
        pan_x = pan_y = angle = 0.0
        room = (zoom - 1) * 0.5
        if self.kind == "push_in":
            zoom += 0.12 * progress
        elif self.kind == "drift":
            pan_x = self.direction * room * self.c.width * (progress * 2 - 1) * 0.8
            pan_y = room * self.c.height * 0.3 * math.sin(t * 0.4)
        elif self.kind == "orbit":
            angle = self.direction * 0.05 * math.sin(t * 0.5)
            zoom += 0.05
            pan_x = room * self.c.width * 0.5 * math.cos(t * 0.5)
            pan_y = room * self.c.height * 0.5 * math.sin(t * 0.5)
        elif self.kind == "shake":
            kick = float(tl.pulse[f])
            jitter = self.jitter[int(self.beat_number[f])]
            pan_x = float(jitter[0]) * room * self.c.width * 0.9 * kick
            pan_y = float(jitter[1]) * room * self.c.height * 0.9 * kick
        return zoom, pan_x, pan_y, angle

    def apply(self, light: np.ndarray, f: int) -> np.ndarray:
        """The frame as the camera sees it (a new planar array)."""
        if self.kind == "still" and self.punch == 0 and self.build == 0:
            return light
        zoom, pan_x, pan_y, angle = self.view(f)
        h, w = self.c.height, self.c.width
        if angle:
            ca, sa = math.cos(angle) / zoom, math.sin(angle) / zoom
            sx = ca * self.px - sa * self.py + (w - 1) / 2 + pan_x
            sy = sa * self.px + ca * self.py + (h - 1) / 2 + pan_y
            xi = np.clip(np.rint(sx), 0, w - 1).astype(np.intp)
            yi = np.clip(np.rint(sy), 0, h - 1).astype(np.intp)
            return light[:, yi, xi]
        xi = np.clip(np.rint(self.px[0] / zoom + (w - 1) / 2 + pan_x), 0, w - 1).astype(np.intp)
        yi = np.clip(np.rint(self.py[:, 0] / zoom + (h - 1) / 2 + pan_y), 0, h - 1).astype(np.intp)
        return light[:, yi[:, None], xi[None, :]]
