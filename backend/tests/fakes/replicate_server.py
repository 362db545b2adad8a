"""A fake Replicate: a real HTTP server on 127.0.0.1 that speaks Replicate's prediction protocol.

Predictions go starting → processing → (planned end) on a timer; outputs are real MP4s served
by the same server and expire after `output_ttl` seconds. Faults are scripted per route:

    fake.script("create", Throttle(retry_after=1), ServerError(503))
    fake.plan(Outcome("failed", error="CUDA out of memory"))

Every create is checked against the published input schema of its model (the JSON copies in
replicate_schemas/, one per supported model version) and refused with 422 `invalid_fields` as
Replicate does. An output made from an input image starts from that image and drifts slowly, so
continuity across clips can be measured; without one, the picture depends on the seed.

Every request is recorded (`fake.requests`, `fake.calls("create")`) so tests can count them.
"""

from __future__ import annotations

import atexit
import base64
import json
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from vibecraft.ffmpeg import FFmpegError, ffmpeg_binary, run

ROUTES = ("create", "get", "cancel", "list", "files", "output")
SCHEMA_DIR = Path(__file__).with_name("replicate_schemas")
IMAGE_FIELDS = ("image", "start_image", "first_frame_image")
OUTPUT_SIZES = {"16:9": (160, 90), "9:16": (90, 160), "1:1": (120, 120), "4:3": (160, 120), "3:4": (120, 160)}


def published_schemas() -> dict[str, dict]:
    """The kept copy of each supported model's published input schema, by version id."""
    schemas = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        schemas[data["version"]] = data
    return schemas


def validate_input(schema: dict, data: dict) -> list[dict]:
    """Replicate-style `invalid_fields` for an input object checked against an OpenAPI input schema."""
    errors = []
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in data:
            errors.append(_required(f"input.{name}"))
    for name, value in data.items():
        field_name = f"input.{name}"
        spec = properties.get(name)
        if spec is None:
            errors.append({"type": "additional_property_not_allowed", "field": "input",
                           "description": f"Additional property {name} is not allowed"})
            continue
        kind = spec.get("type")
        ok = {
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
            "string": isinstance(value, str),
            "boolean": isinstance(value, bool),
            "array": isinstance(value, list),
        }.get(kind, True)
        if not ok:
            errors.append({"type": "invalid_type", "field": field_name, "description": f"Invalid type. Expected: {kind}"})
            continue
        if "enum" in spec and value not in spec["enum"]:
            allowed = ", ".join(json.dumps(v) for v in spec["enum"])
            errors.append({"type": "enum", "field": field_name, "description": f"{field_name} must be one of the following: {allowed}"})
        if "minimum" in spec and value < spec["minimum"]:
            errors.append({"type": "number_gte", "field": field_name, "description": f"Must be greater than or equal to {spec['minimum']}"})
        if "maximum" in spec and value > spec["maximum"]:
            errors.append({"type": "number_lte", "field": field_name, "description": f"Must be less than or equal to {spec['maximum']}"})
        if spec.get("format") == "uri" and not re.match(r"^(https?://|data:)", value):
            errors.append({"type": "format", "field": field_name, "description": "Does not match format 'uri'"})
    return errors


# ---- scripted behaviours ------------------------------------------------------------------------


@dataclass(frozen=True)
class Throttle:
    """Answer 429 with a Retry-After header and/or `retry_after` in the problem+json body."""

    retry_after: float = 1
    header: bool = True
    body: bool = True


@dataclass(frozen=True)
class ServerError:
    """Answer a 5xx without doing anything."""

    status: int = 500


@dataclass(frozen=True)
class SlowResponse:
    """Do the work (a create still creates), then answer only after `seconds`: a client timeout."""

    seconds: float


@dataclass(frozen=True)
class Invalid:
    """Answer 422 with `invalid_fields`."""

    invalid_fields: tuple[dict, ...] = ({"type": "required", "field": "prompt", "description": "prompt is required"},)
    detail: str = "The input was invalid."


@dataclass(frozen=True)
class Outcome:
    """How the next created prediction ends. `output`: "video", "video_list", "not_video" or "none"."""

    status: str = "succeeded"
    error: str | None = None
    output: str = "video"
    start_delay: float | None = None  # None: the server's default
    processing_delay: float | None = None
    never_finishes: bool = False


@dataclass
class RecordedRequest:
    method: str
    path: str
    route: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)

    def json(self):
        return json.loads(self.body or b"null")


# ---- real MP4s, made once per length ------------------------------------------------------------

_video_dir: Path | None = None
_video_lock = threading.Lock()


def sample_video(seconds: float) -> Path:
    """A small real H.264 MP4 of `seconds` (ffmpeg testsrc2), cached for the test session."""
    global _video_dir
    seconds = round(min(max(seconds, 0.5), 15.0), 3)
    with _video_lock:
        if _video_dir is None:
            _video_dir = Path(tempfile.mkdtemp(prefix="fake-replicate-"))
            atexit.register(shutil.rmtree, _video_dir, True)
        path = _video_dir / f"testsrc-{seconds:.3f}.mp4"
        if not path.exists():
            run(
                [
                    ffmpeg_binary(), "-v", "error", "-y", "-f", "lavfi",
                    "-i", f"testsrc2=size=160x90:rate=24:duration={seconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path),
                ],
                timeout=60,
            )
        return path


# ---- the server ---------------------------------------------------------------------------------


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, timezone.utc).isoformat().replace("+00:00", "Z")


def parse_cancel_after(value: str | None) -> float | None:
    """Seconds in a Cancel-After value such as "5m", "90s", "1h30m" or "45"."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|m|s)", value)
    if not parts:
        return None
    return sum(float(n) * {"h": 3600, "m": 60, "s": 1}[unit] for n, unit in parts)


@dataclass
class _Prediction:
    id: str
    model: str
    version: str | None
    input: dict
    outcome: Outcome
    created: float  # monotonic
    created_wall: float
    start_delay: float
    processing_delay: float
    cancel_after: float | None
    canceled_at: float | None = None  # monotonic
    video: Path | None = None  # made on first download


class FakeReplicate:
    """A Replicate stand-in. Start with `with FakeReplicate() as fake:` (or the fixture)."""

    def __init__(
        self,
        token: str = "r8_test_token",
        *,
        start_delay: float = 0.1,
        processing_delay: float = 0.3,
        output_ttl: float = 3600.0,
        port: int = 0,
        output_stall: float = 0.0,
    ):
        self.token = token
        self.port = port
        self.start_delay = start_delay
        self.processing_delay = processing_delay
        self.output_ttl = output_ttl
        self.output_stall = output_stall  # seconds an output download pauses half-way (worker-kill tests)
        self.schemas = published_schemas()
        self.requests: list[RecordedRequest] = []
        self.predictions: dict[str, _Prediction] = {}
        self.files: dict[str, tuple[str, str, bytes]] = {}  # id -> (name, content type, bytes)
        self._faults: dict[str, deque] = {route: deque() for route in ROUTES}
        self._outcomes: deque[Outcome] = deque()
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --

    def start(self) -> "FakeReplicate":
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-replicate", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeReplicate":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        assert self._server, "the fake server is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """Point a client's base_url here (it ends in /v1, as Replicate's does)."""
        return self.origin + "/v1"

    # -- scripting --

    def script(self, route: str, *behaviours) -> None:
        """Queue behaviours for the next requests on `route` (one per request, then normal again).

        Routes: create, get, cancel, list, files, output. Behaviours: Throttle,
        ServerError, SlowResponse, Invalid.
        """
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; one of {ROUTES}")
        with self._lock:
            self._faults[route].extend(behaviours)

    def plan(self, *outcomes: Outcome) -> None:
        """Queue how the next created predictions end (default: succeed with a video)."""
        with self._lock:
            self._outcomes.extend(outcomes)

    def calls(self, route: str, method: str | None = None) -> list[RecordedRequest]:
        """Recorded requests on one route (optionally one method)."""
        with self._lock:
            return [r for r in self.requests if r.route == route and (method is None or r.method == method)]

    def expire_outputs(self) -> None:
        """Make every output URL answer 404 from now on, as Replicate does after an hour."""
        self.output_ttl = -1.0

    def prediction(self, prediction_id: str) -> dict:
        """A prediction as the API would show it now."""
        with self._lock:
            return self._view(self.predictions[prediction_id])

    # -- the protocol --

    def _next_fault(self, route: str):
        with self._lock:
            return self._faults[route].popleft() if self._faults[route] else None

    def _create(self, model: str, version: str | None, body: dict, cancel_after: str | None) -> dict:
        with self._lock:
            outcome = self._outcomes.popleft() if self._outcomes else Outcome()
            pred = _Prediction(
                id=secrets.token_hex(13),
                model=model,
                version=version,
                input=body["input"],
                outcome=outcome,
                created=time.monotonic(),
                created_wall=time.time(),
                start_delay=self.start_delay if outcome.start_delay is None else outcome.start_delay,
                processing_delay=self.processing_delay if outcome.processing_delay is None else outcome.processing_delay,
                cancel_after=parse_cancel_after(cancel_after),
            )
            self.predictions[pred.id] = pred
            return self._view(pred)

    def _cancel(self, prediction_id: str) -> dict | None:
        with self._lock:
            pred = self.predictions.get(prediction_id)
            if pred is None:
                return None
            if self._view(pred)["status"] not in ("succeeded", "failed", "canceled", "aborted"):
                pred.canceled_at = time.monotonic()
            return self._view(pred)

    def _view(self, pred: _Prediction) -> dict:
        """Status and fields of a prediction at this moment, computed from its timeline."""
        now = time.monotonic()
        started = pred.created + pred.start_delay
        finished = started + pred.processing_delay
        end = float("inf") if pred.outcome.never_finishes else finished
        status, error, output, started_at, completed = "starting", None, None, None, None
        deadline = None if pred.cancel_after is None else pred.created + pred.cancel_after
        stops = [t for t in (pred.canceled_at, deadline) if t is not None]
        stop_at = min(stops) if stops else None
        if stop_at is not None and stop_at <= now and stop_at < end:
            by_deadline = stop_at == deadline and (pred.canceled_at is None or deadline < pred.canceled_at)
            if stop_at < started:
                status = "aborted" if by_deadline else "canceled"
            else:
                status, started_at = "canceled", started
            completed = stop_at
        elif now < started:
            status = "starting"
        elif now < end:
            status, started_at = "processing", started
        else:
            status, error, completed = pred.outcome.status, pred.outcome.error, finished
            started_at = None if status == "aborted" else started
            if status == "succeeded":
                output = self._output_for(pred)
        wall = lambda t: None if t is None else pred.created_wall + (t - pred.created)  # noqa: E731
        api = f"{self.base_url}/predictions/{pred.id}"
        return {
            "id": pred.id,
            "model": pred.model,
            "version": pred.version or "fake-version",
            "input": pred.input,
            "output": output,
            "error": error,
            "logs": "",
            "status": status,
            "source": "api",
            "data_removed": False,
            "created_at": _iso(pred.created_wall),
            "started_at": _iso(wall(started_at)),
            "completed_at": _iso(wall(completed)),
            "metrics": {"predict_time": pred.processing_delay} if completed and started_at else {},
            "urls": {"get": api, "cancel": f"{api}/cancel", "stream": None, "web": f"{self.origin}/p/{pred.id}"},
        }

    def _output_for(self, pred: _Prediction):
        url = f"{self.origin}/delivery/{pred.id}/output.mp4"
        return {"video": url, "video_list": [url], "not_video": url, "none": None}[pred.outcome.output]

    def _output_file(self, prediction_id: str) -> tuple[int, bytes, str]:
        """(status, body, content type) for GET of an output URL: a video made from the prediction's input."""
        with self._lock:
            pred = self.predictions.get(prediction_id)
            view = self._view(pred) if pred else None
        if not view or view["status"] != "succeeded":
            return 404, b"Not Found", "text/plain"
        finished = pred.created + pred.start_delay + pred.processing_delay
        if time.monotonic() - finished > self.output_ttl:
            return 404, b"Not Found", "text/plain"
        if pred.outcome.output == "not_video":
            return 200, b"<html><body>This is a web page, not a video.</body></html>", "video/mp4"
        with self._lock:
            if pred.video is None:
                pred.video = self._make_video(pred)
        return 200, pred.video.read_bytes(), "video/mp4"

    def _make_video(self, pred: _Prediction) -> Path:
        seconds = _requested_seconds(pred.input)
        image = self._input_image(pred.input)
        if image is not None:
            try:
                return made_video(seconds, pred.input, image)
            except FFmpegError:
                pass  # not a picture ffmpeg reads: made as if no image had come
        if "seed" not in pred.input:
            return sample_video(seconds)
        return made_video(seconds, pred.input, None)

    def _input_image(self, model_input: dict) -> bytes | None:
        url = next((model_input[k] for k in IMAGE_FIELDS if isinstance(model_input.get(k), str)), None)
        if url is None:
            return None
        if url.startswith("data:"):
            return base64.b64decode(url.split(",", 1)[1])
        match = re.search(r"/v1/files/([^/?]+)", url)
        stored = self.files.get(match[1]) if match else None
        return stored[2] if stored else None


def made_video(seconds: float, model_input: dict, image: bytes | None) -> Path:
    """A clip that starts from `image` and drifts in hue (continuity), or a test pattern tinted by the seed."""
    seconds = round(min(max(seconds, 0.5), 15.0), 3)
    directory = Path(tempfile.mkdtemp(prefix="fake-replicate-out-"))
    atexit.register(shutil.rmtree, directory, True)
    out = directory / "output.mp4"
    width, height = OUTPUT_SIZES.get(str(model_input.get("aspect_ratio")), (160, 90))
    if image is not None:
        source = directory / "input-image"
        source.write_bytes(image)
        inputs = ["-loop", "1", "-framerate", "24", "-i", str(source)]
        video_filter = f"scale={width}:{height}:force_original_aspect_ratio=decrease,pad=ceil(iw/2)*2:ceil(ih/2)*2,hue=h=6*t"
    else:
        seed = int(model_input.get("seed", 0))
        fill = f"0x{(seed * 2654435761) % 0xFFFFFF:06x}"  # another seed, another shot: turned, tinted, new ground
        inputs = ["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate=24"]
        video_filter = f"rotate=a={(seed % 16) * 0.39:.2f}:c={fill},hue=h={seed % 360}+6*t"
    run(
        [ffmpeg_binary(), "-v", "error", "-y", *inputs, "-t", f"{seconds}", "-vf", video_filter, "-r", "24",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out)],
        timeout=60,
    )
    return out


def _requested_seconds(model_input: dict) -> float:
    if "num_frames" in model_input:
        return model_input["num_frames"] / model_input.get("frames_per_second", 16)
    return float(model_input.get("duration") or 2)


def _problem(status: int, title: str, detail: str, **extra) -> dict:
    return {"title": title, "detail": detail, "status": status, **extra}


def _invalid(detail: str, invalid_fields: list[dict]) -> dict:
    return _problem(422, "Input validation failed", detail, invalid_fields=invalid_fields)


def _required(name: str) -> dict:
    return {"type": "required", "field": name, "description": f"{name.rsplit('.', 1)[-1]} is required"}


_PREDICTION_RE = re.compile(r"^/v1/predictions/([^/]+)$")
_CANCEL_RE = re.compile(r"^/v1/predictions/([^/]+)/cancel$")
_MODEL_CREATE_RE = re.compile(r"^/v1/models/([^/]+)/([^/]+)/predictions$")
_FILE_RE = re.compile(r"^/v1/files/([^/]+)$")
_DELIVERY_RE = re.compile(r"^/delivery/([^/]+)/[^/]+$")


class _Handler(BaseHTTPRequestHandler):
    fake: FakeReplicate
    server_version = "FakeReplicate/1"

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    # -- dispatch --

    def _route(self, method: str, path: str) -> str:
        if method == "POST" and (_MODEL_CREATE_RE.match(path) or path == "/v1/predictions"):
            return "create"
        if method == "GET" and path == "/v1/predictions":
            return "list"
        if method == "GET" and _PREDICTION_RE.match(path):
            return "get"
        if method == "POST" and _CANCEL_RE.match(path):
            return "cancel"
        if path == "/v1/files" or _FILE_RE.match(path):
            return "files"
        if method == "GET" and _DELIVERY_RE.match(path):
            return "output"
        return "unknown"

    def _handle(self, method: str) -> None:
        path = self.path.split("?", 1)[0]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        route = self._route(method, path)
        fake = self.fake
        with fake._lock:
            fake.requests.append(RecordedRequest(method, path, route, {k.lower(): v for k, v in self.headers.items()}, body))

        if route != "output" and self.headers.get("Authorization") != f"Bearer {fake.token}":
            return self._json(401, _problem(401, "Unauthenticated", "You did not pass a valid authentication token"))
        fault = fake._next_fault(route) if route != "unknown" else None
        if isinstance(fault, Throttle):
            return self._throttle(fault)
        if isinstance(fault, ServerError):
            return self._json(fault.status, _problem(fault.status, "Internal Server Error", "Something went wrong."))
        if isinstance(fault, Invalid):
            return self._json(422, _invalid(fault.detail, list(fault.invalid_fields)))

        status, payload, headers = self._answer(method, path, route, body)
        if isinstance(fault, SlowResponse):
            time.sleep(fault.seconds)
        if isinstance(payload, bytes):
            self._send(status, payload, headers, stall=fake.output_stall if route == "output" and status == 200 else 0.0)
        else:
            self._json(status, payload)

    def _answer(self, method: str, path: str, route: str, body: bytes) -> tuple[int, dict | bytes, dict]:
        fake = self.fake
        if route == "create":
            try:
                data = json.loads(body or b"{}")
            except json.JSONDecodeError:
                return 400, _problem(400, "Bad Request", "The body is not JSON."), {}
            model_match = _MODEL_CREATE_RE.match(path)
            if model_match:
                model, version = f"{model_match[1]}/{model_match[2]}", None
                published = next((v for v in fake.schemas.values() if v["model"] == model), None)
            else:
                version = data.get("version")
                if not version:
                    return 422, _invalid("version is required", [_required("version")]), {}
                published = fake.schemas.get(version)
                model = published["model"] if published else "unknown/version-model"
            model_input = data.get("input")
            if not isinstance(model_input, dict) or not str(model_input.get("prompt", "")).strip():
                return 422, _invalid("- input: prompt is required", [_required("input.prompt")]), {}
            if published is not None:
                invalid = validate_input(published["input_schema"], model_input)
                if invalid:
                    detail = "".join(f"- {item['field']}: {item['description']}\n" for item in invalid)
                    return 422, _invalid(detail, invalid), {}
            return 201, fake._create(model, version, data, self.headers.get("Cancel-After")), {}
        if route == "get":
            prediction_id = _PREDICTION_RE.match(path)[1]
            with fake._lock:
                pred = fake.predictions.get(prediction_id)
                view = fake._view(pred) if pred else None
            if view is None:
                return 404, _problem(404, "Not found", "The requested resource could not be found."), {}
            return 200, view, {}
        if route == "cancel":
            view = fake._cancel(_CANCEL_RE.match(path)[1])
            if view is None:
                return 404, _problem(404, "Not found", "The requested resource could not be found."), {}
            return 200, view, {}
        if route == "list":
            with fake._lock:
                results = [fake._view(p) for p in sorted(fake.predictions.values(), key=lambda p: p.created, reverse=True)]
            return 200, {"next": None, "previous": None, "results": results[:100]}, {}
        if route == "files":
            return self._files(method, path, body)
        if route == "output":
            status, content, content_type = fake._output_file(_DELIVERY_RE.match(path)[1])
            return status, content, {"Content-Type": content_type}
        return 404, _problem(404, "Not found", f"No route for {method} {path}."), {}

    def _files(self, method: str, path: str, body: bytes) -> tuple[int, dict | bytes, dict]:
        fake = self.fake
        if method == "GET":
            stored = fake.files.get(_FILE_RE.match(path)[1]) if _FILE_RE.match(path) else None
            if not stored:
                return 404, _problem(404, "Not found", "The requested resource could not be found."), {}
            return 200, stored[2], {"Content-Type": stored[1]}
        content_type = self.headers.get("Content-Type", "")
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        parts = message.iter_parts() if message.is_multipart() else []
        part = next((p for p in parts if p.get_param("name", header="content-disposition") == "content"), None)
        if part is None:
            return 422, _invalid("A multipart field named content is required.", [_required("content")]), {}
        data = part.get_payload(decode=True) or b""
        file_id = secrets.token_hex(10)
        name = part.get_filename() or "file"
        mime = part.get_content_type()
        with fake._lock:
            fake.files[file_id] = (name, mime, data)
        return 201, {
            "id": file_id,
            "name": name,
            "content_type": mime,
            "size": len(data),
            "created_at": _iso(time.time()),
            "expires_at": _iso(time.time() + 86400),
            "urls": {"get": f"{fake.base_url}/files/{file_id}"},
        }, {}

    # -- writing answers --

    def _throttle(self, fault: Throttle) -> None:
        detail = f"Request was throttled. Your rate limit resets in ~{fault.retry_after:g}s."
        payload = _problem(429, "Request was throttled", detail)
        if fault.body:
            payload["retry_after"] = fault.retry_after
        headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.header else {}
        self._send(429, json.dumps(payload).encode(), {"Content-Type": "application/problem+json", **headers})

    def _json(self, status: int, payload: dict) -> None:
        content_type = "application/problem+json" if status >= 400 else "application/json"
        self._send(status, json.dumps(payload).encode(), {"Content-Type": content_type})

    def _send(self, status: int, body: bytes, headers: dict, stall: float = 0.0) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if stall > 0:
                half = len(body) // 2
                self.wfile.write(body[:half])
                self.wfile.flush()
                time.sleep(stall)
                body = body[half:]
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (SlowResponse); the work was done all the same


def ffmpeg_available() -> bool:
    """True when ffmpeg can be run here (the fake serves real MP4s made with it)."""
    try:
        subprocess.run([ffmpeg_binary(), "-version"], capture_output=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def main() -> None:
    """Run the fake on its own (e.g. behind an API started for browser tests) until interrupted."""
    import argparse

    parser = argparse.ArgumentParser(description="A fake Replicate API on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="r8_test_token")
    parser.add_argument("--start-delay", type=float, default=0.5)
    parser.add_argument("--processing-delay", type=float, default=2.0)
    args = parser.parse_args()
    fake = FakeReplicate(args.token, start_delay=args.start_delay, processing_delay=args.processing_delay, port=args.port)
    with fake:
        print(f"fake Replicate at {fake.base_url} (token {fake.token})", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
