"""Which kind of video suits a song, from its genre, mood, tempo and whether it has timed lyrics."""

from __future__ import annotations

from vibecraft.video_types import VIDEO_TYPES

PULSE_GENRES = {"electronic", "dance", "hip-hop", "metal", "punk", "funk", "latin", "reggaeton", "k-pop", "afrobeats",
                "dancehall", "salsa", "cumbia", "house", "techno", "drum & bass", "trap"}
ATMOSPHERE_GENRES = {"ambient", "folk", "jazz", "country", "blues", "easy listening", "experimental", "classical",
                     "soundtrack", "lo-fi", "singer-songwriter", "world"}


def suggest_video_type(genre: str, mood_primary: str, mood_vector: dict[str, float], bpm: float,
                       lyrics_available: bool = False) -> tuple[str, str]:
    """(video_type_id, one-line reason) for the song; the id is a key of VIDEO_TYPES."""
    energy = float(mood_vector.get("energy", 0.5))
    dance = float(mood_vector.get("danceability", 0.5))
    if lyrics_available and energy < 0.75:
        choice, reason = "lyric_video", "Timed lyrics were found, so kinetic type can carry the words on the beat."
    elif genre in PULSE_GENRES or dance >= 0.6 or (bpm >= 120 and energy >= 0.6):
        choice, reason = ("abstract_visualizer",
                          f"A driving {genre} track at {bpm:.0f} BPM suits visuals that pulse with every beat.")
    elif genre in ATMOSPHERE_GENRES or energy < 0.45:
        choice, reason = ("mood_environment",
                          f"A {mood_primary} {genre} track fits slowly evolving scenery that matches its mood.")
    elif lyrics_available:
        choice, reason = "lyric_video", "Timed lyrics were found, so kinetic type can carry the words on the beat."
    else:
        choice, reason = ("mood_environment",
                          f"The {mood_primary} feel of this {genre} track is best told through an evolving scene.")
    assert choice in VIDEO_TYPES
    return choice, reason
