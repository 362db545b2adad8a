"""Nebula (custom motif for space, stars, sky, dream…): drifting clouds of coloured gas over a star field."""

from __future__ import annotations

import numpy as np

from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32


def smooth_noise(rng: np.random.Generator, height: int, width: int, feature_px: float) -> np.ndarray:
    """Tileable smooth noise in 0–1 with blobs about feature_px across: white noise low-passed by FFT."""
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    spectrum = np.fft.rfft2(rng.standard_normal((height, width))) * np.exp(-((fx**2 + fy**2) * feature_px**2 * 2))
    field = np.fft.irfft2(spectrum, s=(height, width))
    field -= field.min()
    return (field / max(float(field.max()), 1e-9)).astype(F32)


def cloud_field(rng: np.random.Generator, height: int, width: int, feature_px: float) -> np.ndarray:
    """Gas-like density 0–1: three octaves of smooth noise, contrast-shaped so clear sky shows between clouds."""
    octaves = sum(a * smooth_noise(rng, height, width, feature_px * s) for a, s in ((0.6, 1.0), (0.28, 0.4), (0.12, 0.15)))
    return np.clip((octaves - 0.42) / 0.4, 0, 1).astype(F32) ** 1.8


class NebulaLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        h, w = c.height, c.width
        self.gas = cloud_field(rng, h, w, h * 0.45)
        self.dust = cloud_field(rng, h, w, h * 0.3)
        self.drift = rng.uniform(-1, 1, (2, 2)) * h * 0.03  # px/s of each layer, (y, x)
        self.base = planar(pal.background * (0.8 + 0.4 * np.exp(-c.r))[..., None])
        stars = np.zeros((h, w), F32)
        count = int(w * h * 0.002)
        stars[rng.integers(0, h, count), rng.integers(0, w, count)] = rng.uniform(0.2, 1, count) ** 2
        self.stars = stars
        self.field, self.other, self.scratch = (np.empty((h, w), F32) for _ in range(3))

    def light(self, f: int) -> np.ndarray:
        pal, tl = self.palette, self.timeline
        t, p, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.energy[f])
        gas_shift = tuple(int(v) for v in self.drift[0] * t)
        dust_shift = tuple(int(v) for v in self.drift[1] * t)
        gas = self.field
        gas[...] = np.roll(self.gas, gas_shift, axis=(0, 1))
        dust = self.other
        dust[...] = np.roll(self.dust, dust_shift, axis=(0, 1))
        light = self.base * F32(1 + 0.6 * p)
        glow = 0.4 + 0.5 * p + 0.2 * e
        add_tinted(light, gas, pal.primary * glow, self.scratch)
        add_tinted(light, dust, pal.secondary * (0.7 * glow), self.scratch)
        np.multiply(gas, dust, out=gas)
        add_tinted(light, gas, pal.highlight * (1.5 * glow), self.scratch)
        add_tinted(light, self.stars, pal.highlight * (0.6 + 1.4 * p), self.scratch)
        return light
