"""Liquid (custom motif for water, waves, ink, smoke…): marbled currents of colour with bright caustic lines."""

from __future__ import annotations

import numpy as np

from vibecraft.render.looks.base import Look, add_tinted

F32 = np.float32


class LiquidLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        self.k = self.look_rng.uniform(1.2, 2.6, 4)  # the current's scale is the video's; its course is the clip's
        self.speeds = rng.uniform(0.2, 0.5, 4) * rng.choice([-1, 1], 4)
        self.phases = rng.uniform(0, 2 * np.pi, 4)
        stops = np.stack([pal.background, pal.secondary * 0.8, pal.background * 1.5, pal.primary, pal.accent * 0.9,
                          pal.secondary * 0.6, pal.background])
        at = np.linspace(0, len(stops) - 1, 256)
        low = np.minimum(at.astype(int), len(stops) - 2)
        frac = (at - low)[:, None]
        self.lut = np.ascontiguousarray((stops[low] * (1 - frac) + stops[low + 1] * frac).T.astype(F32))
        shape = (c.height, c.width)
        self.field, self.other, self.scratch = (np.empty(shape, F32) for _ in range(3))

    def light(self, f: int) -> np.ndarray:
        c, pal, tl = self.canvas, self.palette, self.timeline
        t, p, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.energy[f])
        k, s, ph = self.k, self.speeds, self.phases
        # The inner warps depend on one axis only, so they cost a row or a column, not a full frame.
        warp_y = (1.6 * np.sin(k[1] * c.y + s[1] * t + ph[1])).astype(F32)
        warp_x = (1.3 * np.sin(k[3] * c.x - s[3] * t + ph[3])).astype(F32)
        a = np.add(F32(k[0]) * c.x, warp_y, out=self.field)
        a += F32(s[0] * t + ph[0])
        np.sin(a, out=a)
        b = np.add(F32(k[2]) * c.y, warp_x, out=self.other)
        b += a * F32(0.9)
        b += F32(s[2] * t + ph[2])
        np.sin(b, out=b)
        value = a
        value += b
        value *= F32(0.25)
        value += F32(0.5 + 0.03 * t)
        value -= np.floor(value)
        index = (value * 255).astype(np.intp)
        light = self.lut[:, index] * F32(0.42 + 0.5 * p + 0.15 * e)
        np.multiply(b, b, out=self.scratch)
        caustic = self.scratch
        caustic *= caustic
        caustic *= caustic
        add_tinted(light, caustic, pal.highlight * (0.15 + 0.4 * p + 0.1 * e), self.other)
        return light
