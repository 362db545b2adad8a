"""Mood Environment: a landscape at the mood's time of day — sky, a sun or moon whose glow breathes on the beat,
drifting mist, ridges that glide past in parallax, a lake that mirrors it all, and floating embers, fireflies or snow."""

from __future__ import annotations

import colorsys

import numpy as np

from vibecraft.render.canvas import glow_sprite, stamp
from vibecraft.render.looks.base import Look, add_tinted, planar

F32 = np.float32
HORIZON = 0.32  # canvas y of the waterline (y runs -1 at the top to 1 at the bottom)


def _mix(a: np.ndarray, b: np.ndarray, amount: float) -> np.ndarray:
    return a * (1 - amount) + b * amount


def _saturate(rgb: np.ndarray, amount: float) -> np.ndarray:
    grey = float(rgb.mean())
    return np.clip(grey + (rgb - grey) * amount, 0, 1).astype(F32)


def _warmth(rgb: np.ndarray) -> float:
    """How warm a colour reads: high for orange and gold, low for blue."""
    hue = colorsys.rgb_to_hsv(*(float(v) for v in rgb))[0] * 2 * np.pi
    return float(np.cos(hue - np.radians(35)))


class MoodEnvironmentLook(Look):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, pal, rng = self.canvas, self.palette, self.clip_rng
        day = pal.light
        x, y = c.x, c.y
        self.horizon_row = int(np.searchsorted(y[:, 0], HORIZON))
        # A natural sky runs from the palette's coolest colour overhead to its warmest at the horizon.
        cool, middle, warm = (_saturate(col, 1.35) for col in sorted((pal.primary, pal.secondary, pal.accent), key=_warmth))
        self.top_colour = _mix(pal.background, cool * 0.75, 0.35 + 0.5 * day)
        self.mid_colour = _mix(middle, cool, 0.4) * (0.55 + 0.4 * day)
        self.haze_colour = _mix(warm, pal.highlight, 0.1 + 0.2 * day) * (0.8 + 0.3 * day)
        rise = np.clip((y + 1) / (1 + HORIZON - 0.18), 0, 1)
        upper, lower = np.clip(rise * 2, 0, 1) ** 1.2, np.clip(rise * 2 - 1, 0, 1) ** 1.8
        sky = (self.top_colour * (1 - upper[..., None]) + self.mid_colour * upper[..., None]) * (1 - lower[..., None]) \
            + self.haze_colour * lower[..., None]
        self.sun_x = float(rng.uniform(-0.55, 0.55) * c.aspect)
        self.sun_y = float(HORIZON - rng.uniform(0.42, 0.62))
        sun_radius = float(self.look_rng.uniform(0.1, 0.16))  # the same sun or moon in every clip
        d = np.sqrt((x - self.sun_x) ** 2 + (y - self.sun_y) ** 2)
        self.sun_colour = _mix(pal.highlight, pal.accent, 0.35)
        disc = np.clip((sun_radius - d) / (2 * c.pixel), 0, 1)
        self.glow = (1 / (1 + (d / 0.22) ** 2) * 0.55 + 1 / (1 + (d / 0.6) ** 2) * 0.25).astype(F32)
        self.flare = (np.exp(-np.abs(y - self.sun_y) / 0.012) * np.exp(-np.abs(x - self.sun_x) / 0.9)).astype(F32)
        self.sky = planar(sky + disc[..., None] * self.sun_colour * 0.9)
        self.stars = np.zeros((c.height, c.width), F32)
        if day < 0.55:
            count = int(c.width * c.height * 0.002)
            sy = rng.integers(0, max(1, self.horizon_row - 4), count)
            sx = rng.integers(0, c.width, count)
            self.stars[sy, sx] = rng.uniform(0.2, 1.0, count) * (1 - day / 0.55)
        self.ridges = []
        xs = x[0]
        near_colour = _mix(self.top_colour * 0.45, pal.background, 0.5)
        far_colour = _mix(self.haze_colour, self.mid_colour, 0.6) * 0.8
        for depth in np.linspace(0, 1, 4):  # far (0) to near (1)
            freqs = rng.uniform(0.6, 2.0, 4) * (1 + 2.0 * depth) * np.array([1, 1.9, 3.7, 7.3])
            amps = np.array([1, 0.45, 0.2, 0.05 + 0.25 * pal.tension]) * rng.uniform(0.05, 0.08) * (1.4 - 0.8 * depth)
            self.ridges.append(dict(
                freqs=freqs, amps=amps, phases=rng.uniform(0, 2 * np.pi, 4), xs=xs,
                base=HORIZON - 0.2 * (1 - depth) - 0.01,
                speed=0.01 + 0.07 * depth ** 1.5,
                colour=_mix(far_colour, near_colour, depth ** 0.8)))
        mist_rows = np.exp(-((y - (HORIZON - 0.1)) / 0.09) ** 2).astype(F32)
        self.mist = dict(rows=mist_rows, k=rng.uniform(1.5, 3.0), phase=rng.uniform(0, 2 * np.pi))
        lake = y[self.horizon_row:, 0] - HORIZON
        self.lake_depth = lake.astype(F32)
        mirror = np.clip(np.round(self.horizon_row - 1 - np.arange(len(lake)) * 0.9), 0, self.horizon_row - 1)
        self.mirror_rows = mirror.astype(np.int64)[:, None]
        self.lake_shade = (0.62 - 0.35 * np.clip(lake / 0.7, 0, 1)).astype(F32)[:, None]
        self.ripple_freq = (40 / (0.05 + lake)).astype(F32)[:, None]
        self.columns = np.arange(c.width)[None, :]
        self.glitter = (np.exp(-((x - self.sun_x) / (0.05 + 0.5 * np.maximum(y - HORIZON, 0))) ** 2)
                        * (y > HORIZON))[self.horizon_row:].astype(F32)
        mood_motion = "embers" if pal.tension > 0.55 else "snow" if day < 0.3 else "fireflies"
        n = 45
        self.particles = dict(kind=mood_motion, x=rng.uniform(0, c.width, n), y=rng.uniform(0, c.height, n),
                              speed=rng.uniform(0.4, 1.0, n), gain=rng.uniform(0.3, 1.0, n), phase=rng.uniform(0, 6.3, n))
        self.sprite = glow_sprite(max(0.8, c.height * 0.005))
        shape = (c.height, c.width)
        self.scratch = np.empty(shape, F32)
        self.field = np.empty(shape, F32)
        self.sparkle = np.zeros(shape, F32)

    def light(self, f: int) -> np.ndarray:
        pal, tl = self.palette, self.timeline
        t, p, down, e = float(tl.travel[f]), float(tl.pulse[f]), float(tl.downbeat[f]), float(tl.energy[f])
        light = self.sky * F32(0.85 + 0.35 * p + 0.1 * e)
        add_tinted(light, self.glow, self.sun_colour * (0.45 + 1.1 * p), self.scratch)
        add_tinted(light, self.flare, self.sun_colour * (0.9 * down), self.scratch)
        add_tinted(light, self.stars, pal.highlight * (0.7 + 0.8 * p), self.scratch)
        for i, ridge in enumerate(self.ridges):
            if i == 2:  # mist hangs between the far and the near ridges
                self._mist(light, t, e)
            self._ridge(light, ridge, t, p)
        self._lake(light, t, p, e)
        self._particles(t)
        add_tinted(light, self.sparkle, _mix(pal.highlight, pal.accent, 0.5) * (0.55 + 0.9 * p), self.scratch)
        return light

    def _ridge(self, light: np.ndarray, ridge: dict, t: float, p: float) -> None:
        c, field, scratch = self.canvas, self.field, self.scratch
        profile = ridge["base"] - np.sum(ridge["amps"][:, None] * (1 + np.sin(
            ridge["freqs"][:, None] * (ridge["xs"][None, :] + ridge["speed"] * t) + ridge["phases"][:, None])), axis=0)
        # Rows above the ridge's highest peak are untouched, so only the band below it is blended.
        top = max(0, int(np.searchsorted(c.y[:, 0], profile.min())) - 2)
        rows = slice(top, self.horizon_row)
        mask = field[rows]
        np.subtract(c.y[rows], profile.astype(F32)[None, :], out=mask)
        mask *= F32(1 / (1.5 * c.pixel))
        np.clip(mask, 0, 1, out=mask)
        colour = ridge["colour"] * (1 + 0.15 * p)
        for ch in range(3):
            plane = light[ch, rows]
            np.subtract(plane, F32(colour[ch]), out=scratch[rows])
            scratch[rows] *= mask
            plane -= scratch[rows]

    def _lake(self, light: np.ndarray, t: float, p: float, e: float) -> None:
        """Mirror everything above the waterline into the lake, rippled, and lay the sun's glitter on it."""
        c, below = self.canvas, slice(self.horizon_row, None)
        depth = self.lake_depth[:, None]
        wave = np.sin(self.ripple_freq * depth + (3.0 * t)) * (depth * 14 * (0.6 + 0.6 * e))
        cols = np.clip(self.columns + wave.astype(np.int64), 0, c.width - 1)
        reflected = light[:, self.mirror_rows, cols]
        reflected *= self.lake_shade
        light[:, below, :] = reflected
        shimmer = np.maximum(np.sin(self.ripple_freq * 1.7 * depth - (4.0 * t) + 0.02 * self.columns), 0)
        shimmer *= self.glitter
        add_tinted(light[:, below], shimmer.astype(F32), self.sun_colour * (0.35 + 0.6 * p), self.scratch[below])

    def _mist(self, light: np.ndarray, t: float, e: float) -> None:
        x = self.canvas.x[0]
        wisps = 0.5 + 0.5 * np.sin(self.mist["k"] * x + 0.35 * t + self.mist["phase"]
                                   + 0.8 * np.sin(2.3 * self.mist["k"] * x - 0.2 * t))
        np.multiply(self.mist["rows"], (wisps * (0.18 + 0.2 * e)).astype(F32)[None, :], out=self.field)
        add_tinted(light, self.field, self.haze_colour, self.scratch)

    def _particles(self, t: float) -> None:
        c, s = self.canvas, self.particles
        h, w = c.height, c.width
        if s["kind"] == "embers":
            px, py = s["x"] + 0.03 * w * np.sin(t + s["phase"]), (s["y"] - s["speed"] * t * 0.12 * h) % h
        elif s["kind"] == "snow":
            px, py = s["x"] + 0.04 * w * np.sin(0.7 * t + s["phase"]), (s["y"] + s["speed"] * t * 0.08 * h) % h
        else:
            px = s["x"] + 0.05 * w * np.sin(0.5 * t * s["speed"] + s["phase"])
            py = s["y"] * 0.6 + 0.3 * h + 0.04 * h * np.cos(0.6 * t + 2 * s["phase"])
        twinkle = s["gain"] * (0.6 + 0.4 * np.sin(1.3 * t + s["phase"]))
        self.sparkle.fill(0)
        for x, y, g in zip((px % w).tolist(), py.tolist(), twinkle.tolist()):
            stamp(self.sparkle, self.sprite, x, y, g)
