"""The lyrics step of an analysis: a failure leaves the rest intact and says why; singing no line covers is found."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conftest import make_audio
from vibecraft.audio.lyrics import UnavailableLyrics
from vibecraft.audio.lyrics_step import NO_ENGINE, UNEXPECTED, merge_spans, timed_lyrics, unplaced_vocals

SR = 16000
SAMPLES = np.zeros(SR * 3, np.float32)


class BrokenEngine:
    """An engine whose every call fails the way a bug would (not a LyricsError)."""

    def transcribe(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise KeyError("segments")

    align = transcribe


def test_an_engine_failure_becomes_a_reason_not_an_exception():
    fields = timed_lyrics(UnavailableLyrics("Replicate is unreachable (503); try again later."), SAMPLES, SR,
                          "la la la").to_stored()
    assert fields["lyrics"] == [] and fields["lyrics_available"] is False and fields["lyrics_source"] == "none"
    assert fields["lyrics_error"] == "Replicate is unreachable (503); try again later."
    assert fields["lyrics_text"] == "la la la"


def test_a_bug_in_the_engine_is_reported_in_plain_words():
    fields = timed_lyrics(BrokenEngine(), SAMPLES, SR, None).to_stored()
    assert fields["lyrics_error"] == UNEXPECTED and fields["lyrics"] == []


def test_no_engine_says_so():
    assert timed_lyrics(None, SAMPLES, SR, "words").lyrics_error == NO_ENGINE


def test_the_analysis_keeps_tempo_genre_and_sections_when_lyrics_fail(tmp_path: Path):
    from vibecraft.audio.analysis import analyze_audio

    path = make_audio(tmp_path / "song.wav", 12.0)
    stages = []
    result = analyze_audio(path, lyrics_engine=UnavailableLyrics("Replicate refused the token."),
                           lyrics_text="hello\nworld", on_progress=lambda stage, pct: stages.append((stage, pct))).to_stored()
    assert result["bpm"] > 0 and result["beat_times"] and result["genre"] and result["suggested_sections"]
    assert result["lyrics_error"] == "Replicate refused the token."
    assert result["lyrics"] == [] and result["lyrics_available"] is False
    assert ("lyrics", 90) in stages
    percents = [pct for _stage, pct in stages]
    assert percents == sorted(percents)


class CountingEngine:
    """Reports progress and heard spans as a real engine does, and returns one line."""

    def align(self, samples, sr, text, on_progress=None, vocals=None):  # noqa: ANN001, ANN201
        for fraction in (0.0, 0.5, 1.0):
            on_progress(fraction)
        vocals.extend([(1.0, 2.0), (2.5, 4.0), (10.0, 14.0)])
        return [{"start": 1.0, "end": 4.0, "text": text, "words": [{"start": 1.0, "end": 4.0, "word": text}]}]

    transcribe = None


def test_progress_and_vocal_spans_come_through():
    seen = []
    fields = timed_lyrics(CountingEngine(), SAMPLES, SR, "hey", on_progress=seen.append).to_stored()
    assert seen == [0.0, 0.5, 1.0]
    assert fields["lyrics_source"] == "aligned" and fields["lyrics_error"] is None
    assert fields["vocal_spans"] == [[1.0, 4.0], [10.0, 14.0]]  # 2.0 -> 2.5 is under a second: one stretch


@pytest.mark.parametrize("spans, lines, expected", [
    ([[0.0, 10.0]], [(2.0, 5.0)], [[0.0, 2.0], [5.0, 10.0]]),
    ([[0.0, 10.0]], [(1.0, 5.0), (5.5, 9.5)], []),  # the uncovered bits are under 2 s
    ([[0.0, 3.0], [20.0, 30.0]], [(0.0, 3.0)], [[20.0, 30.0]]),
    ([[5.0, 8.0]], [], [[5.0, 8.0]]),
])
def test_unplaced_vocals_are_the_heard_stretches_no_line_covers(spans, lines, expected):
    timed = [{"start": a, "end": b, "text": "x", "words": []} for a, b in lines]
    assert unplaced_vocals(timed, spans) == expected


def test_merge_spans_sorts_and_joins():
    assert merge_spans([(5.0, 6.0), (0.0, 1.0), (1.5, 2.0), (3.0, 2.0)]) == [[0.0, 2.0], [5.0, 6.0]]

