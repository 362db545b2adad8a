"""Mapping known lyrics onto a transcript's timing: pure text and numbers, no model needed."""

from __future__ import annotations

import numpy as np
import pytest

from vibecraft.audio.lyrics_alignment import (
    MAX_VOICED_WORD_SEC,
    MIN_WORD_SEC,
    TimedWord,
    consistent_pairs,
    interpolate_unpaired,
    lines_to_dicts,
    make_monotonic,
    map_text_to_timing,
    match_words,
    normalize_word,
    parse_lyrics,
    untimed_runs,
)
from vibecraft.audio.lyrics_forced_align import MAX_WINDOW_TOKENS, _has_look_alike, plan_chunks
from vibecraft.audio.lyrics_loose_starts import first_strong_rise, is_loosely_timed, syllable_count
from vibecraft.audio.lyrics_onsets import MIN_WORD_KEEP_SEC, ONSET_DELAY_SEC, ONSET_SNAP_SEC, SAMPLE_RATE, refine_word_starts


def heard(*items: tuple[float, str]) -> list[TimedWord]:
    return [TimedWord(start, start + 0.3, word) for start, word in items]


def test_parse_lyrics_drops_blank_stanza_lines():
    assert parse_lyrics("soy un fantasma\n\n  \nla tristeza\n") == [["soy", "un", "fantasma"], ["la", "tristeza"]]


def test_normalize_word_ignores_case_accents_punctuation_and_spelling_variants():
    assert normalize_word("Sólo,") == normalize_word("solo")
    assert normalize_word("extraña") == normalize_word("EXTRANA")
    assert normalize_word("belleza") == normalize_word("beleza")


def test_match_words_pairs_misheard_words_in_order():
    known = "un hueco dentro de otro hueco".split()
    pairs = match_words(known, ["Un", "hueco,", "dentro", "del", "otro", "güeco"])
    assert pairs == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]


def test_match_words_skips_words_nobody_heard():
    assert match_words(["here", "we", "go"], ["banana"]) == []


def test_consistent_pairs_drops_a_pair_that_would_squeeze_words_impossibly():
    known = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete"]
    words = heard((10.0, "uno"), (10.2, "siete"), (20.0, "siete"))
    # "siete" at 10.2 s would leave five words 0.2 s; the later one is consistent.
    pairs = consistent_pairs([(0, 0), (6, 1)], known, words)
    assert len(pairs) == 1
    assert consistent_pairs([(0, 0), (6, 2)], known, words) == [(0, 0), (6, 2)]
    assert 6 * MIN_WORD_SEC < 10.0


def test_interpolate_unpaired_packs_a_run_after_the_earlier_word_and_leaves_the_gap_empty():
    words = ["a", "bb", "cc", "d"]
    filled = interpolate_unpaired(words, [(1.0, 1.5), None, None, (30.0, 30.5)], duration=40.0)
    assert filled[1][0] == pytest.approx(1.5)
    assert filled[2][1] <= 1.5 + 2 * 1.0 + 1e-9
    assert filled[3] == (30.0, 30.5)


def test_interpolate_unpaired_places_words_before_the_first_timed_one():
    filled = interpolate_unpaired(["x", "y", "z"], [None, None, (5.0, 5.4)], duration=10.0)
    assert 0.0 <= filled[0][0] < filled[1][0] < 5.0


def test_interpolate_unpaired_keeps_the_rest_of_a_line_next_to_its_timed_words():
    # "ooh ooh" is a whole untimed line; "la" begins the line whose other words were heard at 131 s.
    words = ["belleza", "ooh", "ooh", "la", "tristeza"]
    times = [(77.0, 78.0), None, None, None, (131.5, 132.0)]
    filled = interpolate_unpaired(words, times, duration=160.0, line_ids=[0, 1, 1, 2, 2])
    assert 130.0 < filled[3][0] < filled[3][1] <= 131.5  # sung with its line, not 50 s before it
    assert 78.0 <= filled[1][0] < filled[2][1] <= 78.0 + 2 * 1.0 + 1e-9  # the whole line stays packed


def test_map_text_to_timing_times_every_known_word():
    lines = parse_lyrics("la tristeza es muy extraña\nse alimenta de la belleza")
    words = heard((10.0, "La"), (10.5, "tristeza"), (11.2, "es"), (11.6, "muy"), (12.0, "extrañe"),
                  (14.0, "alimenta"), (15.0, "de"), (15.3, "la"), (15.6, "belleza."))
    timed = map_text_to_timing(lines, words, duration=20.0)
    assert [[w.word for w in line] for line in timed] == lines
    assert timed[0][4].start == pytest.approx(12.0)
    assert 12.0 < timed[1][0].start < 14.0  # "se" was not heard: placed between its neighbours


def test_map_text_to_timing_is_none_when_nothing_matches():
    assert map_text_to_timing([["hola"]], heard((1.0, "zzz")), duration=5.0) is None


def test_untimed_runs_reports_only_stretches_much_longer_than_their_words():
    times = [(1.0, 1.2), None, None, (2.0, 2.2), None, (60.0, 60.3)]
    assert untimed_runs(times, 70.0, slack=10.0) == [(4, 5, 2.2, 60.0)]


def test_make_monotonic_and_dicts_round_to_milliseconds():
    lines = [[TimedWord(1.00049, 1.2, "a"), TimedWord(0.9, 0.8, "b")]]
    [line] = lines_to_dicts(make_monotonic(lines))
    assert line["words"][0]["start"] == 1.0
    assert line["words"][1]["start"] >= line["words"][0]["start"]
    assert line["words"][1]["end"] >= line["words"][1]["start"]
    assert line["text"] == "a b" and line["end"] >= line["start"]


def test_plan_chunks_keeps_windows_within_thirty_seconds_and_cuts_at_line_ends():
    words = [f"w{i}" for i in range(60)]
    rough = [(i * 1.0, i * 1.0 + 0.5) for i in range(60)]
    line_ids = [i // 6 for i in range(60)]
    chunks = plan_chunks(words, rough, line_ids, [2] * 60, pad=2.0, duration=70.0)
    assert sum(len(c.words) for c in chunks) == 60
    for chunk in chunks:
        assert chunk.end - chunk.start <= 30.0 + 1e-9
        assert len(chunk.words) % 6 == 0  # whole lines only
        assert max(chunk.line_ends) == len(chunk.words) - 1
        assert 2 * len(chunk.words) <= MAX_WINDOW_TOKENS


def test_a_line_start_never_soaks_up_the_pause_before_it():
    from vibecraft.audio.lyrics_alignment import TimedWord, clamp_line_starts

    lines = [[TimedWord(82.5, 131.4, "la"), TimedWord(131.5, 132.0, "tristeza")], [TimedWord(133.0, 133.5, "es")]]
    clamp_line_starts(lines, 1.0)
    assert (lines[0][0].start, lines[0][0].end) == (130.4, 131.4)
    assert (lines[1][0].start, lines[0][1].start) == (133.0, 131.5)  # short words are left alone


def test_a_word_start_moves_from_the_pause_to_where_the_voice_comes_in():
    t = np.arange(3 * SAMPLE_RATE) / SAMPLE_RATE
    voice = sum(np.sin(2 * np.pi * f * t) for f in (440, 880, 1320)) * (t >= 1.0)
    rng = np.random.default_rng(0)
    audio = (0.2 * voice + 0.01 * rng.standard_normal(t.size)).astype(np.float32)
    # The alignment started the word on the pause before it, as cross-attention does.
    lines = [[TimedWord(0.86, 1.6, "oh")], [TimedWord(2.0, 2.02, "ah")]]
    refine_word_starts(lines, audio)
    assert abs(lines[0][0].start - 1.0) <= 0.03
    assert lines[0][0].end == 1.6  # ends stay
    assert lines[1][0].start == 2.0  # a word too short to move keeps its start


def test_word_starts_only_move_later_and_stay_inside_their_word():
    rng = np.random.default_rng(1)
    audio = (0.1 * rng.standard_normal(6 * SAMPLE_RATE)).astype(np.float32)
    spans = [(0.0, 0.3), (0.3, 0.35), (0.5, 1.4), (1.4, 1.5), (5.9, 6.0)]
    lines = [[TimedWord(s, e, "la") for s, e in spans]]
    refine_word_starts(lines, audio)
    for word, (start, end) in zip(lines[0], spans):
        assert word.end == end
        assert start <= word.start <= max(start, end - MIN_WORD_KEEP_SEC) + 1e-9
    assert refine_word_starts([], audio) == []


def test_syllables_are_counted_as_vowel_groups_without_accents():
    assert [syllable_count(w) for w in ("für", "la", "veränderung", "cocaïne", "concupiscent", "tsk")] == [1, 1, 4, 3, 4, 1]


def test_a_short_word_over_a_long_span_is_loosely_timed_and_a_long_word_is_not():
    assert is_loosely_timed(TimedWord(10.0, 11.0, "für"))
    assert not is_loosely_timed(TimedWord(10.0, 11.0, "veränderung"))
    assert not is_loosely_timed(TimedWord(10.0, 10.3, "das"))


def test_the_first_strong_rise_is_taken_not_the_largest():
    assert first_strong_rise(np.array([0.1, 0.5, 0.8, 1.0, 0.2])) == 2
    assert first_strong_rise(np.zeros(4)) == 0
    with pytest.raises(ValueError):
        first_strong_rise(np.zeros(0))


def _tone_from(onset: float, seconds: float = 4.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    voice = sum(np.sin(2 * np.pi * f * t) for f in (330, 660, 990)) * (t >= onset)
    rng = np.random.default_rng(2)
    return (0.2 * voice + 0.01 * rng.standard_normal(t.size)).astype(np.float32)


def test_a_loosely_timed_word_starts_where_the_voice_comes_in_far_after_its_aligned_start():
    audio = _tone_from(1.75)
    # A line's first word clamped to 1 s over the pause before it: the voice comes in 0.75 s later.
    lines = [[TimedWord(1.0, 2.0, "das"), TimedWord(2.0, 2.5, "für")]]
    refine_word_starts(lines, audio)
    assert abs(lines[0][0].start - 1.75) <= 0.03
    # A word of many syllables over the same span is timed tightly enough: it keeps the narrow search.
    lines = [[TimedWord(1.0, 2.0, "veränderung")]]
    refine_word_starts(lines, audio)
    assert lines[0][0].start <= 1.0 + ONSET_DELAY_SEC + ONSET_SNAP_SEC + 0.011


def test_lines_of_like_vocables_are_look_alikes_and_sung_lines_are_not():
    vocables = [line.split() for line in ("ba da da da da da", "ba da da dam da da", "ba da da dam da dam da")]
    assert all(_has_look_alike(vocables, i) for i in range(3))
    intro = [line.split() for line in ("here we go", "hey hey heya heya", "yeeaha", "yeeaha", "yeah yeah")]
    assert [_has_look_alike(intro, i) for i in range(5)] == [False, False, True, True, False]
    assert not _has_look_alike([["la", "tristeza", "es", "muy", "extraña"], ["se", "alimenta", "de", "la", "belleza"]], 0)


def _sung(seconds: float, voiced: tuple[float, float], seed: int = 0) -> np.ndarray:
    """Noise throughout, and syllables of a harmonic voice (new pitch every 0.25 s) inside `voiced`."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    pitch = rng.uniform(180.0, 360.0, int(seconds * 4) + 1)[(t * 4).astype(int)]
    phase = 2 * np.pi * np.cumsum(pitch) / SAMPLE_RATE
    syllable = ((t * 4) % 1.0 < 0.8) & (t >= voiced[0]) & (t < voiced[1])
    voice = sum(np.sin(k * phase) / k for k in (1, 2, 3, 4, 5)) * syllable
    return (0.2 * voice + 0.01 * rng.standard_normal(t.size)).astype(np.float32)


def test_voice_is_found_where_it_is_sung_in_a_gap_and_not_in_plain_noise():
    from vibecraft.audio.lyrics_voicing import voiced_span

    audio = _sung(30.0, (16.0, 27.0))
    start, end = voiced_span(audio, 4.0, 29.0)
    assert abs(start - 16.0) <= 1.0 and abs(end - 27.0) <= 1.0
    assert voiced_span(_sung(30.0, (0.0, 0.0), seed=1), 4.0, 29.0) is None  # no voice: nothing to say
    assert voiced_span(audio, 16.0, 18.0) is None  # too short a gap to tell


def test_untimed_whole_lines_go_where_voice_is_heard_not_after_the_line_before():
    # "here we go" found at 3.4 s, the next found line at 29 s; the vocables between are sung from 21 s.
    words = ["go", "hey", "heya", "yeeaha", "yeah", "si"]
    times = [(3.4, 4.0), None, None, None, None, (29.0, 29.3)]
    line_ids = [0, 1, 1, 2, 3, 4]
    placed: list[tuple[int, int]] = []
    filled = interpolate_unpaired(words, times, duration=60.0, line_ids=line_ids,
                                  voice=lambda start, end: (21.0, 28.0), voiced_runs=placed)
    assert filled[1][0] == pytest.approx(21.0) and filled[4][1] == pytest.approx(28.0)
    assert all(filled[k][0] < filled[k + 1][0] for k in range(5))
    assert placed == [(1, 5)]
    # A voiced stretch much longer than the words need is used only up to MAX_VOICED_WORD_SEC a word, before the next line.
    far = interpolate_unpaired(words, times, duration=60.0, line_ids=line_ids, voice=lambda start, end: (5.0, 28.0))
    assert far[1][0] == pytest.approx(28.0 - 4 * MAX_VOICED_WORD_SEC) and far[4][1] == pytest.approx(28.0)
    # Where the voice cannot be told, the lines are packed after the line before, as without it.
    plain = interpolate_unpaired(words, times, duration=60.0, line_ids=line_ids, voice=lambda start, end: None)
    assert plain == interpolate_unpaired(words, times, duration=60.0, line_ids=line_ids)
    assert plain[1][0] == pytest.approx(4.0)


def test_the_untimed_rest_of_a_timed_line_stays_next_to_it_when_voice_is_known():
    words = ["la", "tristeza", "ooh", "ooh", "si"]
    times = [(10.0, 10.5), None, None, None, (40.0, 40.3)]
    filled = interpolate_unpaired(words, times, duration=60.0, line_ids=[0, 0, 1, 1, 2],
                                  voice=lambda start, end: (30.0, 38.0))
    assert filled[1][0] == pytest.approx(10.5) and filled[1][1] <= 11.5 + 1e-9  # the rest of its line
    assert 30.0 <= filled[2][0] < filled[3][1] <= 38.0 + 1e-9  # the whole line goes where voice is heard


def test_plan_chunks_starts_a_window_at_each_break():
    words = [f"w{i}" for i in range(12)]
    rough = [(i * 1.0, i * 1.0 + 0.5) for i in range(12)]
    line_ids = [i // 3 for i in range(12)]
    chunks = plan_chunks(words, rough, line_ids, [2] * 12, pad=2.0, duration=20.0, breaks=frozenset({3, 6}))
    assert [c.first_word for c in chunks] == [0, 3, 6]
    assert chunks[1].start == pytest.approx(1.0) and chunks[1].end == pytest.approx(7.5)
