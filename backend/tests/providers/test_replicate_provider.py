"""ReplicateVideoProvider against the fake Replicate server: the whole create → poll → download path."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from tests.fakes.replicate_server import FakeReplicate, Invalid, Outcome, ServerError, SlowResponse, Throttle
from vibecraft.ffmpeg import probe
from vibecraft.providers.base import ClipRequest, ProviderError, ProviderTimeout
from vibecraft.providers.rate_limit import Bucket, LocalRateLimiter
from vibecraft.providers.replicate import ReplicateVideoProvider
from vibecraft.providers.replicate_http import OutputPolicy
from vibecraft.providers.replicate_models import model_spec
from vibecraft.video.shapes import SHAPES


def make_provider(fake: FakeReplicate, **overrides) -> ReplicateVideoProvider:
    options = dict(
        api_token=fake.token,
        base_url=fake.base_url,
        poll_interval=0.05,
        retry_backoff=0.05,
        deadline_sec=20,
        http_timeout=5,
        output_policy=OutputPolicy(hosts=("127.0.0.1",), allow_http=True),  # the fake serves outputs itself
    )
    options.update(overrides)
    return ReplicateVideoProvider(**options)


def clip(duration: float = 3.2, seed: int = 7, **overrides) -> ClipRequest:
    return ClipRequest(prompt="a neon city at night", duration=duration, shape=SHAPES["9:16"], seed=seed, **overrides)


def video_seconds(path: Path) -> float:
    streams = probe(path)["streams"]
    video = next(s for s in streams if s["codec_type"] == "video")
    return float(video["duration"])


def test_makes_a_clip_of_the_next_allowed_length(fake_replicate, tmp_path):
    out = make_provider(fake_replicate).generate(clip(3.2), tmp_path / "clip.mp4")

    assert out == tmp_path / "clip.mp4" and out.stat().st_size > 0
    assert video_seconds(out) == pytest.approx(4.0, abs=0.1)
    [create] = fake_replicate.calls("create")
    assert create.path == "/v1/predictions"
    assert create.json()["version"] == model_spec("bytedance/seedance-1-lite").version
    sent = create.json()["input"]
    assert sent["duration"] == 4 and sent["aspect_ratio"] == "9:16" and sent["seed"] == 7
    assert create.headers["cancel-after"] == "20s"
    assert create.headers["authorization"] == f"Bearer {fake_replicate.token}"
    assert "authorization" not in fake_replicate.calls("output")[0].headers  # the token goes to the API host only
    assert not list(tmp_path.glob("*.part"))


def test_takes_the_first_video_of_a_list_output(fake_replicate, tmp_path):
    fake_replicate.plan(Outcome(output="video_list"))

    out = make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert video_seconds(out) > 0


def test_small_first_frame_goes_inline_as_a_data_url(fake_replicate, tmp_path):
    frame = tmp_path / "first.png"
    frame.write_bytes(b"\x89PNG" + b"0" * 1000)

    make_provider(fake_replicate).generate(clip(first_frame=frame), tmp_path / "clip.mp4")

    assert fake_replicate.calls("create")[0].json()["input"]["image"].startswith("data:image/png;base64,")
    assert not fake_replicate.calls("files")


def test_large_first_frame_is_uploaded_through_files(fake_replicate, tmp_path):
    frame = tmp_path / "first.png"
    frame.write_bytes(b"\x89PNG" + b"0" * 300_000)

    make_provider(fake_replicate).generate(clip(first_frame=frame), tmp_path / "clip.mp4")

    [upload] = fake_replicate.calls("files", "POST")
    [(file_id, (_, _, stored))] = fake_replicate.files.items()
    assert stored == frame.read_bytes()
    assert fake_replicate.calls("create")[0].json()["input"]["image"] == f"{fake_replicate.base_url}/files/{file_id}"



@pytest.mark.parametrize("in_header", [True, False], ids=["retry-after-header", "retry_after-in-body"])
def test_throttled_create_waits_retry_after_then_succeeds(fake_replicate, tmp_path, in_header):
    fake_replicate.script("create", Throttle(retry_after=1, header=in_header, body=not in_header))

    started = time.monotonic()
    make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    creates = fake_replicate.calls("create")
    assert len(creates) == 2
    assert creates[1].at - creates[0].at >= 1.0
    assert time.monotonic() - started >= 1.0
    assert len(fake_replicate.predictions) == 1


class RecordingLimiter(LocalRateLimiter):
    """The in-process limiter, noting what the provider asks of it."""

    def __init__(self):
        super().__init__(Bucket(600, 10), Bucket(3000, 50))
        self.taken: list[str] = []
        self.pauses: list[float] = []

    def acquire(self, kind="call", *, max_wait=None):
        self.taken.append(kind)
        return super().acquire(kind, max_wait=max_wait)

    def pause(self, seconds):
        self.pauses.append(seconds)
        super().pause(seconds)


def test_every_api_call_goes_through_the_shared_limiter(fake_replicate, tmp_path):
    limiter = RecordingLimiter()

    make_provider(fake_replicate, rate_limiter=limiter).generate(clip(), tmp_path / "clip.mp4")

    api_calls = [r for r in fake_replicate.requests if r.route != "output"]
    assert limiter.taken[0] == "create" and limiter.taken.count("create") == 1
    assert len(limiter.taken) == len(api_calls)


def test_throttle_pauses_the_shared_limiter_for_every_worker(fake_replicate, tmp_path):
    limiter = RecordingLimiter()
    fake_replicate.script("get", Throttle(retry_after=1))

    make_provider(fake_replicate, rate_limiter=limiter).generate(clip(), tmp_path / "clip.mp4")

    assert limiter.pauses == [1.0]
    gets = fake_replicate.calls("get")
    assert gets[1].at - gets[0].at >= 1.0


def test_failed_polls_are_retried(fake_replicate, tmp_path):
    fake_replicate.script("get", ServerError(503), ServerError(502), ServerError(500))

    out = make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert out.exists()
    assert len(fake_replicate.calls("get")) >= 4
    assert len(fake_replicate.calls("create")) == 1


def test_create_answering_5xx_is_not_repeated(fake_replicate, tmp_path):
    fake_replicate.script("create", ServerError(500))

    with pytest.raises(ProviderError, match="may still exist") as raised:
        make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert "HTTP 500" in str(raised.value)
    assert len(fake_replicate.calls("create")) == 1
    assert len(fake_replicate.calls("list")) == 3  # it looked for the prediction instead
    assert not (tmp_path / "clip.mp4").exists()


def test_create_that_times_out_is_found_not_repeated(fake_replicate, tmp_path):
    fake_replicate.script("create", SlowResponse(1.5))

    out = make_provider(fake_replicate, http_timeout=0.5).generate(clip(seed=41), tmp_path / "clip.mp4")

    assert out.exists()
    assert len(fake_replicate.calls("create")) == 1
    assert len(fake_replicate.predictions) == 1


def test_create_that_times_out_without_a_seed_to_match_is_an_error(fake_replicate, tmp_path):
    fake_replicate.script("create", SlowResponse(1.5))
    provider = make_provider(fake_replicate, model="minimax/hailuo-02", http_timeout=0.5)

    with pytest.raises(ProviderError, match="may still exist"):
        provider.generate(clip(), tmp_path / "clip.mp4")

    assert len(fake_replicate.calls("create")) == 1
    assert not fake_replicate.calls("list")


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (Outcome("failed", error="CUDA out of memory"), "failed: CUDA out of memory"),
        (Outcome("canceled"), "was canceled"),
        (Outcome("aborted"), "was aborted: its deadline passed before it started"),
    ],
    ids=["failed", "canceled", "aborted"],
)
def test_unsuccessful_prediction_is_a_clear_error(fake_replicate, tmp_path, outcome, expected):
    fake_replicate.plan(outcome)

    with pytest.raises(ProviderError, match=expected):
        make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert not (tmp_path / "clip.mp4").exists()


def test_deadline_cancels_the_prediction_and_times_out(fake_replicate, tmp_path):
    fake_replicate.plan(Outcome(never_finishes=True))

    with pytest.raises(ProviderTimeout, match="did not finish within 1 s"):
        make_provider(fake_replicate, deadline_sec=1).generate(clip(), tmp_path / "clip.mp4")

    [cancel] = fake_replicate.calls("cancel")
    [prediction_id] = fake_replicate.predictions
    assert cancel.path == f"/v1/predictions/{prediction_id}/cancel"
    assert fake_replicate.prediction(prediction_id)["status"] == "canceled"


def test_expired_output_url_is_a_clear_error(fake_replicate, tmp_path):
    fake_replicate.expire_outputs()

    with pytest.raises(ProviderError, match="no longer available"):
        make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert not list(tmp_path.iterdir())


def test_output_that_is_not_a_video_is_refused(fake_replicate, tmp_path):
    fake_replicate.plan(Outcome(output="not_video"))

    with pytest.raises(ProviderError, match="not a video"):
        make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert not list(tmp_path.iterdir())


def test_invalid_input_surfaces_the_invalid_fields(fake_replicate, tmp_path):
    fake_replicate.script(
        "create",
        Invalid(({"type": "enum", "field": "input.duration", "description": "duration must be one of 5, 10"},)),
    )

    with pytest.raises(ProviderError, match=r"HTTP 422.*input\.duration: duration must be one of 5, 10"):
        make_provider(fake_replicate).generate(clip(), tmp_path / "clip.mp4")

    assert len(fake_replicate.calls("create")) == 1


def test_wrong_token_is_refused_with_the_servers_reason(fake_replicate, tmp_path):
    provider = make_provider(fake_replicate, api_token="r8_wrong")

    with pytest.raises(ProviderError, match="HTTP 401.*valid authentication token"):
        provider.generate(clip(), tmp_path / "clip.mp4")


def test_create_that_times_out_is_not_guessed_when_two_predictions_match(fake_replicate, tmp_path):
    twin_input = {
        "prompt": "a neon city at night", "duration": 4, "aspect_ratio": "9:16", "resolution": "1080p", "seed": 7, "fps": 24,
    }
    with httpx.Client(headers={"Authorization": f"Bearer {fake_replicate.token}"}) as client:
        client.post(f"{fake_replicate.base_url}/models/bytedance/seedance-1-lite/predictions", json={"input": twin_input})
    fake_replicate.script("create", SlowResponse(1.5))

    with pytest.raises(ProviderError, match="may still exist"):
        make_provider(fake_replicate, http_timeout=0.5).generate(clip(seed=7), tmp_path / "clip.mp4")

    assert len(fake_replicate.calls("create")) == 2  # the twin, and ours once


def test_create_that_could_not_connect_is_retried_then_reported():
    provider = ReplicateVideoProvider("r8_token", base_url="http://127.0.0.1:1/v1", retry_backoff=0.01, http_timeout=1)

    with pytest.raises(ProviderError, match="kept failing.*could not connect"):
        provider.generate(clip(), Path("/nonexistent/clip.mp4"))
