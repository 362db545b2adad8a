"""The genres and moods a musician can pick when correcting the analysis (no model code, so the API can import it).

Every genre and mood the tagger reports is in these lists (a test checks), plus common ones it cannot tell apart.
"""

from __future__ import annotations

GENRE_CHOICES: tuple[str, ...] = (
    "afrobeats", "ambient", "bachata", "blues", "classical", "country", "cumbia", "dance", "dancehall",
    "drum & bass", "easy listening", "electronic", "experimental", "folk", "funk", "gospel", "hip-hop", "house",
    "indie", "j-pop", "jazz", "k-pop", "latin", "lo-fi", "metal", "pop", "punk", "r&b", "reggae", "reggaeton",
    "rock", "salsa", "singer-songwriter", "soul", "soundtrack", "techno", "trap", "world",
)
MOOD_CHOICES: tuple[str, ...] = (
    "aggressive", "beautiful", "calm", "catchy", "chill", "dark", "dreamy", "energetic", "epic", "happy", "mellow",
    "nostalgic", "party", "romantic", "sad", "sensual", "tense", "uplifting",
)
