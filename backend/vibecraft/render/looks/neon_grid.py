"""Neon grid (custom motif for city, night, retro, drive…): a striped sun over dark ridges and a glowing
perspective grid racing toward the camera."""

from __future__ import annotations

import numpy as np

from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32
HORIZON = 0.12


class NeonGridLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        x, y = c.x, c.y
        rise = np.clip((y + 1) / (1 + HORIZON), 0, 1)
        below = (y > HORIZON)[..., None]
        sky = pal.background * (1 - rise[..., None]) * 1.3 + pal.secondary * (0.55 * rise[..., None] ** 2.5)
        floor_tint = pal.background * 0.7 + pal.primary * (0.22 * np.exp(-(y - HORIZON) / 0.08))[..., None]
        sky = np.where(below, floor_tint, sky)
        self.sun_x = float(rng.uniform(-0.35, 0.35) * c.aspect)
        sun_r = float(self.look_rng.uniform(0.32, 0.45))  # one sun for the whole video
        sun_y = HORIZON - sun_r * rng.uniform(0.35, 0.7)
        d = np.sqrt((x - self.sun_x) ** 2 + (y - sun_y) ** 2)
        self.sun_disc = (np.clip((sun_r - d) / (1.5 * c.pixel), 0, 1) * (y < HORIZON)).astype(F32)
        self.sun_shade = np.clip((y - (sun_y - sun_r)) / (2 * sun_r), 0, 1).astype(F32)  # 0 top → 1 bottom
        self.sun_rows = y.astype(F32)
        self.sun_top, self.sun_r = sun_y - sun_r, sun_r
        self.sun_glow = (1 / (1 + (d / (sun_r * 1.1)) ** 2) * (y < HORIZON + 0.02)).astype(F32)
        ridge = HORIZON - 0.03 - np.abs(np.sin(x * rng.uniform(1.5, 3)) * np.sin(x * rng.uniform(4, 7) + 1)) * 0.16
        self.ridge_mask = np.clip((y - ridge) / (1.5 * c.pixel), 0, 1) * (y < HORIZON)
        self.ridge_rim = (np.exp(-np.abs(y - ridge) / (1.2 * c.pixel)) * (y < HORIZON)).astype(F32)
        stars = np.zeros((c.height, c.width), F32)
        count = int(c.width * c.height * 0.0015)
        stars[rng.integers(0, c.height // 2, count), rng.integers(0, c.width, count)] = rng.uniform(0.3, 1, count)
        self.stars = stars * (1 - self.ridge_mask).astype(F32)
        ridge = self.ridge_mask[..., None]
        self.sky = planar(sky * (1 - ridge) + pal.background * 0.4 * ridge)
        depth = np.maximum(y - HORIZON, c.pixel * 0.5)
        self.floor = (y > HORIZON).astype(F32)
        self.row_depth = (0.9 / depth).astype(F32)             # (H, 1): distance along the floor
        self.row_width = (0.9 * c.pixel / depth**2).astype(F32)  # that distance per pixel row
        lanes = x / depth * 0.5
        lane_width = c.pixel / depth * 0.5
        frac = np.abs(lanes - np.round(lanes))
        self.vertical = (np.clip(1 - frac / (1.2 * lane_width), 0, 1) * self.floor).astype(F32)
        self.fade = (np.clip((y - HORIZON) * 2.5, 0, 1) ** 0.7 * self.floor).astype(F32)
        self.horizon_glow = np.exp(-np.abs(y - HORIZON) / 0.05).astype(F32) * np.ones_like(x, dtype=F32)
        shape = (c.height, c.width)
        self.field, self.scratch = np.empty(shape, F32), np.empty(shape, F32)

    def light(self, f: int) -> np.ndarray:
        pal, tl = self.palette, self.timeline
        t, p, down, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.downbeat[f]), float(tl.energy[f])
        field, scratch = self.field, self.scratch
        light = self.sky * F32(1 + 0.5 * p)
        add_tinted(light, self.stars, pal.highlight * (0.5 + 0.7 * p), scratch)
        add_tinted(light, self.sun_glow, pal.primary * (0.25 + 0.6 * p), scratch)
        slats = self._slats(t)
        np.multiply(self.sun_disc, slats, out=field)
        add_tinted(light, field * (1 - self.sun_shade), pal.accent * (0.95 + 0.4 * p), scratch)
        add_tinted(light, field * self.sun_shade, pal.primary * (1.0 + 0.4 * p), scratch)
        add_tinted(light, self.ridge_rim, pal.primary * (0.3 + 0.7 * p), scratch)

        along = self.row_depth + F32(1.2 * t)
        frac = np.abs(along - np.round(along))
        rows = np.clip(1 - frac / (1.2 * self.row_width), 0, 1).astype(F32)
        np.maximum(self.vertical, rows * self.floor, out=field)
        field *= self.fade
        grid_colour = pal.secondary * (1 - down) + pal.accent * down
        add_tinted(light, field, grid_colour * (0.55 + 1.3 * p + 0.3 * e), scratch)
        add_tinted(light, self.horizon_glow, pal.primary * (0.25 + 0.9 * p), scratch)
        return light

    def _slats(self, t: float) -> np.ndarray:
        """Horizontal gaps across the lower half of the sun that drift slowly downward."""
        rel = (self.sun_rows - self.sun_top) / (2 * self.sun_r)  # 0 top → 1 bottom of the disc
        phase = rel * 9 - 0.3 * t
        gap = np.abs(phase - np.round(phase)) * 2  # 0 at a gap centre, 1 between gaps
        width = np.clip((rel - 0.45) * 1.2, 0, 0.6)
        return np.clip((gap - width) / 0.08, 0, 1).astype(F32)
