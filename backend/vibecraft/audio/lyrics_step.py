"""The lyrics part of a song's analysis, on its own: it never fails the rest of the analysis, and can be re-run alone.

`timed_lyrics` returns the analysis fields that belong to lyrics (`LyricsFields`); a failure becomes
`lyrics_error`, a sentence saying why the lyrics are missing, instead of an exception.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Callable

import numpy as np

from vibecraft.analysis_result import LyricsFields
from vibecraft.audio.lyrics_errors import LyricsError

log = logging.getLogger(__name__)

MERGE_GAP_SEC = 1.0  # heard spans closer than this are one stretch of singing
MIN_UNPLACED_SEC = 2.0  # shorter uncovered singing is not worth marking
NO_ENGINE = "No lyrics engine is set up on this server (no local Whisper model and no Replicate token)."
UNEXPECTED = "Timing the lyrics failed unexpectedly; the rest of the analysis is intact. Try the lyrics again."


def timed_lyrics(engine, samples: np.ndarray, sample_rate: int, text: str | None,  # noqa: ANN001
                 on_progress: Callable[[float], None] | None = None) -> LyricsFields:
    """The lyrics fields of an analysis: `lyrics`, `lyrics_available`, `lyrics_source` ("aligned": the given
    text timed; "transcribed": what was heard, may be wrong; "none"), `lyrics_error` (None or why there
    are no lyrics), `lyrics_text` (the text that was aligned, or None) and `vocal_spans` ([start, end]
    stretches where words were heard, for marking singing that no line covers)."""
    given = text.strip() if text and text.strip() else None
    fields = LyricsFields(lyrics_text=given)
    vocals: list = []
    if engine is None:
        return replace(fields, lyrics_error=NO_ENGINE)
    try:
        if given:
            lines = engine.align(samples, sample_rate, given, on_progress=on_progress, vocals=vocals)
            source = "aligned"
        else:
            lines = engine.transcribe(samples, sample_rate, on_progress=on_progress, vocals=vocals)
            source = "transcribed"
    except LyricsError as e:
        log.warning("lyrics failed: %s", e)
        return replace(fields, lyrics_error=str(e))
    except Exception:  # a lyrics bug must not cost the user their tempo, sections and genre
        log.exception("lyrics failed unexpectedly")
        return replace(fields, lyrics_error=UNEXPECTED)
    lines = list(lines or [])
    missing = None if lines else ("None of the given lines could be found in the audio." if given
                                  else "No sung words were heard.")
    return replace(fields, lyrics=lines, lyrics_available=bool(lines), lyrics_source=source if lines else "none",
                   vocal_spans=merge_spans(vocals), lyrics_error=missing)


def merge_spans(spans: list, gap: float = MERGE_GAP_SEC) -> list[list[float]]:
    """Sorted [start, end] spans, those less than `gap` apart joined."""
    merged: list[list[float]] = []
    for start, end in sorted((float(a), float(b)) for a, b in spans if b > a):
        if merged and start - merged[-1][1] < gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [[round(a, 3), round(b, 3)] for a, b in merged]


def unplaced_vocals(lines: list[dict], vocal_spans: list, min_sec: float = MIN_UNPLACED_SEC) -> list[list[float]]:
    """Stretches of heard singing that no line covers, at least `min_sec` long: where a line may be missing."""
    covered = merge_spans([(float(line["start"]), float(line["end"])) for line in lines], gap=0.0)
    out = []
    for start, end in merge_spans(vocal_spans):
        cursor = start
        for c_start, c_end in covered:
            if c_end <= cursor or c_start >= end:
                continue
            if c_start - cursor >= min_sec:
                out.append([round(cursor, 3), round(c_start, 3)])
            cursor = max(cursor, c_end)
        if end - cursor >= min_sec:
            out.append([round(cursor, 3), round(end, 3)])
    return out
