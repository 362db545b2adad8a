"""The look of a custom video read from its prompt: colour words become the palette, keywords pick the motif."""

from __future__ import annotations

import colorsys
import re

import numpy as np

from vibecraft.render.palette import Palette, hsv

COLOUR_WORDS: dict[str, tuple[int, int, int]] = {
    "red": (225, 30, 45), "crimson": (190, 20, 60), "scarlet": (255, 40, 10), "ruby": (224, 17, 95),
    "orange": (255, 125, 20), "amber": (255, 176, 0), "gold": (255, 196, 60), "golden": (255, 196, 60),
    "yellow": (255, 228, 60), "lime": (160, 255, 60), "green": (40, 200, 90), "emerald": (20, 185, 120),
    "jade": (0, 168, 107), "mint": (150, 255, 200), "teal": (0, 160, 160), "turquoise": (40, 224, 208),
    "cyan": (0, 230, 255), "aqua": (0, 255, 220), "blue": (40, 90, 255), "azure": (0, 127, 255),
    "cobalt": (0, 71, 171), "sapphire": (15, 82, 186), "navy": (20, 30, 100), "indigo": (75, 0, 160),
    "violet": (140, 70, 255), "purple": (150, 50, 200), "lavender": (180, 150, 255), "magenta": (255, 0, 200),
    "pink": (255, 100, 180), "rose": (255, 90, 130), "coral": (255, 110, 90), "peach": (255, 180, 140),
    "white": (245, 245, 255), "silver": (200, 205, 215), "grey": (128, 128, 135), "gray": (128, 128, 135),
    "black": (10, 10, 14), "brown": (120, 72, 40), "bronze": (205, 127, 50), "copper": (184, 115, 51),
    "sepia": (112, 66, 20),
}
# Scenes that imply colours when none are named.
SCENE_COLOURS: dict[str, tuple[str, ...]] = {
    "sunset": ("orange", "magenta", "indigo"), "sunrise": ("peach", "gold", "azure"),
    "ocean": ("azure", "teal", "white"), "sea": ("azure", "teal", "white"), "underwater": ("teal", "cyan", "navy"),
    "forest": ("emerald", "lime", "gold"), "jungle": ("emerald", "lime", "orange"),
    "fire": ("scarlet", "orange", "yellow"), "flame": ("scarlet", "orange", "yellow"), "lava": ("red", "orange", "yellow"),
    "ice": ("cyan", "white", "azure"), "snow": ("white", "azure", "lavender"), "winter": ("azure", "white", "lavender"),
    "neon": ("magenta", "cyan", "violet"), "cyberpunk": ("magenta", "cyan", "yellow"),
    "synthwave": ("magenta", "violet", "orange"),
    "desert": ("amber", "coral", "azure"), "galaxy": ("violet", "magenta", "azure"), "space": ("indigo", "violet", "cyan"),
    "cosmic": ("violet", "magenta", "cyan"), "night": ("navy", "violet", "azure"), "autumn": ("orange", "crimson", "gold"),
    "spring": ("mint", "pink", "yellow"), "candy": ("pink", "aqua", "yellow"), "noir": ("silver", "grey", "white"),
}
# Keywords that choose the custom motif; the first motif with a matching word wins, in prompt order.
MOTIF_WORDS: dict[str, tuple[str, ...]] = {
    "neon_grid": ("city", "neon", "retro", "synthwave", "cyberpunk", "cyber", "80s", "arcade", "highway", "drive",
                  "driving", "street", "urban", "grid", "vaporwave", "outrun", "car"),
    "tunnel": ("tunnel", "warp", "portal", "vortex", "spiral", "hypnotic", "speed", "hyperspace", "wormhole", "descent",
               "falling", "psychedelic", "trance"),
    "nebula": ("space", "galaxy", "cosmic", "star", "stars", "starry", "nebula", "universe", "planet", "moon", "astral",
               "sky", "heaven", "celestial", "orbit", "dream", "dreams"),
    "liquid": ("ocean", "sea", "water", "wave", "waves", "liquid", "rain", "river", "lake", "underwater", "fluid",
               "flow", "ink", "smoke", "silk", "lava", "oil"),
}
MOTIFS = tuple(MOTIF_WORDS)


def prompt_words(prompt: str) -> list[str]:
    """The prompt's lower-case words, leaving out quoted lyrics so the look does not change from clip to clip."""
    unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", prompt or "")
    return re.findall(r"[a-z0-9]+", unquoted.lower())


def prompt_palette(prompt: str, fallback: Palette) -> Palette:
    """The fallback (mood) palette recoloured by the colours the prompt names, directly or through a scene."""
    words = prompt_words(prompt)
    names = [w for w in words if w in COLOUR_WORDS]
    if not names:
        names = [c for w in words if w in SCENE_COLOURS for c in SCENE_COLOURS[w]]
    colours = [np.array(COLOUR_WORDS[n], np.float32) / 255 for n in dict.fromkeys(names)]
    if not colours:
        return fallback
    primary = colours[0]
    secondary = colours[1] if len(colours) > 1 else _shift_hue(primary, -35)
    accent = colours[2] if len(colours) > 2 else (fallback.accent if len(colours) > 1 else _shift_hue(primary, 150))
    if "pastel" in words:
        primary, secondary, accent = (c * 0.6 + 0.4 for c in (primary, secondary, accent))
    darkest = min(colours, key=lambda c: float(c.sum()))
    background = darkest * 0.12 + fallback.background * 0.5
    return Palette(
        background=background.astype(np.float32),
        primary=primary.astype(np.float32),
        secondary=secondary.astype(np.float32),
        accent=accent.astype(np.float32),
        highlight=(primary * 0.2 + 0.8).astype(np.float32),
        light=fallback.light,
        tension=fallback.tension,
    )


def prompt_motif(prompt: str, look_seed: int) -> str:
    """The custom motif the prompt's keywords ask for; otherwise one chosen by the video's look seed."""
    for word in prompt_words(prompt):
        for motif, keywords in MOTIF_WORDS.items():
            if word in keywords:
                return motif
    return MOTIFS[look_seed % len(MOTIFS)]


def _shift_hue(rgb: np.ndarray, degrees: float) -> np.ndarray:
    h, s, v = colorsys.rgb_to_hsv(*(float(c) for c in rgb))
    return hsv(h * 360 + degrees, s, v)
