"""Reading the musician's words: colours in four languages, scenes, camera, light, and the words not understood."""

import pytest

from vibecraft.planning.prompt_words import SCENE_DESCRIPTIONS, read_prompt, words_of


@pytest.mark.parametrize("text", [
    "red and gold lights",
    "luces rojas y doradas",
    "lumières rouges et dorées",
    "rote und goldene Lichter",
])
def test_red_and_gold_are_read_in_english_spanish_french_and_german(text):
    reading = read_prompt(text)
    assert reading.colours == ("red", "gold")
    assert reading.scenes == ("club",)  # lights, luces, lumières, Lichter


def test_accents_and_capitals_do_not_matter():
    assert read_prompt("GRÜNE Wälder").colours == read_prompt("gruene walder").colours == ("green",)
    assert read_prompt("GRÜNE Wälder").scenes == ("forest",)


@pytest.mark.parametrize(("text", "scene"), [
    ("a city skyline at night", "city"), ("heavy rain", "rain"), ("ocean waves", "ocean"), ("fire and flames", "fire"),
    ("thick smoke", "smoke"), ("a starry sky", "stars"), ("pink clouds", "clouds"), ("a dark forest", "forest"),
    ("club lasers", "club"), ("a neon grid", "neon_grid"), ("a hypnotic tunnel", "tunnel"), ("liquid ink", "liquid"),
    ("gold particles", "particles"), ("lluvia", "rain"), ("la mer", "ocean"), ("Feuer", "fire"), ("étoiles", "stars"),
])
def test_scene_words_pick_a_procedural_scene(text, scene):
    assert scene in read_prompt(text).scenes
    assert scene in SCENE_DESCRIPTIONS


@pytest.mark.parametrize(("text", "camera"), [
    ("slow push-in", "push_in"), ("zoom into the crowd", "push_in"), ("drifting", "drift"), ("orbit the dancer", "orbit"),
    ("handheld and shaky", "shake"), ("la cámara gira", "orbit"), ("langsam treiben", "drift"),
])
def test_camera_words_set_the_motion(text, camera):
    assert read_prompt(text).camera == camera


def test_the_first_camera_word_wins_and_colours_keep_their_order_without_repeats():
    reading = read_prompt("blue, then red, then blue again; orbit, then shake")
    assert reading.colours == ("blue", "red")
    assert reading.camera == "orbit"


def test_unknown_words_are_named_not_dropped():
    reading = read_prompt("Sweaty reggaeton club in Santo Domingo at 2am: red and gold lights, smoke")
    assert {"reggaeton", "Santo", "Domingo"} <= set(reading.unknown)
    assert "in" not in reading.unknown and "at" not in reading.unknown  # small function words are not noise
    assert reading.light == "night"  # 2am
    understood = {u.word: u for u in reading.understood}
    assert understood["red"].kind == "colour" and "palette" in understood["red"].effect
    assert understood["smoke"].kind == "scene"


def test_quoted_lyrics_are_not_read_as_look_words():
    assert words_of('Chorus. "red red wine" in a blue room') == ["Chorus", "in", "a", "blue", "room"]
    assert read_prompt('"red red wine" in a blue room').colours == ("blue",)


def test_an_empty_text_says_nothing():
    reading = read_prompt("")
    assert reading.is_empty and reading.unknown == () and reading.understood == ()
