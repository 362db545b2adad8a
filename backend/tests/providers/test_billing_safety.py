"""Billing safety in one process: a clip job that runs again follows its recorded prediction, and a clip whose
job failed for good has its still-running prediction canceled. (Worker kills: test_replicate_worker_kills.py.)"""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from tests.api.test_generation_flow import planned_song, wait_status
from tests.api.test_replicate_flow import replicate_client  # noqa: F401 (a fixture)
from tests.conftest import reset_caches
from tests.fakes.fixtures import fake_replicate  # noqa: F401 (a fixture)
from tests.fakes.replicate_server import Outcome, Throttle
from vibecraft.providers.base import ClipRequest, PredictionTracker, StoredPrediction
from vibecraft.providers.replicate import ReplicateVideoProvider
from vibecraft.providers.replicate_http import OutputPolicy
from vibecraft.video.shapes import SHAPES

SQLITE = pytest.mark.parametrize("db_backend", ["sqlite"])
THROTTLED_POLLS = [Throttle(retry_after=0.05)] * 7  # one more than the client waits out


class MemoryTracker(PredictionTracker):
    def __init__(self, stored: StoredPrediction | None = None):
        self.stored, self.log = stored, []

    def current(self):
        return self.stored

    def creating(self, model, model_input):
        self.log.append(("creating", model))

    def created(self, prediction_id):
        self.log.append(("created", prediction_id))

    def finished(self, state, error=None):
        self.log.append(("finished", state))


def test_a_recorded_prediction_is_followed_not_created_again(fake_replicate, tmp_path):  # noqa: F811
    provider = ReplicateVideoProvider(fake_replicate.token, base_url=fake_replicate.base_url, poll_interval=0.05,
                                      retry_backoff=0.05, output_policy=OutputPolicy(hosts=("127.0.0.1",), allow_http=True))
    request = ClipRequest(prompt="p", duration=4, shape=SHAPES["16:9"], seed=5)
    first = MemoryTracker()
    provider.generate(ClipRequest(**{**request.__dict__, "tracker": first}), tmp_path / "a.mp4")
    [(_, prediction_id)] = [entry for entry in first.log if entry[0] == "created"]
    assert first.log[0] == ("creating", provider.model) and first.log[-1] == ("finished", "succeeded")

    again = MemoryTracker(StoredPrediction(prediction_id=prediction_id, state="created"))
    out = provider.generate(ClipRequest(**{**request.__dict__, "tracker": again}), tmp_path / "b.mp4")

    assert out.stat().st_size > 0
    assert len(fake_replicate.calls("create")) == 1, "the second run followed the first prediction"
    assert again.log == [("finished", "succeeded")]


def test_an_unrecorded_create_is_found_by_its_input_and_followed(fake_replicate, tmp_path):  # noqa: F811
    provider = ReplicateVideoProvider(fake_replicate.token, base_url=fake_replicate.base_url, poll_interval=0.05,
                                      retry_backoff=0.05, output_policy=OutputPolicy(hosts=("127.0.0.1",), allow_http=True))
    request = ClipRequest(prompt="p", duration=4, shape=SHAPES["16:9"], seed=5)
    provider.generate(request, tmp_path / "a.mp4")  # the create whose answer "was lost"
    sent = fake_replicate.calls("create")[0].json()["input"]

    lost = MemoryTracker(StoredPrediction(prediction_id=None, state="creating", model_input=sent))
    provider.generate(ClipRequest(**{**request.__dict__, "tracker": lost}), tmp_path / "b.mp4")

    assert len(fake_replicate.calls("create")) == 1
    assert lost.log[0] == ("created", next(iter(fake_replicate.predictions)))


@SQLITE
def test_a_throttled_status_poll_retries_the_job_without_a_second_create(replicate_client, auth, tmp_path,  # noqa: F811
                                                                        monkeypatch):
    client, fake = replicate_client
    monkeypatch.setenv("JOB_MAX_ATTEMPTS", "2")
    reset_caches()
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    fake.script("get", *THROTTLED_POLLS)
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])

    assert status["stage"] == "completed", status
    assert len(fake.calls("create", "POST")) == len(fake.predictions) == len(clips)


@SQLITE
def test_a_clip_abandoned_for_good_cancels_its_running_prediction(replicate_client, auth, tmp_path):  # noqa: F811
    from vibecraft.db import get_engine
    from vibecraft.models import ClipAttempt

    client, fake = replicate_client  # JOB_MAX_ATTEMPTS=1: a transient failure is final
    song, clips = planned_song(client, auth, tmp_path, seconds=14.0)
    fake.plan(Outcome(processing_delay=60))  # the first clip's prediction is still running when its job gives up
    fake.script("get", *THROTTLED_POLLS)
    assert client.post(f"/api/songs/{song['id']}/clips/generate", headers=auth).status_code == 202
    status, _ = wait_status(client, auth, song["id"])

    assert status["stage"] == "failed", status
    running = next(pid for pid, p in fake.predictions.items() if p.outcome.processing_delay == 60)
    assert [r.path for r in fake.calls("cancel")] == [f"/v1/predictions/{running}/cancel"]
    assert fake.prediction(running)["status"] == "canceled"
    with Session(get_engine()) as session:
        attempt = session.exec(select(ClipAttempt).where(ClipAttempt.prediction_id == running)).one()
    assert attempt.state == "canceled"
