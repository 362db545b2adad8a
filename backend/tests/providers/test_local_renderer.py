"""LocalRendererProvider with real ffmpeg: exact frames, determinism, looks per video type, beat pulse, audio."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from tests.audio.audio_fixtures import SR, click_track, write_wav
from vibecraft.ffmpeg import FFmpegError
from vibecraft.providers.base import ClipContext, ClipRequest, ProviderError, Word
from vibecraft.providers.local_renderer import LocalRendererProvider
from vibecraft.render import kinetic_type
from vibecraft.render.frame_encoder import encode_frames, encoder_args
from vibecraft.video.shapes import Shape

SHAPE = Shape("16:9", 256, 144)
VIDEO_TYPES = ("abstract_visualizer", "mood_environment", "lyric_video", "custom")
BEATS = tuple(round(0.5 + 0.5 * i, 3) for i in range(7))  # 120 BPM from 0.5 s
DOWNBEATS = BEATS[::4]
WORDS = tuple(Word(1.0 + 0.4 * i, 1.35 + 0.4 * i, w) for i, w in enumerate("hold on to the night".split()))


def request(*, duration: float = 2.0, seed: int = 1, shape: Shape = SHAPE, prompt: str = "a neon city at night",
            **context) -> ClipRequest:
    defaults = dict(beat_times=BEATS, downbeat_times=DOWNBEATS, video_type="abstract_visualizer", words=WORDS,
                    mood_vector={"energy": 0.7, "valence": 0.6, "danceability": 0.7, "tension": 0.3},
                    mood_primary="party", genre="pop", look_seed=42, fps=24)
    defaults.update(context)
    return ClipRequest(prompt=prompt, duration=duration, shape=shape, seed=seed, context=ClipContext(**defaults))


def render(tmp_path: Path, name: str = "clip", **kwargs) -> Path:
    return LocalRendererProvider().generate(request(**kwargs), tmp_path / f"{name}.mp4")


def decode(path: Path, shape: Shape = SHAPE) -> np.ndarray:
    """All frames as an (N, H, W, 3) uint8 array."""
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, shape.height, shape.width, 3)


def frame_changes(frames: np.ndarray) -> np.ndarray:
    """changes[f] = mean absolute pixel difference between frame f-1 and frame f (changes[0] = 0)."""
    diffs = np.abs(np.diff(frames.astype(np.int16), axis=0)).mean(axis=(1, 2, 3))
    return np.concatenate([[0.0], diffs])


def share_of_beats_hit(changes: np.ndarray, beat_frames: list[int]) -> float:
    """Share of beats whose largest frame change, within halfway to the neighbouring beats, is within one frame."""
    hits = counted = 0
    for i, b in enumerate(beat_frames):
        before = b - (b - beat_frames[i - 1]) / 2 if i else b - (beat_frames[1] - b) / 2
        after = b + (beat_frames[i + 1] - b) / 2 if i + 1 < len(beat_frames) else b + (b - beat_frames[i - 1]) / 2
        lo, hi = max(1, int(np.ceil(before))), min(len(changes) - 1, int(np.floor(after)))
        if not 1 <= b < len(changes) or hi <= lo:
            continue
        counted += 1
        hits += abs(lo + int(np.argmax(changes[lo:hi + 1])) - b) <= 1
    return hits / max(counted, 1)


def test_clip_has_exact_frame_count_size_and_codec(tmp_path):
    out = render(tmp_path, duration=2.3)
    info = json.loads(subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-of", "json", "-show_streams", str(out)],
                                     check=True, capture_output=True).stdout)
    (video,) = info["streams"]  # one stream: no audio
    assert (video["codec_name"], video["pix_fmt"]) == ("h264", "yuv420p")
    assert (video["width"], video["height"]) == (256, 144)
    assert int(video["nb_read_frames"]) == round(2.3 * 24)
    assert video["r_frame_rate"] == "24/1"


def test_frame_count_follows_context_fps_and_is_at_least_one(tmp_path):
    assert len(decode(render(tmp_path, "thirty", duration=2.0, fps=30))) == 60
    assert len(decode(render(tmp_path, "tiny", duration=0.01))) == 1


def test_full_hd_output_is_upscaled_to_the_exact_shape(tmp_path):
    shape = Shape("9:16", 1080, 1920)
    frames = decode(render(tmp_path, duration=0.5, shape=shape), shape)
    assert frames.shape == (12, 1920, 1080, 3)


def test_same_request_gives_identical_frames(tmp_path):
    first, second = render(tmp_path, "a", seed=5), render(tmp_path, "b", seed=5)
    assert np.array_equal(decode(first), decode(second))


def test_regenerated_clip_with_another_seed_differs_visibly(tmp_path):
    first, second = decode(render(tmp_path, "a", seed=5)), decode(render(tmp_path, "b", seed=6))
    assert np.abs(first.astype(np.int16) - second).mean() > 8


def test_clips_of_one_video_share_colours_that_another_mood_does_not(tmp_path):
    def mean_colour(**kwargs) -> np.ndarray:
        return decode(render(tmp_path, str(len(list(tmp_path.iterdir()))), **kwargs)).reshape(-1, 3).mean(axis=0)

    clip_a, clip_b = mean_colour(seed=1), mean_colour(seed=2)
    other_mood = mean_colour(seed=1, mood_primary="sad", mood_vector={"energy": 0.2, "valence": 0.1}, look_seed=7)
    assert np.abs(clip_a - clip_b).sum() < np.abs(clip_a - other_mood).sum()


def test_each_video_type_renders_a_look_of_its_own_when_the_words_name_no_scene(tmp_path):
    middles = {t: decode(render(tmp_path, t, video_type=t, prompt="a song about love"))[30].astype(np.int16) for t in VIDEO_TYPES}
    for i, a in enumerate(VIDEO_TYPES):
        frame = middles[a]
        assert frame.std() > 10, f"{a} is flat"
        for b in VIDEO_TYPES[i + 1:]:
            assert np.abs(frame - middles[b]).mean() > 15, f"{a} looks like {b}"


def test_custom_look_takes_its_colours_from_the_prompt(tmp_path):
    warm = decode(render(tmp_path, "warm", video_type="custom", prompt="red and orange flames")).reshape(-1, 3).mean(axis=0)
    cool = decode(render(tmp_path, "cool", video_type="custom", prompt="blue and cyan water")).reshape(-1, 3).mean(axis=0)
    assert warm[0] > warm[2] + 10
    assert cool[2] > cool[0] + 10


def test_lyric_video_draws_each_word_from_its_onset(tmp_path):
    no_beats = dict(video_type="lyric_video", beat_times=(), downbeat_times=())
    with_words = decode(render(tmp_path, "words", **no_beats)).astype(np.int16)
    without = decode(render(tmp_path, "plain", **no_beats, words=())).astype(np.int16)
    text_share = (np.abs(with_words - without).max(axis=3) > 40).mean(axis=(1, 2))  # share of pixels under text
    assert text_share[:17].max() == 0  # nothing before the phrase's lead-in at 0.75 s
    assert text_share[32] > 0.005  # "hold" (from 1.0 s) is on screen
    assert text_share[46] > 1.3 * text_share[32]  # "on" (1.4 s) and "to" (1.8 s) have joined it


def test_lyric_video_highlights_the_sung_word(tmp_path):
    words = (Word(0.5, 0.9, "one"), Word(1.0, 1.4, "two"))
    clip = render(tmp_path, video_type="lyric_video", beat_times=(), downbeat_times=(), words=words)
    frames = decode(clip).astype(np.int16)
    # "one" sits left of centre; while it is sung it is drawn in the highlight colour, later in the text colour.
    left = (slice(50, 95), slice(60, 128))
    while_sung, after = frames[18][left].reshape(-1, 3), frames[40][left].reshape(-1, 3)
    assert np.abs(while_sung.mean(axis=0) - after.mean(axis=0)).sum() > 6


def test_lyric_video_falls_back_to_pillows_font_without_dejavu(tmp_path, monkeypatch):
    monkeypatch.setattr(kinetic_type, "FONT_DIR", tmp_path / "no-fonts")
    kinetic_type.load_font.cache_clear()
    kinetic_type.word_masks.cache_clear()
    try:
        no_beats = dict(video_type="lyric_video", beat_times=(), downbeat_times=())
        with_words = decode(render(tmp_path, "words", **no_beats)).astype(np.int16)
        without = decode(render(tmp_path, "plain", **no_beats, words=())).astype(np.int16)
    finally:
        kinetic_type.load_font.cache_clear()
        kinetic_type.word_masks.cache_clear()
    assert (np.abs(with_words[40] - without[40]).max(axis=2) > 40).mean() > 0.005


@pytest.mark.parametrize("video_type", VIDEO_TYPES)
def test_pulse_lands_on_the_beats_of_a_click_track(tmp_path, video_type):
    seconds = 4.0
    audio = write_wav(tmp_path / "click.wav", click_track(120, 4, seconds, first_beat=0.5))
    beats = tuple(float(t) for t in np.arange(0.5, seconds - 0.05, 0.5))
    frames = decode(render(tmp_path, duration=seconds, video_type=video_type, audio_path=audio, beat_times=beats,
                           downbeat_times=beats[::4]))
    changes = frame_changes(frames)
    assert share_of_beats_hit(changes, [round(b * 24) for b in beats]) >= 0.8


def test_downbeats_pulse_harder_than_other_beats(tmp_path):
    changes = frame_changes(decode(render(tmp_path, duration=4.0)))
    down = [changes[round(b * 24)] for b in DOWNBEATS]
    other = [changes[round(b * 24)] for b in BEATS if b not in DOWNBEATS]
    assert min(down) > max(other)


def test_louder_audio_moves_the_picture_more(tmp_path):
    rng = np.random.default_rng(0)
    noise = rng.uniform(-1, 1, int(3 * SR)).astype(np.float32)
    quiet = write_wav(tmp_path / "quiet.wav", 0.003 * noise)
    loud = write_wav(tmp_path / "loud.wav", 0.6 * noise)
    still = dict(duration=3.0, beat_times=(), downbeat_times=())
    calm = frame_changes(decode(render(tmp_path, "calm", audio_path=quiet, **still)))[1:].mean()
    busy = frame_changes(decode(render(tmp_path, "busy", audio_path=loud, **still)))[1:].mean()
    assert busy > 1.3 * calm


def test_without_audio_it_still_pulses_on_the_beats(tmp_path):
    changes = frame_changes(decode(render(tmp_path, duration=4.0, audio_path=None)))
    assert share_of_beats_hit(changes, [round(b * 24) for b in BEATS]) >= 0.8


@pytest.mark.parametrize("content", [None, b"this is not audio at all" * 100])
def test_unreadable_audio_raises_provider_error(tmp_path, content):
    audio = tmp_path / "broken.wav"
    if content is not None:
        audio.write_bytes(content)
    with pytest.raises(ProviderError, match="audio"):
        render(tmp_path, audio_path=audio)


def test_encoder_failure_raises_provider_error_with_ffmpeg_message(tmp_path):
    with pytest.raises(ProviderError, match="encode") as caught:
        LocalRendererProvider().generate(request(), tmp_path / "clip.not-a-container")
    assert "format" in str(caught.value).lower()
    assert not (tmp_path / "clip.not-a-container").exists()


def test_encoder_takes_planar_frames_and_upscales_to_the_output_shape():
    args = encoder_args(source_size=(480, 270), out_size=(1920, 1080), fps=24, out_path="clip.mp4")
    assert args[args.index("-pix_fmt"):args.index("-pix_fmt") + 2] == ["-pix_fmt", "gbrp"]
    assert args[args.index("-s") + 1] == "480x270" and args[args.index("-r") + 1] == "24"
    assert args[args.index("-vf") + 1] == "format=yuv420p,scale=1920:1080:flags=bicubic"
    assert {"-an", "libx264", "yuv420p"} <= set(args) and args[-1] == "clip.mp4"
    same = encoder_args(source_size=(256, 144), out_size=(256, 144), fps=30, out_path="small.mp4")
    assert same[same.index("-vf") + 1] == "format=yuv420p"


def test_encoder_kills_ffmpeg_and_removes_the_file_when_it_takes_too_long(tmp_path):
    def slow_frames():
        for _ in range(20):
            time.sleep(0.1)
            yield np.zeros((3, 16, 16), np.uint8)

    out = tmp_path / "slow.mp4"
    with pytest.raises(FFmpegError, match="timed out"):
        encode_frames(slow_frames(), source_size=(16, 16), out_size=(16, 16), fps=24, out_path=out, timeout=0.5)
    assert not out.exists()


def test_odd_output_size_is_refused(tmp_path):
    with pytest.raises(ProviderError, match="even"):
        render(tmp_path, shape=Shape("odd", 255, 144))


def test_provider_describes_itself():
    provider = LocalRendererProvider()
    assert provider.name == "local"
    assert provider.estimate_cost_usd(10) == 0
    assert provider.preferred_clip_lengths() == (3.0, 10.0)
    assert 0 < provider.estimate_seconds(10) <= 10
