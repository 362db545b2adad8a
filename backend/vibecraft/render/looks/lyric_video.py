"""Lyric Video: the timed words as kinetic type over slowly drifting colour and large soft bokeh lights."""

from __future__ import annotations

import numpy as np

from vibecraft.render.context import Word
from vibecraft.render.canvas import glow_sprite, stamp_colour
from vibecraft.render.kinetic_type import KineticType
from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32


def vivid(colour: np.ndarray) -> np.ndarray:
    """The colour at full brightness, lightened a little so it reads on any background."""
    return np.clip(colour / max(float(colour.max()), 1e-3) * 0.8 + 0.2, 0, 1).astype(F32)


class LyricVideoLook(Look):
    pixel_budget = 640 * 360  # text needs more pixels than the abstract looks

    def __init__(self, *args, words: tuple[Word, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        angle = self.look_rng.uniform(0, 2 * np.pi)  # one light direction for the whole video
        ramp = np.clip(0.5 + 0.35 * (np.cos(angle) * c.x + np.sin(angle) * c.y), 0, 1)[..., None]
        self.base = planar((pal.background * 1.2 * (1 - ramp) + pal.secondary * 0.35 * ramp)
                           * (1.1 - 0.35 * np.minimum(c.r, 1.5))[..., None])
        self.sweep = dict(sin=np.sin(2.2 * c.x + 1.3 * c.y).astype(F32), cos=np.cos(2.2 * c.x + 1.3 * c.y).astype(F32))
        n = 14
        self.bokeh = dict(x=rng.uniform(0, c.width, n), y=rng.uniform(0, c.height, n), vx=rng.uniform(-0.6, 0.6, n),
                          vy=rng.uniform(-0.35, 0.15, n), gain=rng.uniform(0.15, 0.45, n), size=rng.integers(0, 3, n),
                          colour=rng.integers(0, 3, n))
        self.sprites = [glow_sprite(c.height * s, falloff=6.0) for s in (0.05, 0.08, 0.12)]
        shape = (c.height, c.width)
        self.field, self.scratch = np.empty(shape, F32), np.empty(shape, F32)
        self.kinetic_type = KineticType(words, c.width, c.height, text_colour=pal.highlight,
                                highlight_colour=vivid(pal.accent),
                                shadow_colour=pal.background * 0.3)

    def light(self, f: int) -> np.ndarray:
        c, pal, tl = self.canvas, self.palette, self.timeline
        t, p, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.energy[f])
        light = self.base * F32(1 + 0.9 * p)
        phase = 0.25 * t
        np.multiply(self.sweep["sin"], F32(np.cos(phase)), out=self.field)
        np.multiply(self.sweep["cos"], F32(np.sin(phase)), out=self.scratch)
        self.field += self.scratch
        self.field += 1
        self.field *= F32(0.08 + 0.08 * e)
        add_tinted(light, self.field, pal.primary, self.scratch)
        b = self.bokeh
        xs = (b["x"] + b["vx"] * t * c.height * 0.08) % c.width
        ys = (b["y"] + b["vy"] * t * c.height * 0.08) % c.height
        colours = np.stack([pal.primary, pal.accent, pal.secondary]) * (0.6 + 1.2 * p + 0.3 * e)
        for x, y, g, s, k in zip(xs.tolist(), ys.tolist(), b["gain"].tolist(), b["size"].tolist(), b["colour"].tolist()):
            stamp_colour(light, self.sprites[s], x, y, colours[k] * g)
        return light

    def overlay(self, image: np.ndarray, f: int) -> None:
        self.kinetic_type.draw(image, f / self.timeline.fps, float(self.timeline.pulse[f]))
