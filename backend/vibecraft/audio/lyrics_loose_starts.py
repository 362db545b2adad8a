"""Words whose aligned span is much longer than their syllables need: their start is a loose guess.

Cross-attention alignment gives a word every frame from the end of the word before it, so a word
after a pause (often a line's first word, clamped to 1 s) or after a held note gets a long span and
a start on the silence before it. On the bench's four songs such words (span >= 0.8 s) started a
median 0.6 s early and only a third of them within 0.3 s, while words of ordinary length were
right. For those words only, the onset step searches the vocal band's rises over a wider range and
takes the first strong one (the word's first syllable), not the strongest (often a later syllable).
The two constants are measured; docs/lyrics.md gives their leave-one-song-out check.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from vibecraft.audio.lyrics_alignment import TimedWord

LOOSE_SEC_PER_SYLLABLE = 0.5  # a span longer than this per syllable holds a pause, not just the word
LOOSE_REACH_SEC = 1.5  # how far after the aligned start the onset of a loose word is searched
STRONG_RISE_FRACTION = 0.7  # the first rise at least this fraction of the largest in the range

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllable_count(word: str) -> int:
    """Groups of vowels in the word (accents dropped), at least 1: a rough count of sung syllables."""
    letters = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if "a" <= ch <= "z")
    return max(1, len(_VOWEL_GROUPS.findall(letters)))


def is_loosely_timed(word: TimedWord) -> bool:
    """Whether the aligned span is longer than LOOSE_SEC_PER_SYLLABLE for each of the word's syllables."""
    return word.end - word.start >= LOOSE_SEC_PER_SYLLABLE * syllable_count(word.word)


def first_strong_rise(flux: np.ndarray) -> int:
    """Index of the first value at least STRONG_RISE_FRACTION of the largest (0 for an all-zero array)."""
    flux = np.asarray(flux, dtype=float)
    if flux.size == 0:
        raise ValueError("no frames to search")
    return int(np.flatnonzero(flux >= STRONG_RISE_FRACTION * flux.max())[0])
