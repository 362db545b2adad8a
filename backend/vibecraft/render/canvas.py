"""The reduced-resolution grid a look draws on; ffmpeg upscales it to the output shape."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Canvas:
    """Coordinates of every pixel: y runs -1 (top) to 1 (bottom), x keeps the aspect ratio, (0, 0) is the centre.

    `x` is a (1, W) row and `y` a (H, 1) column so separable formulas broadcast cheaply; `r` and `theta` are full.
    """

    width: int
    height: int
    x: np.ndarray
    y: np.ndarray
    r: np.ndarray
    theta: np.ndarray

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def pixel(self) -> float:
        """The size of one pixel in canvas units."""
        return 2.0 / self.height


def internal_size(width: int, height: int, pixel_budget: int) -> tuple[int, int]:
    """The largest size with the output's aspect ratio and at most pixel_budget pixels (never above the output)."""
    scale = min(1.0, math.sqrt(pixel_budget / (width * height)))
    return max(2, int(round(width * scale))), max(2, int(round(height * scale)))


def make_canvas(width: int, height: int) -> Canvas:
    """Precomputed coordinate grids for a canvas of width × height pixels."""
    ys = ((np.arange(height, dtype=np.float32) + 0.5) / height * 2 - 1)[:, None]
    xs = ((np.arange(width, dtype=np.float32) + 0.5) / height * 2 - width / height)[None, :]
    r = np.sqrt(xs**2 + ys**2).astype(np.float32)
    theta = np.arctan2(ys, xs).astype(np.float32)
    return Canvas(width=width, height=height, x=xs, y=ys, r=r, theta=theta)


def glow_sprite(radius_px: float, falloff: float = 2.2) -> np.ndarray:
    """A small (2k+1)² soft round light, peak 1, for stamping particles."""
    k = max(1, int(math.ceil(radius_px * 2.5)))
    d = np.hypot(*np.meshgrid(np.arange(-k, k + 1), np.arange(-k, k + 1))) / max(radius_px, 0.5)
    return np.exp(-(d**falloff)).astype(np.float32)


def _overlap(sprite: np.ndarray, cx: float, cy: float, h: int, w: int) -> tuple[slice, slice, slice, slice] | None:
    """(field rows, field cols, sprite rows, sprite cols) where a sprite centred at (cx, cy) meets an h × w field."""
    k = sprite.shape[0] // 2
    x0, y0 = int(round(cx)) - k, int(round(cy)) - k
    sx0, sy0 = max(0, -x0), max(0, -y0)
    sx1, sy1 = min(sprite.shape[1], w - x0), min(sprite.shape[0], h - y0)
    if sx1 <= sx0 or sy1 <= sy0:
        return None
    return slice(y0 + sy0, y0 + sy1), slice(x0 + sx0, x0 + sx1), slice(sy0, sy1), slice(sx0, sx1)


def stamp(field: np.ndarray, sprite: np.ndarray, cx: float, cy: float, gain: float) -> None:
    """Add sprite × gain into a 2-D field centred at pixel (cx, cy), clipped at the edges."""
    hit = _overlap(sprite, cx, cy, *field.shape)
    if hit:
        rows, cols, srows, scols = hit
        field[rows, cols] += sprite[srows, scols] * np.float32(gain)


def stamp_colour(light: np.ndarray, sprite: np.ndarray, cx: float, cy: float, colour: np.ndarray) -> None:
    """Add sprite × colour into a planar (3, H, W) image centred at pixel (cx, cy), clipped at the edges."""
    hit = _overlap(sprite, cx, cy, *light.shape[1:])
    if hit:
        rows, cols, srows, scols = hit
        light[:, rows, cols] += sprite[srows, scols][None] * np.asarray(colour, np.float32)[:, None, None]
