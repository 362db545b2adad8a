"""Prompts: sentences a video model reads, naming the section, quoting its lyrics, never repeating a phrase."""

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vibecraft.planning.prompts import MAX_CLIP_PROMPT_CHARS, build_clip_prompt, build_overall_prompt, energy_at, motion_cue
from vibecraft.planning.text import clean_text, drop_repeated_phrases, shorten
from vibecraft.video_types import VIDEO_TYPES

HEX = re.compile(r"#[0-9a-fA-F]{6}")
MOODS = ["happy", "sad", "mellow", "chill", "party", "sensual", "beautiful", "catchy", "aggressive", "dreamy", "calm"]
GENRES = ["rock", "pop", "electronic", "hip-hop", "r&b", "jazz", "folk", "ambient", "easy listening", ""]


def repeated_phrases(text: str) -> list[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    grams = Counter(tuple(words[i:i + 3]) for i in range(len(words) - 2))
    return [g for g, n in grams.items() if n > 1]


def clip_prompt(**overrides) -> str:
    args = dict(overall_prompt="A dreamy folk visualizer with soft flowing light.", section_label="Verse",
                prompt_note="", lyrics_text="", energy=0.5, clip_index=0, clip_count=1)
    return build_clip_prompt(**{**args, **overrides})


def test_overall_prompt_reads_as_a_sentence_about_the_song():
    prompt = build_overall_prompt(genre="folk", mood_primary="dreamy", mood_tags=["sad", "dreamy"],
                                  video_type="abstract_visualizer", bpm=84.2)
    assert prompt.startswith("A dreamy, melancholic abstract music visualizer for a folk song at a relaxed 84 BPM: ")
    assert prompt.endswith(".") and "{" not in prompt and not HEX.search(prompt)


def test_each_video_type_gets_its_own_look():
    looks = {build_overall_prompt(genre="pop", mood_primary="happy", mood_tags=[], video_type=t, bpm=120) for t in VIDEO_TYPES}
    assert len(looks) == len(VIDEO_TYPES)
    assert "lyric" in build_overall_prompt(genre="pop", mood_primary="happy", mood_tags=[], video_type="lyric_video", bpm=120)


def test_overall_prompt_survives_missing_and_odd_analysis_values():
    prompt = build_overall_prompt(genre="", mood_primary="", mood_tags=[], video_type="unknown", bpm=0.0)
    assert prompt == "A music video for a song: cinematic imagery cut to the rhythm."
    assert build_overall_prompt(genre="r&b", mood_primary="{x}", mood_tags=["#ff00ff"], video_type="custom",
                                bpm=95) == "A music video for an R&B song at a relaxed 95 BPM: cinematic imagery cut to the rhythm."


@pytest.mark.parametrize("video_type", list(VIDEO_TYPES))
@pytest.mark.parametrize("mood", MOODS)
def test_stock_wording_never_collides_with_itself(video_type, mood):
    overall = build_overall_prompt(genre="electronic", mood_primary=mood, mood_tags=MOODS, video_type=video_type, bpm=128)
    for energy in (0.1, 0.4, 0.6, 0.9):
        assert overall in clip_prompt(overall_prompt=overall, energy=energy)


def test_clip_prompt_names_the_section_and_quotes_its_lyrics():
    prompt = clip_prompt(section_label="Chorus", lyrics_text="hello neon night / we ride the light", clip_index=1, clip_count=3)
    assert prompt.startswith("Chorus, shot 2 of 3. ")
    assert '"hello neon night / we ride the light"' in prompt


def test_the_note_loses_phrases_the_overall_prompt_already_says():
    prompt = clip_prompt(overall_prompt="Soft flowing light over a quiet lake.", prompt_note="soft flowing light and falling snow")
    assert prompt.count("flowing light") == 1 and "falling snow" in prompt


def test_the_label_is_named_as_written():
    assert clip_prompt(section_label="verse 2").startswith("verse 2. ")
    assert clip_prompt(section_label="Why?").startswith("Why? ")


def test_a_repeated_phrase_goes_as_a_whole():
    prompt = clip_prompt(overall_prompt="Neon rain over Tokyo.", prompt_note="a lone cyclist rides through neon rain over Tokyo at dawn",
                         lyrics_text="we ride the light / we ride the light / we ride the light tonight")
    assert prompt.startswith("Verse. Neon rain over Tokyo. A lone cyclist rides at dawn. ")
    assert '"we ride the light / tonight"' in prompt


def test_motion_follows_the_energy():
    assert "slow drifting camera" in clip_prompt(energy=0.05).lower()
    assert "fast cuts of motion" in clip_prompt(energy=0.95).lower()
    assert motion_cue(float("nan")) == motion_cue(0.5)


def test_long_lyrics_are_cut_with_an_ellipsis_inside_the_quotes():
    lyrics = " / ".join(f"line number {i} of a very long verse about {w}" for i, w in enumerate(["rain", "fire", "snow"] * 10))
    prompt = clip_prompt(lyrics_text=lyrics)
    assert len(prompt) <= MAX_CLIP_PROMPT_CHARS
    assert re.search(r'"line number 0 of a very long verse about rain[^"]*…"', prompt)


def test_markup_hex_colours_and_json_are_removed():
    prompt = clip_prompt(overall_prompt='Neon city {"palette": ["#ff00aa", "#00ffcc"]} at night #123456',
                         prompt_note="<b>rain</b> [Chorus] 0xFFAA00")
    assert not HEX.search(prompt) and not re.search(r"[{}\[\]<>]", prompt) and "0xFFAA00" not in prompt
    assert "Neon city at night." in prompt


words = st.sampled_from("light rain neon city night soft glow the of and we ride slow red sky #a1b2c3 {x} [y] la".split())
texts = st.lists(words, max_size=80).map(" ".join)
labels = st.lists(st.sampled_from("Intro verse Chorus bridge Outro drop Hook pre 1 2 3 I".split()), min_size=1, max_size=4,
                  unique=True).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(overall=texts, label=labels, note=texts.map(lambda t: t[:100]), lyrics=texts, energy=st.floats(0, 1),
       count=st.integers(1, 12), data=st.data())
def test_clip_prompts_are_bounded_clean_and_say_each_phrase_once(overall, label, note, lyrics, energy, count, data):
    index = data.draw(st.integers(0, count - 1))
    prompt = build_clip_prompt(overall_prompt=overall, section_label=label, prompt_note=note, lyrics_text=lyrics,
                               energy=energy, clip_index=index, clip_count=count)
    assert label in prompt
    assert len(prompt) <= MAX_CLIP_PROMPT_CHARS
    assert not HEX.search(prompt) and not re.search(r"[{}\[\]]", prompt)
    assert repeated_phrases(prompt) == []
    assert prompt.count('"') in (0, 2)
    if prompt.count('"') == 2:
        assert "lyrics" in prompt


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loses_its_repeated_phrases(text):
    assert repeated_phrases(drop_repeated_phrases(text)) == []


@pytest.mark.parametrize(
    "text, limit, expected",
    [("short", 10, "short"), ("one two three four", 12, "one two…"), ("abcdefghij", 5, "abcd…"), ("x y", 1, "")],
)
def test_shorten_cuts_on_a_word_with_an_ellipsis(text, limit, expected):
    assert shorten(text, limit) == expected


def test_clean_text_collapses_space_and_double_quotes():
    assert clean_text('  say   "hi"  ') == "say 'hi'"


def test_energy_is_the_mean_loudness_of_the_stretch():
    waveform = [0.0] * 50 + [1.0] * 50
    assert energy_at(waveform, 100.0, 0.0, 50.0) == 0.0
    assert energy_at(waveform, 100.0, 50.0, 100.0) == 1.0
    assert energy_at(waveform, 100.0, 25.0, 75.0) == 0.5
    assert energy_at(waveform, 100.0, 10.0, 10.2) == 0.0  # a stretch shorter than a sample still reads one
    assert energy_at([], 100.0, 0.0, 10.0) == 0.5
    assert energy_at([2.0, -1.0], 10.0, 0.0, 10.0) == 0.5  # values are clamped to 0–1
