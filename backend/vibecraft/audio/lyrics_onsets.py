"""Word starts moved from where Whisper's cross-attention puts them to where the voice comes in.

The warping path of cross-attention alignment gives each word the frames from the end of the word
before it, so a word starts on the breath or the pause before it is sung: on the four annotated songs
of the bench, 90 % of word starts were early, by 0.10-0.17 s (median per song), and the longer the
span the path gave a word, the earlier its start. Two steps undo that:

1. Every start moves ONSET_DELAY_SEC later, never past its word's end less MIN_WORD_KEEP_SEC (a
   word keeps some of its span). The delay is measured, not derived: the leave-one-song-out check
   in docs/lyrics.md picks the same value on each three songs and holds on the fourth.
2. The start then snaps to the strongest rise of energy in the vocal band (300-4000 Hz, harmonic
   part: a median across time mutes drum hits) within ONSET_SNAP_SEC of it, never before where
   the alignment put it and never past the same limit as above. A word whose span is much longer
   than its syllables need (`lyrics_loose_starts`) is searched up to LOOSE_REACH_SEC after its
   aligned start and takes the first strong rise there instead.

Pure numbers: 16-kHz mono samples and word times in, word times out.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import median_filter
from scipy.signal import get_window

from vibecraft.audio.lyrics_alignment import TimedWord
from vibecraft.audio.lyrics_loose_starts import LOOSE_REACH_SEC, first_strong_rise, is_loosely_timed

SAMPLE_RATE = 16000
HOP = 160  # 10 ms
FFT_SIZE = 1024  # 64 ms: resolves a sung pitch's harmonics
VOCAL_BAND_HZ = (300.0, 4000.0)
HARMONIC_FRAMES = 9  # median over 90 ms along time: steady (sung) partials stay, drum clicks go
LOG_GAIN = 100.0  # log compression of magnitudes before differencing
ONSET_DELAY_SEC = 0.16
ONSET_SNAP_SEC = 0.07
MIN_WORD_KEEP_SEC = 0.04

_WINDOW = get_window("hann", FFT_SIZE).astype(np.float32)
_BAND = (np.fft.rfftfreq(FFT_SIZE, 1 / SAMPLE_RATE) >= VOCAL_BAND_HZ[0]) & (
    np.fft.rfftfreq(FFT_SIZE, 1 / SAMPLE_RATE) <= VOCAL_BAND_HZ[1])


def vocal_flux(audio: np.ndarray, first: int, stop: int) -> np.ndarray:
    """Positive spectral flux of the vocal band's harmonic part at frames first..stop-1 (frame k is
    centred on sample k * HOP, zeros outside the audio). Only the frames asked for (and the context
    they need) are computed, so a song costs a few megabytes, not a whole spectrogram."""
    half = HARMONIC_FRAMES // 2
    frames = np.arange(first - half - 1, stop + half)
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    at = (frames * HOP - FFT_SIZE // 2)[:, None] + np.arange(FFT_SIZE)[None, :]
    inside = (at >= 0) & (at < audio.size)
    chunk = np.where(inside, audio[np.clip(at, 0, max(audio.size - 1, 0))], 0.0) * _WINDOW
    magnitude = np.abs(np.fft.rfft(chunk, axis=1)[:, _BAND]).T / _WINDOW.sum()
    level = np.log1p(LOG_GAIN * median_filter(magnitude, size=(1, HARMONIC_FRAMES), mode="nearest"))
    rise = np.maximum(np.diff(level, axis=1), 0.0).sum(axis=0)  # frame k: level[k] - level[k - 1]
    return rise[half:half + stop - first]


def refine_word_starts(lines: list[list[TimedWord]], audio: np.ndarray, *, delay: float = ONSET_DELAY_SEC,
                       snap: float = ONSET_SNAP_SEC) -> list[list[TimedWord]]:
    """Move each word's start to its sung onset (see the module's docstring), in place; ends stay."""
    words = [w for line in lines for w in line]
    if not words:
        return lines
    frame_sec = HOP / SAMPLE_RATE
    last_frame = len(audio) // HOP + 1
    for word in words:
        latest = word.end - MIN_WORD_KEEP_SEC
        if latest <= word.start:
            continue
        loose = is_loosely_timed(word)
        guess = min(word.start + delay, latest)
        reach = word.start + LOOSE_REACH_SEC if loose else guess + snap
        low = max(0, int(round(max(word.start, guess - snap) / frame_sec)))
        high = min(last_frame, int(round(min(latest, reach) / frame_sec)) + 1)
        if high > low:
            flux = vocal_flux(audio, low, high)
            guess = (low + (first_strong_rise(flux) if loose else int(np.argmax(flux)))) * frame_sec
        word.start = float(min(max(guess, word.start), latest))
    return lines
