"""Where voice is heard inside a gap between two timed lines: the lines the search could not find go there.

Lines that read badly everywhere (vocables such as "hey hey heya") used to be packed right after the
timed line before them; in an intro that left them seconds early or, once forced alignment let the
line before stretch over the music, seconds late. The gap is cut into 1-s blocks and each block gets
the mean harmonic vocal-band flux of `lyrics_onsets.vocal_flux` (sung partials rising and falling);
the blocks split in two classes at the threshold that best separates their logarithms (Otsu). When
the loud class is clearly louder (VOICED_RATIO) the untimed words go from its first block to its
last; otherwise nothing is said and the caller keeps its own rule.
"""

from __future__ import annotations

import numpy as np

from vibecraft.audio.lyrics_onsets import HOP, SAMPLE_RATE, vocal_flux

BLOCK_SEC = 1.0
VOICED_RATIO = 2.5  # the voiced blocks' median flux must be this many times the quiet blocks'
MIN_BLOCKS = 4  # a shorter gap says nothing about where the voice is
_CHUNK_FRAMES = 3000  # frames computed at once (30 s: a few tens of MB)


def block_activity(audio: np.ndarray, start: float, end: float) -> np.ndarray:
    """Mean vocal-band flux of each whole BLOCK_SEC block of [start, end]."""
    frames_per_block = int(round(BLOCK_SEC * SAMPLE_RATE / HOP))
    first = int(round(start * SAMPLE_RATE / HOP))
    count = int((end - start) // BLOCK_SEC)
    if count <= 0:
        return np.zeros(0)
    stop = first + count * frames_per_block
    flux = np.concatenate([vocal_flux(audio, a, min(stop, a + _CHUNK_FRAMES))
                           for a in range(first, stop, _CHUNK_FRAMES)])
    return flux.reshape(count, frames_per_block).mean(axis=1)


def voiced_span(audio: np.ndarray, start: float, end: float) -> tuple[float, float] | None:
    """(first, last) second of [start, end] where voice is heard, or None when the gap gives no clear answer."""
    activity = block_activity(audio, start, end)
    if activity.size < MIN_BLOCKS:
        return None
    level = np.log(activity + 1e-3)
    order = np.sort(level)
    best, cut = -1.0, None
    for k in range(1, order.size):  # Otsu: the split with the largest between-class variance
        low, high = order[:k], order[k:]
        score = k * (order.size - k) * (high.mean() - low.mean()) ** 2
        if score > best:
            best, cut = score, (order[k - 1] + order[k]) / 2
    voiced = level > cut
    if not voiced.any() or voiced.all():
        return None
    if np.median(activity[voiced]) < VOICED_RATIO * np.median(activity[~voiced]):
        return None
    at = np.flatnonzero(voiced)
    return start + at[0] * BLOCK_SEC, min(end, start + (at[-1] + 1) * BLOCK_SEC)
