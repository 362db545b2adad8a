"""Lyrics through Whisper on Replicate, against a small fake that speaks Replicate's HTTP protocol on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from vibecraft.audio.lyrics import LyricsError, load_lyrics_engine
from vibecraft.audio.lyrics_replicate import WHISPER_VERSION, ReplicateWhisperLyrics

SR = 22050
TOKEN = "r8_fake_token"
WHISPER_OUTPUT = {
    "transcription": "la tristeza es muy extraña se alimenta de la belleza",
    "detected_language": "spanish",
    "segments": [
        {"id": 0, "start": 1.0, "end": 3.0, "text": " La tristeza es muy extraña"},
        {"id": 1, "start": 4.0, "end": 6.0, "text": " se alimenta de la belleza."},
    ],
}


class FakeReplicate:
    """Predictions: create → 201 starting; get → processing (once) → the planned outcome. Scripted 429s on create."""

    def __init__(self) -> None:
        self.outcome: dict = {"status": "succeeded", "output": WHISPER_OUTPUT}
        self.throttle_creates = 0
        self.requests: list[tuple[str, str, dict | None, dict]] = []
        self.polls: dict[str, int] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def calls(self, method: str, prefix: str) -> list[tuple[str, str, dict | None, dict]]:
        return [r for r in self.requests if r[0] == method and r[1].startswith(prefix)]

    def _handler(self):  # noqa: ANN202
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _record(self) -> dict | None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = None
                if self.headers.get("Content-Type", "").startswith("application/json") and raw:
                    body = json.loads(raw)
                fake.requests.append((self.command, self.path, body, dict(self.headers)))
                return body

            def do_POST(self) -> None:  # noqa: N802
                body = self._record()
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._send(401, {"title": "Unauthenticated", "detail": "Invalid token.", "status": 401})
                if self.path == "/v1/files":
                    return self._send(201, {"id": "file1", "urls": {"get": f"{fake.url}/files/file1"}})
                if self.path == "/v1/predictions":
                    if fake.throttle_creates > 0:
                        fake.throttle_creates -= 1
                        return self._send(429, {"detail": "Request was throttled. Your rate limit resets in ~1s.",
                                                "status": 429, "retry_after": 1}, {"Retry-After": "1"})
                    prediction_id = f"p{len(fake.calls('POST', '/v1/predictions'))}"
                    fake.polls[prediction_id] = 0
                    return self._send(201, {"id": prediction_id, "status": "starting", "version": body["version"],
                                            "input": body["input"], "output": None, "error": None})
                if self.path.endswith("/cancel"):
                    return self._send(200, {"id": self.path.split("/")[-2], "status": "canceled"})
                return self._send(404, {"detail": "Not found.", "status": 404})

            def do_GET(self) -> None:  # noqa: N802
                self._record()
                prediction_id = self.path.rsplit("/", 1)[-1]
                if prediction_id not in fake.polls:
                    return self._send(404, {"detail": "Not found.", "status": 404})
                fake.polls[prediction_id] += 1
                if fake.polls[prediction_id] == 1 or fake.outcome["status"] == "processing":
                    return self._send(200, {"id": prediction_id, "status": "processing", "output": None, "error": None})
                return self._send(200, {"id": prediction_id, "output": None, "error": None, **fake.outcome,
                                        "metrics": {"predict_time": 1.2}})

        return Handler


@pytest.fixture
def fake() -> Iterator[FakeReplicate]:
    fake = FakeReplicate()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def engine_for(fake: FakeReplicate, **options) -> ReplicateWhisperLyrics:  # noqa: ANN003
    return ReplicateWhisperLyrics(TOKEN, base_url=fake.url, poll_interval=0.02, max_poll_interval=0.05, **options)


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.2 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)


def test_transcription_spreads_segment_words_by_length(fake: FakeReplicate):
    lines = engine_for(fake).transcribe(tone(8), SR)
    assert [line["text"] for line in lines] == ["La tristeza es muy extraña", "se alimenta de la belleza."]
    first = lines[0]["words"]
    assert first[0] == {"start": 1.0, "end": first[0]["end"], "word": "La"}
    assert first[-1]["end"] == 3.0
    assert first[1]["end"] - first[1]["start"] > first[0]["end"] - first[0]["start"]  # "tristeza" is longer than "La"
    [(_, _, body, headers)] = fake.calls("POST", "/v1/predictions")
    assert body["version"] == WHISPER_VERSION
    assert body["input"]["audio"].startswith("data:audio/mpeg;base64,")  # small: sent inline
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert len(fake.calls("GET", "/v1/predictions/")) >= 2  # polled through "processing"


def test_known_lyrics_are_mapped_onto_the_remote_timing(fake: FakeReplicate):
    text = "la tristeza es muy extraña\n\nse alimenta de la belleza"
    lines = engine_for(fake).align(tone(8), SR, text)
    assert [line["text"] for line in lines] == ["la tristeza es muy extraña", "se alimenta de la belleza"]
    assert lines[0]["start"] == 1.0 and lines[1]["start"] == 4.0
    assert lines[1]["words"][-1] == {"start": lines[1]["words"][-1]["start"], "end": 6.0, "word": "belleza"}


def test_audio_over_256_kb_is_uploaded_through_the_files_api(fake: FakeReplicate):
    engine_for(fake).transcribe(tone(60), SR)
    assert len(fake.calls("POST", "/v1/files")) == 1
    [(_, _, body, _)] = fake.calls("POST", "/v1/predictions")
    assert body["input"]["audio"] == f"{fake.url}/files/file1"


def test_a_failed_prediction_is_a_clear_error(fake: FakeReplicate):
    fake.outcome = {"status": "failed", "error": "CUDA out of memory"}
    with pytest.raises(LyricsError, match="failed: CUDA out of memory"):
        engine_for(fake).transcribe(tone(4), SR)


@pytest.mark.parametrize("status", ["canceled", "aborted"])
def test_canceled_and_aborted_predictions_are_errors(fake: FakeReplicate, status: str):
    fake.outcome = {"status": status}
    with pytest.raises(LyricsError, match=status):
        engine_for(fake).transcribe(tone(4), SR)


def test_a_throttled_create_waits_for_retry_after_then_succeeds(fake: FakeReplicate):
    fake.throttle_creates = 1
    began = time.monotonic()
    lines = engine_for(fake).transcribe(tone(4), SR)
    assert lines
    assert time.monotonic() - began >= 1.0
    assert len(fake.calls("POST", "/v1/predictions")) == 2


def test_a_prediction_past_the_deadline_is_canceled(fake: FakeReplicate):
    fake.outcome = {"status": "processing"}
    with pytest.raises(LyricsError, match="did not finish"):
        engine_for(fake, deadline_sec=0.3).transcribe(tone(4), SR)
    assert fake.calls("POST", "/v1/predictions/p1/cancel")


def test_a_refused_token_is_an_error_with_the_servers_detail(fake: FakeReplicate):
    engine = ReplicateWhisperLyrics("wrong", base_url=fake.url, poll_interval=0.02)
    with pytest.raises(LyricsError, match="401.*Invalid token"):
        engine.transcribe(tone(4), SR)


def test_silence_and_short_input_never_reach_the_network(fake: FakeReplicate):
    engine = engine_for(fake)
    assert engine.transcribe(np.zeros(SR * 5, np.float32), SR) == []
    assert engine.align(tone(1), SR, "la tristeza") == []
    assert fake.requests == []


def test_loader_builds_the_replicate_engine_for_a_token(fake: FakeReplicate):
    engine = load_lyrics_engine("replicate", replicate_api_token=TOKEN, replicate_base_url=fake.url)
    assert isinstance(engine, ReplicateWhisperLyrics)
