"""Abstract Visualizer: glowing rings that wobble and turn around a bright core, light rays, orbiting sparks,
and a shock wave on every downbeat."""

from __future__ import annotations

import numpy as np

from vibecraft.render.canvas import glow_sprite, stamp
from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32


class AbstractVisualizerLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, rng, style, pal = self.canvas, self.clip_rng, self.look_rng, self.palette
        r, theta = c.r, c.theta
        self.base = planar(pal.background * (1.5 - 0.7 * np.minimum(r, 1.4))[..., None]
                           + pal.secondary * (0.10 * np.exp(-2.5 * r * r))[..., None])
        self.core = (1 / (1 + (r / 0.16) ** 2)).astype(F32)
        self.ray_falloff = (np.exp(-1.6 * r) * np.clip((r - 0.08) * 6, 0, 1)).astype(F32)
        self.haze_falloff = (0.16 * np.exp(-1.2 * r)).astype(F32)
        colours = [pal.primary, pal.secondary, pal.accent]
        order = style.permutation(3)  # which ring wears which colour stays the same all video long
        radii = sorted(rng.uniform([0.28, 0.5, 0.72], [0.4, 0.62, 0.86]))
        self.rings = []
        for i, radius in enumerate(radii):
            lobes = int(rng.integers(3, 10))
            # sin(kθ + φ) = sin kθ cos φ + cos kθ sin φ: the angular terms are fixed, only φ moves.
            self.rings.append(dict(
                radius=float(radius), width=float(rng.uniform(0.012, 0.024)), amp=float(rng.uniform(0.05, 0.14)),
                spin=float(rng.choice([-1, 1]) * rng.uniform(0.25, 0.7)), phase=float(rng.uniform(0, 2 * np.pi)),
                sin=np.sin(lobes * theta).astype(F32), cos=np.cos(lobes * theta).astype(F32),
                colour=colours[order[i]]))
        count = int(style.integers(5, 13))
        self.rays = dict(sin=np.sin(count * theta).astype(F32), cos=np.cos(count * theta).astype(F32),
                         spin=float(rng.choice([-1, 1]) * rng.uniform(0.1, 0.3)), phase=float(rng.uniform(0, 2 * np.pi)))
        lobes, twist = int(rng.integers(2, 6)), float(rng.uniform(3, 7))
        swirl = lobes * theta + twist * r
        self.haze = dict(sin=np.sin(swirl).astype(F32), cos=np.cos(swirl).astype(F32), phase=float(rng.uniform(0, 2 * np.pi)))
        n_sparks = 28
        self.sparks = dict(radius=rng.uniform(0.35, 1.2, n_sparks), speed=rng.uniform(0.15, 0.6, n_sparks)
                           * rng.choice([-1, 1], n_sparks), phase=rng.uniform(0, 2 * np.pi, n_sparks),
                           gain=rng.uniform(0.4, 1.0, n_sparks))
        self.sprite = glow_sprite(max(0.8, c.height * 0.006))
        shape = (c.height, c.width)
        self.field, self.scratch, self.work = (np.empty(shape, F32) for _ in range(3))
        self.sparkle = np.zeros(shape, F32)

    def _shifted(self, term: dict, angle: float, out: np.ndarray) -> np.ndarray:
        np.multiply(term["sin"], F32(np.cos(angle)), out=out)
        np.multiply(term["cos"], F32(np.sin(angle)), out=self.work)
        out += self.work
        return out

    def _glow_around(self, radius, width: float, out: np.ndarray) -> np.ndarray:
        """width² / (d² + width²) with d the distance to the curve r = radius (radius may be a field)."""
        np.subtract(self.canvas.r, radius, out=out)
        np.multiply(out, out, out=out)
        w2 = F32(width * width)
        out += w2
        np.divide(w2, out, out=out)
        return out

    def light(self, f: int) -> np.ndarray:
        c, pal, tl = self.canvas, self.palette, self.timeline
        t, p, down, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.downbeat[f]), float(tl.energy[f])
        since = float(tl.since_downbeat[f])
        field, scratch = self.field, self.scratch
        light = self.base * F32(1 + 0.8 * p)

        def tint(colour: np.ndarray) -> np.ndarray:
            return colour * (1 - 0.45 * down) + pal.accent * (0.45 * down)

        swell, ring_gain = 1 + 0.12 * p, 0.5 + 1.1 * p + 0.25 * e
        for ring in self.rings:
            wobble = self._shifted(ring, ring["spin"] * t + ring["phase"], field)
            wobble *= F32(ring["amp"] * (0.4 + 1.2 * e) * ring["radius"] * swell)
            wobble += F32(ring["radius"] * swell)
            self._glow_around(wobble, ring["width"] * (1 + 1.5 * p), field)
            add_tinted(light, field, tint(ring["colour"]) * ring_gain, scratch)

        rays = self._shifted(self.rays, self.rays["spin"] * t + self.rays["phase"], field)
        np.maximum(rays, 0, out=rays)
        rays *= rays
        rays *= rays
        rays *= self.ray_falloff
        add_tinted(light, rays, pal.primary * (0.08 + 0.35 * e + 0.25 * p), scratch)

        haze = self._shifted(self.haze, -(0.6 * t + self.haze["phase"]), field)
        haze += 1
        haze *= self.haze_falloff
        add_tinted(light, haze, pal.secondary * (0.7 + 0.6 * e), scratch)
        add_tinted(light, self.core, pal.highlight * (0.3 + 1.3 * p), scratch)

        if since < 1.6:
            shock = self._glow_around(self.rings[1]["radius"] * (1 + 1.6 * since), 0.02 + 0.08 * since, field)
            add_tinted(light, shock, pal.accent * (0.9 * np.exp(-since / 0.35)), scratch)

        self.sparkle.fill(0)
        s = self.sparks
        angle = s["phase"] + s["speed"] * t
        px = (s["radius"] * np.cos(angle) + c.aspect) * c.height / 2
        py = (s["radius"] * np.sin(angle) * 0.8 + 1) * c.height / 2
        for x, y, g in zip(px.tolist(), py.tolist(), s["gain"].tolist()):
            stamp(self.sparkle, self.sprite, x, y, g)
        add_tinted(light, self.sparkle, pal.highlight * (0.5 + 0.8 * p), scratch)
        return light
