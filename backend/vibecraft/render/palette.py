"""A video's colours, derived from the song's mood and genre."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

import numpy as np

# Hues (degrees) of primary, secondary and accent colour for each mood the analysis names.
MOOD_HUES: dict[str, tuple[float, float, float]] = {
    "happy": (42, 12, 195),
    "sad": (218, 245, 190),
    "mellow": (30, 12, 285),
    "chill": (188, 160, 300),
    "party": (305, 190, 52),
    "sensual": (345, 320, 25),
    "beautiful": (45, 20, 210),
    "catchy": (2, 52, 210),
    "aggressive": (0, 18, 42),
    "dreamy": (268, 300, 185),
    "calm": (165, 200, 40),
    "energetic": (15, 190, 320),
    "dark": (262, 228, 330),
}
NEON_GENRES = {"electronic", "dance", "hip-hop", "funk"}
HEAVY_GENRES = {"metal", "punk", "rock"}
SOFT_GENRES = {"ambient", "folk", "jazz", "country", "blues", "easy listening"}


@dataclass(frozen=True)
class Palette:
    """RGB colours in 0–1, plus two readings of the mood the looks shape their scenes by:
    `light` (0 = night … 1 = full day) and `tension` (0 = soft … 1 = sharp, jagged, fiery)."""

    background: np.ndarray
    primary: np.ndarray
    secondary: np.ndarray
    accent: np.ndarray
    highlight: np.ndarray
    light: float = 0.5
    tension: float = 0.3


def hsv(hue_deg: float, saturation: float, value: float) -> np.ndarray:
    """An RGB colour from hue in degrees, saturation and value in 0–1."""
    rgb = colorsys.hsv_to_rgb((hue_deg % 360) / 360, float(np.clip(saturation, 0, 1)), float(np.clip(value, 0, 1)))
    return np.array(rgb, np.float32)


def mood_palette(mood_vector: dict[str, float], mood_primary: str = "", genre: str = "", look_seed: int = 0) -> Palette:
    """The palette of a video from its mood axes (energy, valence, danceability, tension, each 0–1), primary mood
    and genre; look_seed nudges the hues so two videos of the same mood are not identical twins."""
    energy = float(mood_vector.get("energy", 0.5))
    valence = float(mood_vector.get("valence", 0.5))
    dance = float(mood_vector.get("danceability", 0.5))
    tension = float(mood_vector.get("tension", 0.3))
    if mood_primary in MOOD_HUES:
        h1, h2, h3 = MOOD_HUES[mood_primary]
    else:
        h1 = 230 - 200 * valence  # low valence reads blue, high valence warm
        h2, h3 = h1 - 35, h1 + 150
    jitter = (np.random.default_rng(look_seed % 2**32).random() - 0.5) * 24
    h1, h2, h3 = h1 + jitter, h2 + jitter, h3 + jitter * 0.5
    if tension > 0.6:  # tense music leans toward red
        h1 = _toward(h1, 355, (tension - 0.6) * 0.8)

    saturation = 0.55 + 0.35 * energy + 0.1 * dance
    value = 0.78 + 0.22 * energy
    background_value = 0.07 + 0.06 * valence
    if genre in NEON_GENRES:
        saturation, h3 = min(1.0, saturation + 0.2), h1 + 180
    elif genre in HEAVY_GENRES:
        background_value *= 0.6
    elif genre in SOFT_GENRES:
        saturation *= 0.78
    return Palette(
        background=hsv(h2, 0.75, background_value),
        primary=hsv(h1, saturation, value),
        secondary=hsv(h2, saturation * 0.9, value * 0.85),
        accent=hsv(h3, min(1.0, saturation + 0.1), 0.95),
        highlight=hsv(h1, 0.12, 1.0),
        light=float(np.clip(0.25 + 0.6 * valence + 0.2 * energy - 0.25 * tension, 0, 1)),
        tension=float(np.clip(tension + (0.25 if genre in HEAVY_GENRES else 0), 0, 1)),
    )


def _toward(hue: float, target: float, amount: float) -> float:
    delta = (target - hue + 180) % 360 - 180
    return hue + delta * float(np.clip(amount, 0, 1))
