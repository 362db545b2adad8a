"""The model table against the kept copies of each model's published input schema, and the inputs we build."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes.replicate_server import published_schemas, validate_input
from vibecraft.providers.replicate import ReplicateVideoProvider, cancel_after_header, output_video_url
from vibecraft.providers.replicate_http import problem_detail, retry_after_seconds
from vibecraft.providers.replicate_models import MODELS, build_input, model_spec, wan_fast_frames
from vibecraft.video.shapes import SHAPES

SCHEMAS = {data["model"]: data for data in published_schemas().values()}


def provider(model: str, target_height: int = 1080) -> ReplicateVideoProvider:
    return ReplicateVideoProvider("r8_token", model=model, base_url="http://127.0.0.1:9/v1", target_height=target_height)


def test_every_supported_model_has_its_published_schema_and_pinned_version():
    assert set(MODELS) == set(SCHEMAS)
    for model, spec in MODELS.items():
        kept = SCHEMAS[model]
        assert spec.version == kept["version"] and len(spec.version) == 64
        assert kept["read_on"] and kept["source"]


@pytest.mark.parametrize("model", sorted(MODELS))
def test_the_table_names_only_fields_and_values_the_schema_has(model):
    spec, properties = MODELS[model], SCHEMAS[model]["input_schema"]["properties"]
    if spec.image_field:
        assert properties[spec.image_field].get("format") == "uri"
    if spec.resolution_field and spec.resolutions:
        assert set(spec.resolutions.values()) <= set(properties[spec.resolution_field]["enum"])
    if spec.aspect_ratios:
        assert set(spec.aspect_ratios) <= set(properties["aspect_ratio"]["enum"])
    else:
        assert "aspect_ratio" not in properties or spec.image_field
    assert spec.takes_seed == ("seed" in properties)
    if spec.frames_input:
        frames = properties["num_frames"]
        assert (frames["minimum"], frames["maximum"]) == (81, 121)
    elif "enum" in properties["duration"]:
        assert set(int(x) for x in spec.lengths) <= set(properties["duration"]["enum"])
    else:
        assert properties["duration"]["minimum"] <= spec.lengths[0] and spec.lengths[-1] <= properties["duration"]["maximum"]
    for name in spec.extra_input:
        assert name in properties


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("shape", ["16:9", "9:16", "1:1"])
def test_every_input_we_build_passes_the_published_schema(model, shape):
    spec = MODELS[model]
    for height in (360, 720, 1080):
        resolution = spec.nearest_resolution(height)
        for length in spec.lengths:
            sent = build_input(model, prompt="p", duration=length, shape=SHAPES[shape], seed=3, resolution=resolution,
                               image_url="https://api.replicate.com/v1/files/abc")
            assert validate_input(SCHEMAS[model]["input_schema"], sent) == [], (length, height, sent)


def test_validation_catches_what_the_issue_saw():
    wan = SCHEMAS["wan-video/wan-2.2-t2v-fast"]["input_schema"]
    assert [e["field"] for e in validate_input(wan, {"prompt": "p", "num_frames": 150})] == ["input.num_frames"]
    kling = SCHEMAS["kwaivgi/kling-v2.1"]["input_schema"]
    assert [e["field"] for e in validate_input(kling, {"prompt": "p", "duration": 5})] == ["input.start_image"]


def test_an_image_only_model_refuses_to_build_without_an_image():
    with pytest.raises(ValueError, match="needs a first-frame image"):
        build_input("kwaivgi/kling-v2.1", prompt="p", duration=5, shape=SHAPES["16:9"], seed=1, resolution="720p", image_url=None)


@pytest.mark.parametrize(
    ("model", "wanted", "asked"),
    [
        ("bytedance/seedance-1-lite", 2.5, 4.0),
        ("bytedance/seedance-1-lite", 4.0, 4.0),
        ("bytedance/seedance-1-lite", 6.01, 7.0),
        ("bytedance/seedance-1-lite", 14.0, 12.0),
        ("kwaivgi/kling-v2.1", 5.5, 10.0),
        ("minimax/hailuo-02", 6.5, 10.0),
        ("google/veo-3.1", 4.5, 6.0),
        ("wan-video/wan-2.2-t2v-fast", 3.0, 81 / 24),
        ("wan-video/wan-2.2-t2v-fast", 4.0, 96 / 24),
        ("wan-video/wan-2.2-i2v-fast", 6.0, 96 / 16),
    ],
)
def test_asks_for_the_next_allowed_length(model, wanted, asked):
    assert provider(model).supported_duration(wanted) == pytest.approx(asked)


@pytest.mark.parametrize("dropped", ["kwaivgi/kling-v3-video", "wan-video/wan-2.5-t2v", "google/veo-3", "someone/else"])
def test_unconfirmed_or_unknown_models_are_refused_at_construction(dropped):
    with pytest.raises(ValueError, match="Unknown Replicate video model"):
        provider(dropped)


@pytest.mark.parametrize(
    ("model", "height", "resolution"),
    [
        ("bytedance/seedance-1-lite", 1080, "1080p"),
        ("bytedance/seedance-1-lite", 360, "480p"),
        ("bytedance/seedance-1-lite", 600, "720p"),
        ("wan-video/wan-2.2-t2v-fast", 1080, "720p"),
        ("minimax/hailuo-02", 720, "768p"),
        ("kwaivgi/kling-v2.1", 1080, "1080p"),
        ("google/veo-3.1", 480, "720p"),
    ],
)
def test_asks_for_the_resolution_nearest_the_final_video(model, height, resolution):
    assert provider(model, height).resolution == resolution


def test_seedance_input_carries_shape_seed_resolution_and_image():
    sent = build_input(
        "bytedance/seedance-1-lite",
        prompt="p", duration=5, shape=SHAPES["1:1"], seed=3, resolution="1080p", image_url="data:x",
    )

    assert sent == {
        "prompt": "p", "duration": 5, "aspect_ratio": "1:1", "resolution": "1080p", "seed": 3, "image": "data:x", "fps": 24,
    }


def test_wan_fast_input_is_frames_at_a_rate_without_resampling():
    sent = build_input(
        "wan-video/wan-2.2-t2v-fast",
        prompt="p", duration=6.0, shape=SHAPES["1:1"], seed=3, resolution="720p", image_url="u",
    )

    assert (sent["num_frames"], sent["frames_per_second"]) == (96, 16)
    assert sent["aspect_ratio"] == "16:9"  # the model has no square; normalization crops
    assert sent["interpolate_output"] is False
    assert "image" not in sent and "duration" not in sent  # the text-only model takes no image


def test_kling_is_asked_by_mode_and_veo_without_paid_audio():
    kling = build_input("kwaivgi/kling-v2.1", prompt="p", duration=5, shape=SHAPES["16:9"], seed=3, resolution="1080p",
                        image_url="u")
    veo = build_input("google/veo-3.1", prompt="p", duration=8, shape=SHAPES["9:16"], seed=3, resolution="1080p",
                      image_url=None)

    assert kling == {"prompt": "p", "duration": 5, "mode": "pro", "start_image": "u"}
    assert veo["generate_audio"] is False and veo["aspect_ratio"] == "9:16"


def test_hailuo_input_names_its_first_frame_and_uses_768p_for_ten_seconds():
    sent = build_input(
        "minimax/hailuo-02", prompt="p", duration=10, shape=SHAPES["16:9"], seed=3, resolution="1080p", image_url="u"
    )

    assert sent == {"prompt": "p", "duration": 10, "resolution": "768p", "first_frame_image": "u", "prompt_optimizer": False}


def test_wan_fast_frames_refuses_a_length_it_cannot_make():
    with pytest.raises(ValueError):
        wan_fast_frames(9.0)


def test_cost_estimate_is_for_the_length_and_resolution_actually_asked_for():
    assert provider("bytedance/seedance-1-lite", 720).estimate_cost_usd(3.0) == pytest.approx(4 * 0.036)
    assert provider("bytedance/seedance-1-lite", 1080).estimate_cost_usd(3.0) == pytest.approx(4 * 0.072)
    assert provider("bytedance/seedance-1-lite", 360).estimate_cost_usd(5.0) == pytest.approx(5 * 0.018)
    assert provider("wan-video/wan-2.2-t2v-fast", 1080).estimate_cost_usd(4.0) == pytest.approx(0.10)
    assert provider("wan-video/wan-2.2-t2v-fast", 360).estimate_cost_usd(4.0) == pytest.approx(0.05)
    hailuo = provider("minimax/hailuo-02", 1080)
    assert hailuo.estimate_cost_usd(8.0) == pytest.approx(10 * 0.045)  # 10 s is made at 768p
    assert hailuo.estimate_cost_usd(5.0) == pytest.approx(6 * 0.08)


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
