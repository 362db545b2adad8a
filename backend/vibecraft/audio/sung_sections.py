"""Section labels checked against the timed lyrics: a part where words are sung is not an instrumental.

`structure.suggest_sections` names parts by how they recur and how loud they are; it cannot hear a voice.
Kept apart from it (no librosa) so the API can rename the suggestions when new lyrics are stored.
"""

from __future__ import annotations

from vibecraft.analysis_result import LyricsFields

SUNG_SHARE = 0.1  # words over this share of a part: it is sung (docs/analysis.md: sung parts 0.24-0.87, others <= 0.04)


def name_sung_sections(sections: list[dict], lyrics: LyricsFields) -> list[dict]:
    """The suggested labels checked against the timed lyrics.

    Loudness and repetition alone name a quieter part that does not recur "Instrumental" even where a verse is
    sung over it, and call a repeated riff nobody sings over a "Chorus". A part with words over at least
    SUNG_SHARE of it is sung: an "Instrumental" becomes a "Bridge". A part with less is not, but only the
    musician's own words (aligned) say so: a transcription misses whole sung parts (loops of "oh oh" are
    dropped), so with it nothing is renamed unsung. Unsung, the first part is the "Intro", the last the
    "Outro", any other an "Instrumental".
    """
    words = [(float(w["start"]), float(w["end"])) for line in lyrics.lyrics for w in line.get("words", [])]
    if not words:
        return sections
    named = []
    for index, section in enumerate(sections):
        a, b = float(section["start_time"]), float(section["end_time"])
        sung = sum(max(0.0, min(b, end) - max(a, start)) for start, end in words) >= SUNG_SHARE * (b - a)
        label = section["label"]
        if sung and label == "Instrumental":
            label = "Bridge"
        elif not sung and lyrics.lyrics_source == "aligned" and label not in ("Intro", "Outro"):
            label = "Intro" if index == 0 else "Outro" if index == len(sections) - 1 else "Instrumental"
        named.append({**section, "label": label})
    return named
