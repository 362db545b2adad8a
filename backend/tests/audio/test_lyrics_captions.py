"""Caption files from timed lyrics: SRT, WebVTT with word times, enhanced LRC; pure text, no audio."""

from __future__ import annotations

import re

import pytest

from vibecraft.captions import render, to_lrc, to_srt, to_webvtt

LINES = [
    {"start": 1.0, "end": 4.0, "text": "hello neon night",
     "words": [{"start": 1.0, "end": 1.5, "word": "hello"}, {"start": 2.0, "end": 2.6, "word": "neon"},
               {"start": 3.0, "end": 4.0, "word": "night"}]},
    {"start": 3.5, "end": 5.0, "text": "we <ride> & run",  # starts before the line above ends
     "words": [{"start": 3.5, "end": 3.9, "word": "we"}, {"start": 4.0, "end": 4.4, "word": "<ride>"},
               {"start": 4.5, "end": 4.6, "word": "&"}, {"start": 4.6, "end": 5.0, "word": "run"}]},
    {"start": 3661.25, "end": 3661.3, "text": "late", "words": [{"start": 3661.25, "end": 3661.3, "word": "late"}]},
]


def test_srt_numbers_cues_and_never_lets_a_line_run_into_the_next():
    text = to_srt(LINES)
    blocks = text.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["1", "2", "3"]
    assert blocks[0].splitlines()[1] == "00:00:01,000 --> 00:00:03,500"  # clipped at the next line's start
    assert blocks[1].splitlines()[2] == "we <ride> & run"
    # A one-word line lasts long enough to be read, and hours are written out.
    assert blocks[2].splitlines()[1] == "01:01:01,250 --> 01:01:01,750"


def test_webvtt_has_its_header_escaped_text_and_a_timestamp_before_each_later_word():
    text = to_webvtt(LINES)
    assert text.startswith("WEBVTT\n\n")
    cues = text.split("\n\n")[1:]
    assert cues[0].splitlines() == ["00:00:01.000 --> 00:00:03.500",
                                    "hello <00:00:02.000>neon <00:00:03.000>night"]
    assert cues[1].splitlines()[1] == "we <00:00:04.000>&lt;ride&gt; <00:00:04.500>&amp; <00:00:04.600>run"
    # Every inline timestamp lies inside its cue, as the WebVTT rules require.
    for cue in cues:
        timing, body = cue.splitlines()[0], cue.splitlines()[1]
        start, end = timing.split(" --> ")
        for stamp in re.findall(r"<(\d\d:\d\d:\d\d\.\d\d\d)>", body):
            assert start <= stamp <= end


def test_lrc_gives_line_and_word_times_and_clears_the_screen_after_the_last_line():
    text = to_lrc(LINES, title="Neon")
    rows = text.splitlines()
    assert rows[0] == "[ti:Neon]"
    assert rows[1] == "[00:01.00]<00:01.00>hello <00:02.00>neon <00:03.00>night <00:04.00>"
    assert rows[2].startswith("[00:03.50]<00:03.50>we <00:04.00><ride>")
    assert rows[-2].startswith("[61:01.25]<61:01.25>late")
    assert rows[-1] == "[61:01.75]"


def test_lines_without_words_or_text_are_handled():
    lines = [{"start": 2.0, "end": 3.0, "text": "just text", "words": []}, {"start": 5.0, "end": 6.0, "text": "  "}]
    assert to_srt(lines).count("-->") == 1
    assert "just text" in to_webvtt(lines)
    assert "[00:02.00]just text" in to_lrc(lines)
    assert to_webvtt([]) == "WEBVTT\n"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="srt, vtt or lrc"):
        render(LINES, "ass")
