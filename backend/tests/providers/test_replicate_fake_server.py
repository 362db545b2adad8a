"""The fake Replicate keeps the real protocol, so tests built on it mean something."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from tests.fakes.replicate_server import FakeReplicate, Outcome, ffmpeg_available


def api(fake: FakeReplicate) -> httpx.Client:
    return httpx.Client(base_url=fake.base_url, headers={"Authorization": f"Bearer {fake.token}"}, timeout=5)


def wait_for_status(client: httpx.Client, prediction_id: str, wanted: str, limit: float = 5) -> dict:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        prediction = client.get(f"/predictions/{prediction_id}").json()
        if prediction["status"] == wanted:
            return prediction
        time.sleep(0.05)
    raise AssertionError(f"prediction stayed {prediction['status']}, never {wanted}")


def test_calls_without_the_token_get_a_401_problem(fake_replicate):
    res = httpx.post(f"{fake_replicate.base_url}/models/a/b/predictions", json={"input": {"prompt": "x"}})

    assert res.status_code == 401
    assert res.headers["content-type"] == "application/problem+json"
    assert res.json()["status"] == 401 and res.json()["detail"]


def test_prediction_goes_starting_processing_succeeded(fake_replicate):
    with api(fake_replicate) as client:
        created = client.post("/models/bytedance/seedance-1-lite/predictions", json={"input": {"prompt": "x", "duration": 2}})
        assert created.status_code == 201 and created.json()["status"] == "starting"
        prediction_id = created.json()["id"]
        wait_for_status(client, prediction_id, "processing")
        done = wait_for_status(client, prediction_id, "succeeded")

        video = client.get(done["output"])

    assert done["completed_at"] and done["metrics"]["predict_time"] > 0
    assert video.status_code == 200 and video.content[4:8] == b"ftyp"


def test_version_route_needs_a_version(fake_replicate):
    with api(fake_replicate) as client:
        refused = client.post("/predictions", json={"input": {"prompt": "x"}})
        accepted = client.post("/predictions", json={"version": "abc123", "input": {"prompt": "x"}})

    assert refused.status_code == 422 and refused.json()["invalid_fields"][0]["field"] == "version"
    assert accepted.status_code == 201 and accepted.json()["version"] == "abc123"


def test_list_shows_newest_first_with_inputs(fake_replicate):
    with api(fake_replicate) as client:
        first = client.post("/models/a/b/predictions", json={"input": {"prompt": "one"}}).json()
        second = client.post("/models/a/b/predictions", json={"input": {"prompt": "two"}}).json()
        listed = client.get("/predictions").json()["results"]

    assert [p["id"] for p in listed] == [second["id"], first["id"]]
    assert listed[0]["input"] == {"prompt": "two"}


def test_cancel_after_aborts_a_prediction_that_never_started(fake_replicate):
    fake_replicate.plan(Outcome(start_delay=5))
    with api(fake_replicate) as client:
        created = client.post("/models/a/b/predictions", json={"input": {"prompt": "x"}}, headers={"Cancel-After": "1s"}).json()
        aborted = wait_for_status(client, created["id"], "aborted")

    assert aborted["started_at"] is None


@pytest.mark.skipif(not ffmpeg_available(), reason="ffmpeg is not installed")
def test_output_urls_expire_after_their_ttl():
    with FakeReplicate(start_delay=0, processing_delay=0, output_ttl=0.3) as fake, api(fake) as client:
        prediction_id = client.post("/models/a/b/predictions", json={"input": {"prompt": "x"}}).json()["id"]
        url = wait_for_status(client, prediction_id, "succeeded")["output"]
        fresh = client.get(url).status_code
        time.sleep(0.4)
        stale = client.get(url).status_code

    assert (fresh, stale) == (200, 404)


def test_a_create_outside_the_published_schema_gets_invalid_fields(fake_replicate):
    version = next(v for v, s in fake_replicate.schemas.items() if s["model"] == "wan-video/wan-2.2-t2v-fast")
    with api(fake_replicate) as client:
        res = client.post("/predictions", json={"version": version, "input": {
            "prompt": "x", "num_frames": 150, "resolution": "1080p", "duration": 5}})

    assert res.status_code == 422
    fields = {item["field"]: item["type"] for item in res.json()["invalid_fields"]}
    assert fields == {"input.num_frames": "number_lte", "input.resolution": "enum", "input": "additional_property_not_allowed"}
    assert not fake_replicate.predictions, "a refused create makes nothing"


def test_an_output_made_from_an_image_starts_from_that_image(fake_replicate, tmp_path):
    import base64

    import numpy as np

    from vibecraft.ffmpeg import ffmpeg_binary, run

    still = tmp_path / "red.jpg"
    run([ffmpeg_binary(), "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=160x90", "-frames:v", "1", str(still)])
    data_url = "data:image/jpeg;base64," + base64.b64encode(still.read_bytes()).decode()
    version = next(v for v, s in fake_replicate.schemas.items() if s["model"] == "bytedance/seedance-1-lite")
    with api(fake_replicate) as client:
        created = client.post("/predictions", json={"version": version, "input": {
            "prompt": "x", "duration": 2, "seed": 1, "image": data_url}}).json()
        url = wait_for_status(client, created["id"], "succeeded")["output"]
        (tmp_path / "out.mp4").write_bytes(client.get(url).content)
    first = run([ffmpeg_binary(), "-v", "error", "-i", str(tmp_path / "out.mp4"), "-frames:v", "1",
                 "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    pixels = np.frombuffer(first, np.uint8).reshape(-1, 3).mean(axis=0)
    assert pixels[0] > 180 and pixels[1] < 80 and pixels[2] < 80, pixels
