"""The fake Replicate keeps the real protocol, so tests built on it mean something."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from tests.fakes.replicate_server import FakeReplicate, Outcome, ffmpeg_available
from vibecraft.providers.replicate_webhooks import verify_webhook


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


def test_completed_webhook_is_delivered_signed(fake_replicate):
    received: list[tuple[dict, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append((dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
        with api(fake_replicate) as client:
            secret = client.get("/webhooks/default/secret").json()["key"]
            client.post(
                "/models/a/b/predictions",
                json={"input": {"prompt": "x"}, "webhook": hook, "webhook_events_filter": ["completed"]},
            )
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        receiver.shutdown()
        receiver.server_close()

    [(headers, body)] = received
    assert verify_webhook(headers, body, secret)
    assert b'"status": "succeeded"' in body
