"""Per-model clip lengths, create inputs and estimates, without any HTTP."""

from __future__ import annotations

import httpx
import pytest

from vibecraft.providers.replicate import (
    ReplicateVideoProvider,
    cancel_after_header,
    output_video_url,
    problem_detail,
    retry_after_seconds,
)
from vibecraft.providers.replicate_models import build_input, model_spec, wan_fast_frames
from vibecraft.video.shapes import SHAPES


def provider(model: str, resolution: str = "720p") -> ReplicateVideoProvider:
    return ReplicateVideoProvider("r8_token", model=model, base_url="http://127.0.0.1:9/v1", resolution=resolution)


@pytest.mark.parametrize(
    ("model", "wanted", "asked"),
    [
        ("bytedance/seedance-1-lite", 2.5, 4.0),
        ("bytedance/seedance-1-lite", 4.0, 4.0),
        ("bytedance/seedance-1-pro", 6.01, 7.0),
        ("bytedance/seedance-1-lite", 14.0, 12.0),
        ("kwaivgi/kling-v2.1", 5.5, 10.0),
        ("kwaivgi/kling-v3-video", 2.0, 3.0),
        ("wan-video/wan-2.5-t2v", 3.0, 5.0),
        ("minimax/hailuo-02", 6.5, 10.0),
        ("google/veo-3", 4.5, 6.0),
        ("wan-video/wan-2.2-t2v-fast", 3.0, 81 / 24),
        ("wan-video/wan-2.2-t2v-fast", 4.0, 96 / 24),
        ("wan-video/wan-2.2-i2v-fast", 6.0, 96 / 16),
    ],
)
def test_asks_for_the_next_allowed_length(model, wanted, asked):
    assert provider(model).supported_duration(wanted) == pytest.approx(asked)


def test_unknown_model_is_refused_at_construction():
    with pytest.raises(ValueError, match="Unknown Replicate video model 'someone/else'"):
        provider("someone/else")


def test_seedance_input_carries_shape_seed_resolution_and_image():
    sent = build_input(
        "bytedance/seedance-1-lite",
        prompt="p", duration=5, shape=SHAPES["1:1"], seed=3, resolution="1080p", image_url="data:x",
    )

    assert sent == {
        "prompt": "p", "duration": 5, "aspect_ratio": "1:1", "resolution": "1080p", "seed": 3, "image": "data:x", "fps": 24,
    }


def test_wan_fast_input_is_frames_at_a_rate():
    sent = build_input(
        "wan-video/wan-2.2-t2v-fast",
        prompt="p", duration=6.0, shape=SHAPES["1:1"], seed=3, resolution="1080p", image_url="u",
    )

    assert (sent["num_frames"], sent["frames_per_second"]) == (96, 16)
    assert sent["aspect_ratio"] == "16:9"  # the model has no square; normalization crops
    assert sent["resolution"] == "720p"
    assert "image" not in sent and "duration" not in sent  # the text-only model takes no image


def test_hailuo_input_names_its_first_frame_and_uses_768p_for_ten_seconds():
    sent = build_input(
        "minimax/hailuo-02", prompt="p", duration=10, shape=SHAPES["16:9"], seed=3, resolution="1080p", image_url="u"
    )

    assert sent == {"prompt": "p", "duration": 10, "resolution": "768p", "first_frame_image": "u", "prompt_optimizer": False}


def test_wan_fast_frames_refuses_a_length_it_cannot_make():
    with pytest.raises(ValueError):
        wan_fast_frames(9.0)


def test_cost_estimate_is_for_the_length_actually_asked_for():
    assert provider("bytedance/seedance-1-lite").estimate_cost_usd(3.0) == pytest.approx(4 * 0.036)
    assert provider("bytedance/seedance-1-lite", "480p").estimate_cost_usd(5.0) == pytest.approx(5 * 0.018)
    assert provider("wan-video/wan-2.2-t2v-fast").estimate_cost_usd(4.0) == pytest.approx(0.10)
    pro, lite = model_spec("bytedance/seedance-1-pro"), model_spec("bytedance/seedance-1-lite")
    assert pro.price_per_second("720p") > lite.price_per_second("720p")


def test_preferred_lengths_and_time_estimate():
    seedance = provider("bytedance/seedance-1-lite")
    assert seedance.preferred_clip_lengths() == (4.0, 12.0)
    assert seedance.estimate_seconds(5) > seedance.estimate_seconds(4) > 0


@pytest.mark.parametrize(("seconds", "header"), [(900, "15m"), (90, "90s"), (1, "5s"), (60.2, "61s")])
def test_cancel_after_header(seconds, header):
    assert cancel_after_header(seconds) == header


def test_retry_after_prefers_the_header_then_the_body():
    both = httpx.Response(429, headers={"Retry-After": "3"}, json={"retry_after": 9})
    body_only = httpx.Response(429, json={"detail": "Request was throttled.", "retry_after": 4})
    neither = httpx.Response(429, text="slow down")

    assert retry_after_seconds(both) == 3
    assert retry_after_seconds(body_only) == 4
    assert retry_after_seconds(neither) == 5


def test_problem_detail_lists_invalid_fields():
    response = httpx.Response(
        422,
        json={"title": "Input validation failed", "detail": "bad input", "status": 422,
              "invalid_fields": [{"type": "required", "field": "prompt", "description": "prompt is required"}]},
    )

    assert problem_detail(response) == "bad input (prompt: prompt is required)"


def test_output_url_prefers_a_video_in_a_list():
    prediction = {"id": "p", "output": ["https://x/cover.png", "https://x/clip.mp4?sig=1"]}

    assert output_video_url(prediction) == "https://x/clip.mp4?sig=1"
    assert output_video_url({"output": "https://x/only"}) == "https://x/only"
