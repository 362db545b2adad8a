"""How a clip should look, decided from words and the song's shape: which scene, which layers over it, which
palette, which camera, and whether it builds or hits as a drop.

The overall prompt sets the world for every video type; a section's label picks its place in that world (every
chorus the same place), its note and a regeneration's note override it, and its energy sets how hard it hits.
"""

from __future__ import annotations

import colorsys
import zlib
from dataclasses import dataclass

import numpy as np

from vibecraft.planning.prompt_words import COLOURS, PromptReading, read_prompt
from vibecraft.render.context import ClipContext
from vibecraft.render.palette import Palette, hsv, mood_palette

# The looks drawn whole (they paint their own background); every other scene is a stack of layers.
FULL_SCENES = ("rings", "landscape", "neon_grid", "tunnel", "liquid", "stars", "bokeh")
LAYER_SCENES = ("city", "rain", "ocean", "fire", "smoke", "clouds", "forest", "club", "particles", "stars")
TYPE_SCENES = {
    "abstract_visualizer": ("rings",),
    "mood_environment": ("landscape",),
    "lyric_video": ("bokeh",),
}
CUSTOM_MOTIFS = ("neon_grid", "tunnel", "stars", "liquid")
# Where a regeneration without a scene word goes next, after the scenes the words named.
FALLBACK_SCENES = ("stars", "liquid", "city", "smoke", "tunnel", "clouds", "neon_grid", "fire", "ocean", "forest",
                   "club", "rain")
# A section with no second scene named gets one of these over its scene, chosen by its label, so sections differ.
ACCENT_LAYERS = ("particles", "smoke", None, "stars", "rain")
RISE = 0.1  # loudness step between sections that counts as a build (before) and a drop (on its downbeat)


@dataclass(frozen=True)
class Direction:
    scene: str
    layers: tuple[str, ...]
    palette: Palette
    camera: str
    intensity: float  # 0–1, how hard the section hits
    drop: bool  # the clip opens a section clearly louder than the one before: a flash on its first downbeat
    build: float  # 0–1 at the clip's end: the section is rising into a louder one
    layers_named: bool  # the layers come from the words (not an accent chosen only to tell sections apart)
    look_key: int  # seeds the choices this look keeps for every clip of the same label
    reading: PromptReading  # the overall prompt, as understood
    note_reading: PromptReading  # the section and regeneration notes, as understood


def direct_clip(ctx: ClipContext, fallback_prompt: str = "") -> Direction:
    """The look of one clip from its context (see module docstring)."""
    overall = read_prompt(ctx.look_prompt or fallback_prompt)
    note = read_prompt(f"{ctx.clip_note} {ctx.section_note}")
    slot, variation = ctx.section_slot, ctx.variation

    named = list(overall.scenes) or list(_default_scenes(ctx.video_type, ctx.look_seed))
    if note.scenes:
        scene = note.scenes[0]
    elif variation and len(named) <= 1:
        pool = [s for s in FALLBACK_SCENES if s not in named]
        scene = pool[(variation - 1 + slot) % len(pool)]
    else:
        scene = named[(slot + variation) % len(named)]

    extra = [s for s in (*note.scenes[1:], *named) if s != scene and s in LAYER_SCENES]
    layers_named = bool(extra)
    if extra:
        layers = (extra[slot % len(extra)],)
    else:
        accent = ACCENT_LAYERS[(slot + variation) % len(ACCENT_LAYERS)]
        layers = (accent,) if accent and accent != scene else ()

    energy = float(np.clip(ctx.section_energy, 0, 1))
    camera = note.camera or overall.camera or ("drift" if energy < 0.35 else "orbit" if energy < 0.6 else "push_in")
    rising = ctx.next_energy is not None and ctx.next_energy - energy > RISE
    build = float(np.clip(ctx.section_progress[1], 0, 1)) if rising else 0.0
    drop = ctx.starts_section and ctx.previous_energy is not None and energy - ctx.previous_energy > RISE

    base = mood_palette(ctx.mood_vector, ctx.mood_primary, ctx.genre, ctx.look_seed)
    colours = note.colours or overall.colours
    palette = colour_palette(colours, base, slot) if colours else _shift_palette(base, _slot_hue(slot))
    light = note.light or overall.light
    if light:
        palette = _relight(palette, light)
    key = zlib.crc32(f"{slot}:{scene}:{variation}:{ctx.clip_note}:{ctx.section_note}".encode())
    return Direction(scene=scene, layers=layers, palette=palette, camera=camera, intensity=energy, drop=drop,
                     build=build, layers_named=layers_named, look_key=key, reading=overall, note_reading=note)


def _default_scenes(video_type: str, look_seed: int) -> tuple[str, ...]:
    if video_type in TYPE_SCENES:
        return TYPE_SCENES[video_type]
    start = look_seed % len(CUSTOM_MOTIFS)
    return CUSTOM_MOTIFS[start:] + CUSTOM_MOTIFS[:start]


def colour_palette(names: tuple[str, ...] | list[str], fallback: Palette, slot: int = 0) -> Palette:
    """A palette of the named colours; the slot rotates which colour leads, so sections share the colours but
    each wears them differently."""
    colours = [np.array(COLOURS[n], np.float32) / 255 for n in names]
    if len(colours) > 1:
        k = slot % len(colours)
        colours = colours[k:] + colours[:k]
    primary = colours[0]
    secondary = colours[1] if len(colours) > 1 else _hue_turn(primary, -30)
    accent = colours[2] if len(colours) > 2 else (_hue_turn(secondary, 25) if len(colours) > 1 else _hue_turn(primary, 40))
    darkest = min(colours, key=lambda c: float(c.sum()))
    background = darkest * 0.1 + (secondary * 0.12 if len(colours) > 1 else primary * 0.1)
    return Palette(background=background.astype(np.float32), primary=primary, secondary=secondary.astype(np.float32),
                   accent=accent.astype(np.float32), highlight=(primary * 0.25 + 0.75).astype(np.float32),
                   light=fallback.light, tension=fallback.tension)


def _slot_hue(slot: int) -> float:
    # 0, +40, -40, +80, -80 …: sections move around the mood's hues without leaving them.
    step = (slot + 1) // 2
    return 40.0 * step * (1 if slot % 2 else -1)


def _hue_turn(rgb: np.ndarray, degrees: float) -> np.ndarray:
    h, s, v = colorsys.rgb_to_hsv(*(float(c) for c in rgb))
    return hsv(h * 360 + degrees, max(s, 0.35), max(v, 0.5))


def _shift_palette(p: Palette, degrees: float) -> Palette:
    if not degrees:
        return p

    def turn(rgb: np.ndarray) -> np.ndarray:
        h, s, v = colorsys.rgb_to_hsv(*(float(c) for c in rgb))
        return hsv(h * 360 + degrees, s, v)

    return Palette(background=turn(p.background), primary=turn(p.primary), secondary=turn(p.secondary),
                   accent=turn(p.accent), highlight=turn(p.highlight), light=p.light, tension=p.tension)


def _relight(p: Palette, light: str) -> Palette:
    if light == "night":
        return Palette(background=(p.background * 0.55).astype(np.float32), primary=p.primary, secondary=p.secondary,
                       accent=p.accent, highlight=p.highlight, light=min(p.light, 0.15), tension=p.tension)
    return Palette(background=np.clip(p.background * 1.8 + 0.05, 0, 1).astype(np.float32), primary=p.primary,
                   secondary=p.secondary, accent=p.accent, highlight=p.highlight, light=max(p.light, 0.85),
                   tension=p.tension)
