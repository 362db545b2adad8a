"""Tunnel (custom motif for tunnel, warp, portal, spiral…): a twisting tube of light rushing toward a glowing core."""

from __future__ import annotations

import numpy as np

from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32


class TunnelLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        r = np.maximum(c.r, 0.03)
        depth = 1 / r
        segments = int(self.look_rng.integers(5, 11))  # the tube's build stays, its twist changes per clip
        twist = float(rng.uniform(-0.6, 0.6))
        rings = float(self.look_rng.uniform(0.9, 1.6))
        # sin(A + φ(t)) = sin A cos φ + cos A sin φ: A is fixed per pixel, only φ moves.
        ring_angle, seg_angle = 2 * np.pi * rings * depth, segments * c.theta + twist * depth
        self.ring_terms = (np.sin(ring_angle).astype(F32), np.cos(ring_angle).astype(F32))
        self.seg_terms = (np.sin(seg_angle).astype(F32), np.cos(seg_angle).astype(F32))
        self.spin = float(rng.choice([-1, 1]) * rng.uniform(0.2, 0.5))
        self.wall = (np.clip((c.r - 0.05) * 3, 0, 1) * np.exp(-0.6 * c.r)).astype(F32)
        self.core = (1 / (1 + (c.r / 0.12) ** 2)).astype(F32)
        self.base = planar(pal.background * (0.6 + 0.5 * np.minimum(c.r, 1.5))[..., None]
                           + pal.secondary * (0.12 / (1 + (c.r / 0.35) ** 2))[..., None])
        shape = (c.height, c.width)
        self.field, self.band, self.scratch = (np.empty(shape, F32) for _ in range(3))

    def _wave(self, terms: tuple[np.ndarray, np.ndarray], phase: float, out: np.ndarray) -> np.ndarray:
        np.multiply(terms[0], F32(np.cos(phase)), out=out)
        out += terms[1] * F32(np.sin(phase))
        return out

    def light(self, f: int) -> np.ndarray:
        pal, tl = self.palette, self.timeline
        t, p, down, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.downbeat[f]), float(tl.energy[f])
        field, band, scratch = self.field, self.band, self.scratch
        light = self.base * F32(1 + 0.6 * p)
        # Thin bright lines where each wave peaks: the tube's rings and its lengthwise seams.
        rings = self._wave(self.ring_terms, -2.2 * t, band)
        np.maximum(rings, 0, out=rings)
        rings *= rings
        rings *= rings
        rings *= rings
        rings *= self.wall
        add_tinted(light, rings, pal.primary * (0.7 + 1.1 * p + 0.35 * e), scratch)
        seams = self._wave(self.seg_terms, self.spin * t, field)
        np.maximum(seams, 0, out=seams)
        seams *= seams
        seams *= seams
        seams *= seams
        seams *= self.wall
        add_tinted(light, seams, (pal.secondary * (1 - down) + pal.accent * down) * (0.6 + 0.9 * p), scratch)
        add_tinted(light, self.core, pal.highlight * (0.5 + 1.2 * p), scratch)
        return light
