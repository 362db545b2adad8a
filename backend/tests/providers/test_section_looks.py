"""The words and the song's form drive the local renderer: prompt colours in every type, a look per section,
repeated labels return, notes and regenerations change the scene, drops flash on their downbeat, and the
musician's own photos and footage star, cut on downbeats, with lyrics on top."""

from __future__ import annotations

import colorsys
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import shared_file
from tests.providers.test_local_renderer import BEATS, DOWNBEATS, SHAPE, VIDEO_TYPES, WORDS, decode, request
from vibecraft.providers.base import ClipContext, MediaSource
from vibecraft.providers.local_renderer import LocalRendererProvider
from vibecraft.render.audio_envelope import flat_envelope
from vibecraft.render.canvas import make_canvas
from vibecraft.render.direction import direct_clip
from vibecraft.render.media_layer import MediaLayer, load_still
from vibecraft.render.palette import mood_palette
from vibecraft.render.timeline import build_timeline

skimage_data = pytest.importorskip("skimage.data", reason="scikit-image ships the real photos these tests use")
PHOTO = Path(skimage_data.__file__).parent / "rocket.jpg"
OTHER_PHOTO = Path(skimage_data.__file__).parent / "coffee.png"


def render(tmp_path: Path, name: str, **context) -> np.ndarray:
    out = LocalRendererProvider().generate(request(**context), tmp_path / f"{name}.mp4")
    return decode(out).astype(np.int16)


def context(**overrides) -> ClipContext:
    return dataclasses.replace(request().context, **overrides)


def dominant_hue(frames: np.ndarray) -> float:
    """Circular mean hue (degrees) of the pixels, weighted by how colourful and bright they are."""
    rgb = frames.reshape(-1, 3)[::7] / 255.0
    hsv = np.array([colorsys.rgb_to_hsv(*p) for p in rgb])
    weight = hsv[:, 1] * hsv[:, 2]
    angle = hsv[:, 0] * 2 * np.pi
    return float(np.degrees(np.arctan2((weight * np.sin(angle)).sum(), (weight * np.cos(angle)).sum())) % 360)


def hue_distance(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


@pytest.mark.parametrize("video_type", VIDEO_TYPES)
def test_the_prompts_colours_colour_every_video_type(tmp_path, video_type):
    warm = dominant_hue(render(tmp_path, "warm", video_type=video_type, look_prompt="deep red and orange, fire"))
    cool = dominant_hue(render(tmp_path, "cool", video_type=video_type, look_prompt="blue and cyan, rain"))
    assert hue_distance(warm, 20) < 35, warm
    assert hue_distance(cool, 210) < 40, cool


@pytest.mark.parametrize("video_type", VIDEO_TYPES)
def test_the_prompts_scene_is_drawn_in_every_video_type(video_type):
    direction = direct_clip(context(video_type=video_type, look_prompt="rain over the city, blue"))
    assert {direction.scene, *direction.layers} & {"rain", "city"}


def test_sections_differ_and_a_repeated_label_returns_to_its_look(tmp_path):
    prompt = "red and gold club lights, smoke"
    verse = direct_clip(context(look_prompt=prompt, section_slot=1, section_energy=0.3))
    chorus = direct_clip(context(look_prompt=prompt, section_slot=2, section_energy=0.9))
    chorus_again = direct_clip(context(look_prompt=prompt, section_slot=2, section_energy=0.9))
    assert (verse.scene, verse.layers, verse.camera) != (chorus.scene, chorus.layers, chorus.camera)
    assert not np.allclose(verse.palette.primary, chorus.palette.primary)
    assert (chorus.scene, chorus.layers, chorus.camera, chorus.look_key) == \
        (chorus_again.scene, chorus_again.layers, chorus_again.camera, chorus_again.look_key)

    def clip(slot: int, seed: int) -> np.ndarray:
        return render(tmp_path, f"{slot}-{seed}", seed=seed, look_prompt=prompt, section_slot=slot,
                      section_energy=0.3 if slot == 1 else 0.9)

    a1, a2, b1 = clip(1, 1), clip(1, 2), clip(2, 1)
    within = np.abs(a1 - a2).mean()
    between = np.abs(a1 - b1).mean()
    assert between > 1.5 * within, (between, within)


def test_a_section_note_changes_the_scene_and_colours(tmp_path):
    plain = direct_clip(context(look_prompt="a neon grid in magenta"))
    noted = direct_clip(context(look_prompt="a neon grid in magenta", section_note="fire in orange"))
    assert (plain.scene, noted.scene) == ("neon_grid", "fire")
    assert noted.palette.primary[0] > noted.palette.primary[2]  # orange, not magenta's blue half
    before = render(tmp_path, "plain", look_prompt="a neon grid in magenta")
    after = render(tmp_path, "noted", look_prompt="a neon grid in magenta", section_note="fire in orange")
    assert np.abs(before - after).mean() > 20


def test_regeneration_brings_a_new_scene_with_or_without_a_note():
    first = direct_clip(context(look_prompt="ocean waves in teal"))
    again = direct_clip(context(look_prompt="ocean waves in teal", variation=1))
    noted = direct_clip(context(look_prompt="ocean waves in teal", variation=1, clip_note="stars"))
    assert first.scene == "ocean"
    assert again.scene != first.scene
    assert noted.scene == "stars"


def test_a_drop_flashes_on_its_downbeat_and_a_rise_builds(tmp_path):
    calm = dict(look_prompt="smoke", section_energy=0.8, starts_section=True, downbeat_times=(0.5,),
                beat_times=BEATS, audio_path=None)
    frames_flat = render(tmp_path, "flat", previous_energy=0.75, **calm)
    frames_drop = render(tmp_path, "drop", previous_energy=0.2, **calm)
    flat, drop = frames_flat.mean(axis=(1, 2, 3)), frames_drop.mean(axis=(1, 2, 3))
    downbeat = round(0.5 * 24)
    assert int(np.argmax(np.diff(drop))) + 1 == downbeat  # the flash comes in on the downbeat frame
    assert drop[downbeat] - flat[downbeat] > 40 and abs(drop[downbeat - 1] - flat[downbeat - 1]) < 3

    rising = direct_clip(context(section_energy=0.3, next_energy=0.9, section_progress=(0.5, 1.0)))
    level = direct_clip(context(section_energy=0.3, next_energy=0.35, section_progress=(0.5, 1.0)))
    assert rising.build == 1.0 and level.build == 0.0


def media_timeline(n_frames: int, downbeats: tuple[float, ...]):
    return build_timeline(n_frames=n_frames, fps=24, beat_times=BEATS, downbeat_times=downbeats,
                          envelope=flat_envelope(n_frames, 0.6))


def test_a_photo_stars_in_its_clip_and_moves(tmp_path):
    frames = render(tmp_path, "photo", media=(MediaSource(PHOTO, "photo"),), look_prompt="gold")

    def likeness(photo: Path) -> float:
        still = load_still(photo, SHAPE.width, SHAPE.height).astype(np.float64).mean(axis=2)
        return float(np.corrcoef(still.ravel(), frames[0].mean(axis=2).ravel())[0, 1])

    assert likeness(PHOTO) > 0.45 and likeness(PHOTO) > likeness(OTHER_PHOTO) + 0.5
    assert np.abs(frames[0] - frames[-1]).mean() > 4  # the slow zoom and pan moved it


def test_several_items_in_one_clip_cut_on_downbeats():
    downbeats = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
    timeline = media_timeline(84, downbeats)
    canvas = make_canvas(SHAPE.width, SHAPE.height)
    layer = MediaLayer((MediaSource(PHOTO, "photo"), MediaSource(OTHER_PHOTO, "photo")), canvas,
                       mood_palette({}), timeline, np.random.default_rng(0))
    cuts = layer.cut_frames()
    assert cuts, "two photos in one clip must alternate"
    assert set(cuts) <= {round(t * 24) for t in downbeats}


def test_lyrics_stay_on_top_of_a_photo(tmp_path):
    photo = (MediaSource(PHOTO, "photo"),)
    with_words = render(tmp_path, "words", video_type="lyric_video", media=photo)
    without = render(tmp_path, "none", video_type="lyric_video", media=photo, words=())
    f = round(1.3 * 24)  # the first words are on screen
    changed = np.abs(with_words[f] - without[f]).max(axis=2) > 60
    assert changed.mean() > 0.01, "no text was drawn over the photo"


@pytest.mark.parametrize("offset", [0.0, 12.8])  # from its first frame; across its end, where it starts over
def test_real_footage_plays_cropped_to_the_shape(tmp_path, offset):
    footage = shared_file("footage", "crowd_walking_720p.avi")
    square = dataclasses.replace(SHAPE, name="1:1", width=144, height=144)
    out = LocalRendererProvider().generate(
        request(shape=square, media=(MediaSource(footage, "video", offset=offset),), look_prompt="blue"),
        tmp_path / "footage.mp4")
    frames = decode(out, square).astype(np.int16)
    assert frames.shape[1:3] == (144, 144)
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    assert np.median(steps) > 0.5 and (steps[1:] > 0.05).all()  # people walk: no frame is a frozen copy
    assert frames.std() > 20
