"""Procedural scenes named by the musician's words — city skyline, rain, ocean, fire, smoke, clouds, forest, club
lights and lasers, particles, stars — drawn as layers that stack: the first layer of a scene paints the sky behind
it, later ones add over it, so "a rainy city" is the city with rain in front."""

from __future__ import annotations

import numpy as np

from vibecraft.render.canvas import Canvas, glow_sprite, stamp_colour
from vibecraft.render.looks.base import Look, add_tinted, planar
from vibecraft.render.looks.nebula import smooth_noise
from vibecraft.render.palette import Palette
from vibecraft.render.timeline import Timeline

F32 = np.float32


class Layer:
    """One scene element: adds its light into a planar (3, H, W) image for frame f."""

    def __init__(self, canvas: Canvas, palette: Palette, timeline: Timeline, rng: np.random.Generator, strength: float):
        self.c, self.pal, self.tl, self.rng, self.strength = canvas, palette, timeline, rng, F32(strength)
        self.scratch = np.empty((canvas.height, canvas.width), F32)

    def add(self, light: np.ndarray, f: int) -> None:
        raise NotImplementedError

    def _drive(self, f: int) -> tuple[float, float, float, float]:
        tl = self.tl
        return float(tl.travel[f]), float(tl.pulse[f]), float(tl.energy[f]), float(tl.downbeat[f])


def _scroll(texture: np.ndarray, rows: int, cols: int, height: int, width: int) -> np.ndarray:
    """A height × width window of a tiling texture, moved by (rows, cols) pixels."""
    th, tw = texture.shape
    ri = (np.arange(height) + rows) % th
    ci = (np.arange(width) + cols) % tw
    return texture[ri[:, None], ci[None, :]]


class CityLayer(Layer):
    """Two rows of buildings against a glowing horizon; windows flicker and brighten on the beat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, rng = self.c, self.rng
        h, w = c.height, c.width
        self.rows = []
        for depth, (base, tall) in enumerate(((0.6, 0.38), (1.0, 0.5))):
            width2 = w * 2
            heights = np.zeros(width2, F32)
            x = 0
            while x < width2:
                bw = int(rng.integers(max(6, w // 30), max(12, w // 10)))
                heights[x:x + bw] = rng.uniform(0.2, 1.0) * tall
                x += bw + int(rng.integers(1, 4))
            top = (base - heights) * h  # row where the building starts, per column
            rows = np.arange(h, dtype=F32)[:, None]
            mask = (rows >= top[None, :]).astype(F32)
            cell = max(4, h // 45)  # a window and its wall, in pixels
            lit = (rng.random((h // cell + 1, width2 // cell + 1)) < 0.16 + 0.06 * depth).astype(F32)
            pane = np.zeros((cell, cell), F32)
            pane[1:cell // 2 + 1, 1:cell // 2 + 1] = 1
            windows = np.kron(lit, pane)[:h, :width2]
            self.rows.append((mask, windows * mask, 0.35 + 0.4 * depth, 2.0 + 5.0 * depth))
        self.glow = np.exp(-((c.y - 0.1) ** 2) / 0.08).astype(F32) * np.ones((1, w), F32)

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        add_tinted(light, self.glow, pal.primary * (0.35 + 0.3 * p) * s, self.scratch)
        for mask, windows, shade, speed in self.rows:
            shift = int(t * speed)
            m = _scroll(mask, 0, shift, c.height, c.width)
            light *= 1 - m * F32(0.85 * float(s))
            add_tinted(light, m, pal.background * shade * s, self.scratch)
            win = _scroll(windows, 0, shift, c.height, c.width)
            add_tinted(light, win, (pal.accent * 0.5 + pal.highlight * 0.3) * (0.6 + 0.9 * p + 0.3 * e) * s, self.scratch)


class RainLayer(Layer):
    """Slanted streaks falling fast, brighter on the beat, with a cold sheen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        h, w = self.c.height, self.c.width
        drops = np.zeros((h * 2, w), F32)
        n = int(w * 1.2)
        ys, xs = self.rng.integers(0, h * 2, n), self.rng.integers(0, w, n)
        length = max(4, h // 18)
        for k in range(length):
            drops[(ys + k) % (h * 2), (xs + k // 4) % w] += 1 - k / length
        self.drops = drops

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c = self.c
        field = _scroll(self.drops, -int(t * c.height * 1.6), -int(t * c.height * 0.35), c.height, c.width)
        colour = (self.pal.highlight * 0.6 + np.array([0.5, 0.6, 0.8], F32) * 0.4) * (0.35 + 0.5 * p + 0.2 * e)
        add_tinted(light, field, colour * self.strength, self.scratch)


class OceanLayer(Layer):
    """Rolling waves below a horizon: bands of light that crowd together toward the distance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.c
        depth = np.maximum(c.y - 0.05, 0)  # 0 at the horizon, larger toward the viewer
        self.below = (c.y > 0.05).astype(F32) * np.ones((1, c.width), F32)
        self.freq = (6.0 / (depth + 0.08)).astype(F32)
        self.phase = self.rng.uniform(0, 6.28, (c.height, 1)).astype(F32)

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        light *= 1 - self.below * F32(0.5 * float(s))
        wave = np.sin(self.freq * 0.12 + 0.9 * c.x * (self.freq * 0.05 + 1) + self.phase - t * 1.8).astype(F32)
        crest = np.maximum(wave, 0) ** 6 * self.below
        add_tinted(light, self.below * (0.2 + 0.1 * e), pal.secondary * s, self.scratch)
        add_tinted(light, crest, (pal.highlight * 0.7 + pal.primary * 0.3) * (0.4 + 0.6 * p) * s, self.scratch)


class FireLayer(Layer):
    """Flames licking up from the bottom: noise rising and thinning with height, hotter on the beat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.c
        self.noise = smooth_noise(self.rng, c.height * 2, c.width, c.height * 0.05)
        self.height_fall = np.clip((c.y + 0.3) / 1.3, 0, 1).astype(F32) ** 1.5

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        n = _scroll(self.noise, int(t * c.height * 0.9), 0, c.height, c.width)
        heat = np.clip(n * self.height_fall * (1.6 + 0.8 * e + 0.6 * p) - 0.45, 0, 1)
        add_tinted(light, heat, pal.primary * 1.1 * s, self.scratch)
        add_tinted(light, heat * heat, (pal.accent * 0.4 + np.array([1, 0.85, 0.4], F32) * 0.8) * s, self.scratch)


class SmokeLayer(Layer):
    """Two sheets of haze drifting at different speeds, lit from within on the beat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.c
        self.sheets = [smooth_noise(self.rng, c.height, c.width * 2, c.height * k) for k in (0.18, 0.09)]

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        a = _scroll(self.sheets[0], int(t * 3), int(t * c.width * 0.03), c.height, c.width)
        b = _scroll(self.sheets[1], -int(t * 2), -int(t * c.width * 0.06), c.height, c.width)
        haze = (a * 0.6 + b * 0.4) ** 2
        add_tinted(light, haze, (pal.secondary * 0.5 + pal.highlight * 0.25) * (0.5 + 0.7 * p + 0.3 * e) * s, self.scratch)


class CloudLayer(Layer):
    """Soft bright clouds rolling across the upper sky."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.c
        self.clouds = smooth_noise(self.rng, c.height, c.width * 2, c.height * 0.22)
        self.upper = np.clip(0.6 - c.y, 0, 1).astype(F32)

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        n = _scroll(self.clouds, 0, int(t * c.width * 0.04), c.height, c.width)
        cover = np.clip(n * 1.8 - 0.7, 0, 1) * self.upper
        add_tinted(light, cover, (pal.highlight * 0.55 + pal.primary * 0.2) * (0.7 + 0.5 * p) * s, self.scratch)


class ForestLayer(Layer):
    """Three ranks of pine silhouettes in fog, the far ones paler, gliding past in parallax; shafts of light."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, rng = self.c, self.rng
        h, w = c.height, c.width
        rows = np.arange(h, dtype=F32)[:, None]
        self.ranks = []
        for depth in range(3):
            tops = np.full(w * 2, h, F32)
            spacing = max(6, w // (10 + 8 * (2 - depth)))
            for x0 in range(0, w * 2, spacing):
                cx = x0 + rng.integers(0, spacing)
                peak = h * (0.15 + 0.18 * depth + rng.uniform(0, 0.15))
                half = spacing * rng.uniform(0.5, 0.9)
                xs = np.arange(max(0, int(cx - half)), min(w * 2, int(cx + half)))
                tops[xs] = np.minimum(tops[xs], peak + np.abs(xs - cx) / half * h * 0.35)
            self.ranks.append(((rows >= tops[None, :]).astype(F32), 0.55 - 0.2 * depth, 1.5 + 3.5 * depth))
        angle = rng.uniform(-0.4, 0.4)
        self.shafts = (0.5 + 0.5 * np.sin(9 * (c.x * np.cos(angle) + c.y * np.sin(angle)))).astype(F32) ** 8

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        add_tinted(light, self.shafts, pal.highlight * (0.08 + 0.12 * p) * s, self.scratch)
        for mask, fog, speed in self.ranks:
            m = _scroll(mask, 0, int(t * speed), c.height, c.width)
            light *= 1 - m * F32(0.9 * float(s))
            add_tinted(light, m, (pal.background * 0.6 + pal.secondary * fog * 0.5) * s, self.scratch)


class ClubLayer(Layer):
    """Laser beams fanning from above and sweeping with the music, spot cones, a strobe on every downbeat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = 6
        self.origins = self.rng.uniform(-self.c.aspect * 0.8, self.c.aspect * 0.8, n)
        self.speeds = self.rng.uniform(0.4, 1.1, n) * self.rng.choice([-1, 1], n)
        self.phases = self.rng.uniform(0, 6.28, n)

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, d = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        colours = (pal.primary, pal.accent, pal.secondary)
        width = F32(0.012 + 0.01 * p)
        for k, (x0, sp, ph) in enumerate(zip(self.origins, self.speeds, self.phases)):
            angle = 0.55 * np.sin(sp * t + ph) + np.pi / 2
            dist = np.abs((c.x - x0) * np.sin(angle) - (c.y + 1.05) * np.cos(angle))
            np.multiply(dist, F32(1 / float(width)), out=self.scratch)
            beam = np.exp(-self.scratch * self.scratch)
            add_tinted(light, beam, colours[k % 3] * (0.5 + 0.9 * p + 0.4 * e) * s, self.scratch)
        if d > 0.5:  # the strobe: a flat wash of light on the downbeat frame and the one after
            light += F32(0.25 * d * float(s))


class ParticleLayer(Layer):
    """Sparks drifting upward and sideways, flaring on the beat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c, rng = self.c, self.rng
        n = 60
        self.x, self.y = rng.uniform(0, c.width, n), rng.uniform(0, c.height, n)
        self.vx, self.vy = rng.uniform(-0.15, 0.15, n), rng.uniform(-0.45, -0.1, n)
        self.colour = rng.integers(0, 3, n)
        self.gain = rng.uniform(0.3, 1.0, n)
        self.sprites = [glow_sprite(c.height * r) for r in (0.006, 0.012)]

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        c, pal, s = self.c, self.pal, self.strength
        xs = (self.x + self.vx * t * c.height) % c.width
        ys = (self.y + self.vy * t * c.height) % c.height
        colours = np.stack([pal.highlight, pal.accent, pal.primary]) * ((0.8 + 1.4 * p + 0.4 * e) * float(s))
        for i, (x, y) in enumerate(zip(xs.tolist(), ys.tolist())):
            stamp_colour(light, self.sprites[i % 2], x, y, colours[self.colour[i]] * self.gain[i])


class StarLayer(Layer):
    """Fixed stars that twinkle and brighten on the beat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.c
        self.field = (self.rng.random((c.height, c.width)) > 0.996).astype(F32) * self.rng.uniform(0.4, 1.0, (c.height, c.width)).astype(F32)

    def add(self, light: np.ndarray, f: int) -> None:
        t, p, e, _ = self._drive(f)
        add_tinted(light, self.field, self.pal.highlight * (0.6 + 0.8 * p) * self.strength, self.scratch)


LAYERS: dict[str, type[Layer]] = {
    "city": CityLayer, "rain": RainLayer, "ocean": OceanLayer, "fire": FireLayer, "smoke": SmokeLayer,
    "clouds": CloudLayer, "forest": ForestLayer, "club": ClubLayer, "particles": ParticleLayer, "stars": StarLayer,
}


def sky(canvas: Canvas, palette: Palette) -> np.ndarray:
    """The backdrop every layered scene starts from: the background colour overhead, the secondary near the
    horizon, a touch of the primary in a glow."""
    c = canvas
    ramp = np.clip((c.y + 1) / 1.6, 0, 1)[..., None] * np.ones((1, c.width, 1), F32)
    colour = palette.background * 1.3 * (1 - ramp) + palette.secondary * 0.32 * ramp
    return planar(colour)


class LayeredScene(Look):
    """A scene made of layers over a sky: its light pulses with the beat through every layer."""

    def __init__(self, canvas, palette, timeline, look_rng, clip_rng, *, layers: tuple[str, ...] = ("particles",),
                 backdrop: bool = True):
        super().__init__(canvas, palette, timeline, look_rng, clip_rng)
        self.backdrop = sky(canvas, palette) if backdrop else None
        self.layers = [LAYERS[name](canvas, palette, timeline, look_rng if i == 0 else clip_rng, 1.0 if i == 0 else 0.7)
                       for i, name in enumerate(layers)]

    def light(self, f: int) -> np.ndarray:
        p = float(self.timeline.pulse[f])
        if self.backdrop is not None:
            light = self.backdrop * F32(1 + 0.6 * p)
        else:
            light = np.zeros((3, self.canvas.height, self.canvas.width), F32)
        for layer in self.layers:
            layer.add(light, f)
        return light

    def add_layers(self, light: np.ndarray, f: int) -> None:
        """Add only the layers (no sky) over light drawn by another look."""
        for layer in self.layers:
            layer.add(light, f)
