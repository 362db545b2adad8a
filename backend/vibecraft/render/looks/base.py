"""What every look shares: a canvas, a palette, the clip's timeline, and the step from light to 8-bit pixels.

Light is kept planar, (3, H, W) float32, because per-channel sums of scalar fields are then contiguous and cheap.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from vibecraft.render.canvas import Canvas
from vibecraft.render.palette import Palette
from vibecraft.render.timeline import Timeline


class Look(ABC):
    """One video type's visuals. Subclasses draw light per frame in `light`; `frame` tone-maps it to pixels."""

    pixel_budget = 480 * 270  # internal pixels; ffmpeg upscales to the output shape

    def __init__(self, canvas: Canvas, palette: Palette, timeline: Timeline, look_rng: np.random.Generator,
                 clip_rng: np.random.Generator):
        """look_rng makes choices shared by every clip of the video; clip_rng makes this clip's own layout."""
        self.canvas = canvas
        self.palette = palette
        self.timeline = timeline
        self.look_rng = look_rng
        self.clip_rng = clip_rng

    @abstractmethod
    def light(self, f: int) -> np.ndarray:
        """The planar (3, H, W) float32 light of frame f; roughly 0–1, brighter values roll off softly."""

    def overlay(self, image: np.ndarray, f: int) -> None:
        """Draw on the finished planar (3, H, W) uint8 image in place (text, crisp elements); nothing by default."""

    def frame(self, f: int) -> np.ndarray:
        """Frame f as planar (3, H, W) uint8 RGB."""
        image = to_pixels(self.light(f))
        self.overlay(image, f)
        return image


def tone_curve(light: np.ndarray) -> np.ndarray:
    """Linear up to 0.6, then a soft shoulder towards 1 so glows saturate instead of clipping flat."""
    knee, room = 0.6, 0.4
    over = np.maximum(light - knee, 0)
    return np.minimum(light, knee) + room * over / (over + room)


TONE_STEPS_PER_UNIT = 511.5  # the lookup table covers light 0–2 in 1024 steps (half an 8-bit level each)
_TONE_TABLE = (np.clip(tone_curve(np.arange(1024) / TONE_STEPS_PER_UNIT), 0, 1) * 255 + 0.5).astype(np.uint8)


def to_pixels(light: np.ndarray) -> np.ndarray:
    """Tone-map planar float light to planar uint8 through a lookup table (consumes `light`)."""
    light *= np.float32(TONE_STEPS_PER_UNIT)
    np.clip(light, 0, 1023, out=light)
    return _TONE_TABLE[light.astype(np.uint16)]


def add_tinted(light: np.ndarray, field: np.ndarray, colour: np.ndarray, scratch: np.ndarray) -> None:
    """light[c] += field × colour[c] for the three channels of a planar (3, H, W) image."""
    for ch in range(3):
        np.multiply(field, np.float32(colour[ch]), out=scratch)
        light[ch] += scratch


def planar(colour_image: np.ndarray) -> np.ndarray:
    """(H, W, 3) → contiguous (3, H, W) float32."""
    return np.ascontiguousarray(np.moveaxis(colour_image, -1, 0), dtype=np.float32)

