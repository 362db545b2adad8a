"""Prompts a video model reads: the song's overall look, and one prompt per clip built on it."""

from __future__ import annotations

import math
import re

from vibecraft.planning.energy import energy_at
from vibecraft.planning.text import as_sentence, clean_text, drop_repeated_phrases, shorten

__all__ = ["MAX_CLIP_PROMPT_CHARS", "build_clip_prompt", "build_overall_prompt", "energy_at", "motion_cue"]

MAX_CLIP_PROMPT_CHARS = 600
# What gives way first when a clip prompt is too long, and how short each part may get before the next one gives.
_SHRINK_ORDER = (("lyrics", 40), ("overall", 160), ("note", 40), ("lyrics", 0), ("overall", 0), ("note", 0))

_TYPE_NOUNS = {
    "abstract_visualizer": "abstract music visualizer",
    "mood_environment": "atmospheric environment film",
    "lyric_video": "kinetic lyric video",
    "custom": "music video",
}
_TYPE_LOOKS = {
    "abstract_visualizer": "flowing geometric shapes and ribbons of light that pulse with the beat",
    "mood_environment": "an evolving landscape whose light, weather and colour follow the music",
    "lyric_video": "bold animated typography that moves in time with the music over a textured background",
    "custom": "cinematic imagery cut to the rhythm",
}
_MOOD_WORDS = {
    "happy": "joyful", "sad": "melancholic", "mellow": "mellow", "chill": "laid-back", "party": "festive",
    "sensual": "sensual", "beautiful": "beautiful", "catchy": "playful", "aggressive": "aggressive",
    "dreamy": "dreamy", "calm": "calm", "energetic": "energetic",
}
_MOOD_PALETTES = {
    "happy": "bright warm colours and sunlight",
    "sad": "muted blue tones and soft rain",
    "mellow": "soft amber light and gentle haze",
    "chill": "cool pastel tones and slow haze",
    "party": "saturated neon colours and flashing lights",
    "sensual": "deep reds and velvet shadows",
    "beautiful": "luminous golden light",
    "catchy": "playful primary colours",
    "aggressive": "harsh contrast in red and black with flying sparks",
    "dreamy": "a soft-focus glow and drifting particles",
    "calm": "soft natural light and open space",
    "energetic": "vivid colours and bursts of light",
}
_GENRE_NAMES = {"r&b": "R&B", "hip-hop": "hip-hop", "easy listening": "easy-listening"}
_MOTION_CUES = (
    (0.25, "Slow drifting camera, gentle motion and long dissolves."),
    (0.5, "Smooth gliding camera with steady, unhurried movement."),
    (0.75, "Dynamic tracking camera with rhythmic movement in sync with the drums."),
    (math.inf, "Fast cuts of motion, pulsing light and energetic camera moves on every beat."),
)


def build_overall_prompt(*, genre: str, mood_primary: str, mood_tags: list[str], video_type: str, bpm: float) -> str:
    """One or two sentences on the whole video's look, from the song's genre, mood and tempo and the video type.

    e.g. "A dreamy, melancholic abstract music visualizer for a folk song at a relaxed 84 BPM: flowing geometric
    shapes and ribbons of light that pulse with the beat, in a soft-focus glow and drifting particles with muted
    blue tones and soft rain."
    """
    moods = _mood_keys(mood_primary, mood_tags)
    adjectives = [_MOOD_WORDS.get(m, m) for m in moods[:2]]
    noun = _TYPE_NOUNS.get(video_type, _TYPE_NOUNS["custom"])
    described = f"{', '.join(adjectives)} {noun}".strip()
    genre_name = _genre_name(genre)
    subject = f"for {_article(genre_name)} {genre_name} song" if genre_name else "for a song"
    tempo = f" at {_article(_tempo_word(bpm))} {_tempo_word(bpm)} {bpm:.0f} BPM" if math.isfinite(bpm) and bpm > 0 else ""
    look = _TYPE_LOOKS.get(video_type, _TYPE_LOOKS["custom"])
    palettes = [_MOOD_PALETTES[m] for m in moods if m in _MOOD_PALETTES][:2]
    palette = f", in {' with '.join(palettes)}" if palettes else ""
    return f"{_article(described).capitalize()} {described} {subject}{tempo}: {look}{palette}."


def build_clip_prompt(
    *,
    overall_prompt: str,
    section_label: str,
    prompt_note: str,
    lyrics_text: str,
    energy: float,
    clip_index: int,
    clip_count: int,
    max_chars: int = MAX_CLIP_PROMPT_CHARS,
) -> str:
    """The prompt of one clip: its section (always named), the overall look, the section's note, the lyrics
    sung under it (quoted) and a camera cue from the music's energy (0–1).

    Free text is cleaned (no colour codes, brackets or JSON), a phrase of three or more words is said once,
    and the result is at most max_chars long: lyrics shorten first (with an ellipsis), then the overall prompt,
    then the note.
    """
    label = " ".join(clean_text(section_label).split()) or "Section"
    if clip_count > 1:
        head = f"{label}, shot {clip_index + 1} of {clip_count}."
    else:
        head = label if label[-1] in ".!?" else f"{label}."
    parts = {
        "overall": clean_text(overall_prompt),
        "note": clean_text(prompt_note),
        "lyrics": clean_text(lyrics_text),
    }
    motion = motion_cue(energy)

    def render() -> str:
        pieces = [head, as_sentence(parts["overall"]), as_sentence(parts["note"])]
        if parts["lyrics"]:
            pieces.append(f'Inspired by the lyrics "{parts["lyrics"]}".')
        pieces.append(motion)
        return " ".join(p for p in pieces if p)

    for name, floor in _SHRINK_ORDER:
        excess = len(render()) - max_chars
        if excess <= 0:
            break
        parts[name] = shorten(parts[name], max(floor, len(parts[name]) - excess))
    prompt = drop_repeated_phrases(render())
    return prompt if len(prompt) <= max_chars else shorten(prompt, max_chars)


def motion_cue(energy: float) -> str:
    """A camera and motion sentence for music of this energy (0 calm – 1 intense)."""
    level = energy if isinstance(energy, (int, float)) and math.isfinite(energy) else 0.5
    return next(cue for limit, cue in _MOTION_CUES if level < limit)


def _mood_keys(mood_primary: str, mood_tags: list[str]) -> list[str]:
    keys: list[str] = []
    for mood in [mood_primary, *(mood_tags or [])]:
        key = " ".join(re.findall(r"[a-z][a-z-]*", clean_text(mood).lower()))
        if key and key not in keys:
            keys.append(key)
    return keys


def _genre_name(genre: str) -> str:
    key = " ".join(re.findall(r"[a-z0-9&-]+", clean_text(genre).lower()))
    return _GENRE_NAMES.get(key, key)


def _tempo_word(bpm: float) -> str:
    if bpm < 76:
        return "slow"
    if bpm < 100:
        return "relaxed"
    if bpm < 120:
        return "steady"
    if bpm < 140:
        return "driving"
    return "fast"


def _article(phrase: str) -> str:
    # "R&B" is read "ar-and-bee"; every other name here is read as written.
    return "an" if phrase[:1].lower() in "aeiou" or phrase.startswith("R&B") else "a"


def with_note(prompt: str, note: str, max_chars: int = MAX_CLIP_PROMPT_CHARS) -> str:
    """A clip prompt that leads with a regeneration note, so a model reads it first; the rest shortens to fit."""
    sentence = as_sentence(clean_text(note))
    if not sentence:
        return prompt
    rest = shorten(prompt, max(0, max_chars - len(sentence) - 1))
    return f"{sentence} {rest}".strip()
