"""Clips made by a video model on Replicate, through our own HTTP client (providers/replicate_http.py).

Billing safety: every create is recorded on the clip attempt (a PredictionTracker) in its own commit,
just before it is sent and right after it answers. A job that runs again follows the recorded
prediction instead of paying for another. A create that timed out or answered 5xx may have made a
(billed) prediction, and Replicate has no idempotency key, so it is looked for, never repeated blindly.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx

from vibecraft.ffmpeg import FFmpegError, probe
from vibecraft.providers.base import (
    ClipRequest,
    PredictionTracker,
    ProviderError,
    ProviderTimeout,
    VideoProvider,
)
from vibecraft.providers.rate_limit import RateLimiter
from vibecraft.providers.replicate_http import (
    CreateOutcomeUnknown,
    OutputExpired,
    OutputPolicy,
    ReplicateHTTP,
    problem_detail,  # noqa: F401  (re-exported for callers of the old module)
    retry_after_seconds,  # noqa: F401
)
from vibecraft.providers.replicate_models import build_input, model_spec

log = logging.getLogger(__name__)

DATA_URL_MAX_BYTES = 256 * 1024
TERMINAL_STATUSES = {"succeeded", "failed", "canceled", "aborted"}
VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".m4v")
LOOKUP_CLOCK_SKEW = timedelta(seconds=60)
LOOKUP_ATTEMPTS = 3


class ReplicateVideoProvider(VideoProvider):
    """Makes each clip with one Replicate prediction: create (recorded), poll, download, check."""

    name = "replicate"

    def __init__(
        self,
        api_token: str,
        model: str = "bytedance/seedance-1-lite",
        base_url: str = "https://api.replicate.com/v1",
        rate_limiter: RateLimiter | None = None,
        poll_interval: float = 2.0,
        deadline_sec: float = 900.0,
        http_timeout: float = 30.0,
        target_height: int = 1080,
        client: httpx.Client | None = None,
        retry_backoff: float = 1.0,
        output_policy: OutputPolicy | None = None,
    ):
        if not api_token:
            raise ValueError("ReplicateVideoProvider needs an API token")
        self.spec = model_spec(model)  # fails early on a model we know nothing about
        self.model = model
        self.poll_interval = poll_interval
        self.max_poll_interval = poll_interval * 5
        self.deadline_sec = deadline_sec
        self.target_height = target_height
        self.retry_backoff = retry_backoff
        self.http = ReplicateHTTP(
            api_token, base_url, rate_limiter=rate_limiter, timeout=http_timeout, retry_backoff=retry_backoff,
            output_policy=output_policy, client=client,
        )

    @property
    def resolution(self) -> str | None:
        """The model's resolution nearest the final video's height (what we ask for and are priced at)."""
        return self.spec.nearest_resolution(self.target_height)

    # ---- what the planner asks before generating ------------------------------------------

    def supported_duration(self, seconds: float) -> float:
        """The next length up that the model allows (its longest if `seconds` is beyond it)."""
        return self.spec.next_length(seconds)

    def preferred_clip_lengths(self) -> tuple[float, float]:
        return (self.spec.lengths[0], self.spec.lengths[-1])

    def takes_first_frame(self) -> bool:
        return self.spec.image_field is not None

    def estimate_cost_usd(self, seconds: float) -> float:
        """An estimate from a hand-kept price table, for the length and resolution actually asked for."""
        return self.spec.price_usd(self.supported_duration(seconds), self.resolution)

    def estimate_seconds(self, seconds: float) -> float:
        return self.spec.wall_overhead_sec + self.spec.wall_sec_per_clip_sec * self.supported_duration(seconds)

    def cancel_prediction(self, prediction_id: str) -> None:
        self._cancel(prediction_id)

    # ---- making a clip ----------------------------------------------------------------------

    def generate(self, request: ClipRequest, out_path: Path) -> Path:
        """Follow the attempt's recorded prediction, or create one; wait for it; copy its video at once."""
        deadline = time.monotonic() + self.deadline_sec
        tracker = request.tracker
        prediction = self._resume(tracker, deadline) if tracker else None
        if prediction is None:
            model_input = self._input_for(request, deadline)
            prediction = self._create(model_input, deadline, tracker)
        prediction = self._wait(prediction, deadline, tracker)
        url = output_video_url(prediction)
        try:
            path = self.http.download(
                url, Path(out_path), deadline=deadline, what=f"the output of Replicate prediction {prediction['id']}"
            )
        except OutputExpired as e:
            if tracker:
                tracker.finished("expired", str(e))
            raise
        _check_is_video(path, prediction["id"])
        return path

    def _input_for(self, request: ClipRequest, deadline: float) -> dict:
        image_url = self._image_input(request.first_frame, deadline) if request.first_frame else None
        return build_input(
            self.model,
            prompt=request.prompt,
            duration=self.supported_duration(request.duration),
            shape=request.shape,
            seed=request.seed,
            resolution=self.resolution,
            image_url=image_url,
        )

    def _resume(self, tracker: PredictionTracker, deadline: float) -> dict | None:
        """The prediction an earlier run of this attempt created, if it can still be followed."""
        stored = tracker.current()
        if stored is None:
            return None
        if stored.prediction_id:
            try:
                prediction = self.http.request("GET", f"/predictions/{stored.prediction_id}", deadline=deadline).json()
            except ProviderError as e:
                log.warning("replicate: recorded prediction %s cannot be read (%s); making a new one", stored.prediction_id, e)
                tracker.finished("failed", f"could not be read again: {e}")
                return None
            log.info("replicate: resuming prediction %s (%s)", prediction["id"], prediction.get("status"))
            return prediction
        # A create was sent but its answer never recorded (the worker died in between): find it.
        found = None
        if stored.model_input is not None and "seed" in stored.model_input:
            found = self._find_prediction_made_by(stored.model_input, stored.sent_at or datetime.now(timezone.utc), deadline)
        if found:
            log.info("replicate: found prediction %s from an earlier unrecorded create; following it", found["id"])
            tracker.created(found["id"])
            return found
        return None

    def _create(self, model_input: dict, deadline: float, tracker: PredictionTracker | None) -> dict:
        # Pinned to the version whose input schema we keep, so a new model version cannot change our inputs.
        body: dict = {"version": self.spec.version, "input": model_input}
        headers = {"Cancel-After": cancel_after_header(self.deadline_sec)}
        sent_at = datetime.now(timezone.utc)
        if tracker:
            tracker.creating(self.model, model_input)
        try:
            response = self.http.request(
                "POST", "/predictions", kind="create", deadline=deadline, json=body,
                headers=headers, safe_to_repeat=False,
            )
        except CreateOutcomeUnknown as e:
            found = None
            # Without our seed in the input, two clips with one prompt look alike: no lookup.
            for attempt in range(LOOKUP_ATTEMPTS if "seed" in model_input else 0):
                if attempt:
                    time.sleep(self.retry_backoff * 2**attempt)  # a fresh prediction may lag in the list
                found = self._find_prediction_made_by(model_input, sent_at, deadline)
                if found:
                    break
            if found:
                log.warning("replicate: create answered %s, but prediction %s exists; following it", e, found["id"])
                if tracker:
                    tracker.created(found["id"])
                return found
            message = (
                f"Replicate did not confirm the new prediction ({e}). It may still exist and be billed, "
                "so it was not created again, and no matching prediction was found in the recent list. "
                "Check the Replicate dashboard before retrying."
            )
            if tracker:
                tracker.finished("unconfirmed", message)
            raise ProviderError(message) from e
        except ProviderError as e:
            if tracker:
                tracker.finished("failed", str(e))  # refused (4xx/429): nothing was made or billed
            raise
        prediction = response.json()
        if tracker:
            tracker.created(prediction["id"])
        log.info("replicate: prediction %s created for %s", prediction["id"], self.model)
        return prediction

    def _find_prediction_made_by(self, model_input: dict, sent_at: datetime, deadline: float) -> dict | None:
        """The one recent prediction with exactly our model and input (seed included), if unmistakable."""
        try:
            listing = self.http.request("GET", "/predictions", deadline=deadline).json()
        except (ProviderError, CreateOutcomeUnknown) as e:
            log.warning("replicate: could not list predictions to find an unconfirmed create: %s", e)
            return None
        matches = []
        for candidate in listing.get("results", []):
            created_at = _parse_time(candidate.get("created_at"))
            if candidate.get("model") not in (None, self.model):
                continue
            if created_at is None or created_at < sent_at - LOOKUP_CLOCK_SKEW:
                continue
            if _same_input(candidate.get("input") or {}, model_input):
                matches.append(candidate)
        return matches[0] if len(matches) == 1 else None

    def _wait(self, prediction: dict, deadline: float, tracker: PredictionTracker | None) -> dict:
        """Poll until the prediction ends; cancel it and raise ProviderTimeout at our deadline."""
        interval = self.poll_interval
        prediction_id = prediction["id"]
        while prediction.get("status") not in TERMINAL_STATUSES:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._give_up(prediction_id, tracker)
            time.sleep(min(interval, remaining))
            interval = min(interval * 1.5, self.max_poll_interval)
            try:
                prediction = self.http.request("GET", f"/predictions/{prediction_id}", deadline=deadline).json()
            except ProviderTimeout:
                self._give_up(prediction_id, tracker)
        try:
            finished = check_finished(prediction)
        except ProviderError as e:
            if tracker:
                tracker.finished("canceled" if prediction.get("status") in ("canceled", "aborted") else "failed", str(e))
            raise
        if tracker:
            tracker.finished("succeeded")
        return finished

    def _give_up(self, prediction_id: str, tracker: PredictionTracker | None) -> None:
        """Cancel a prediction that outlived our deadline (so it stops costing) and raise."""
        self._cancel(prediction_id)
        message = f"Replicate prediction {prediction_id} did not finish within {self.deadline_sec:g} s; it was canceled."
        if tracker:
            tracker.finished("canceled", message)
        raise ProviderTimeout(message)

    def _cancel(self, prediction_id: str) -> None:
        try:
            self.http.request("POST", f"/predictions/{prediction_id}/cancel")
        except (ProviderError, CreateOutcomeUnknown) as e:
            # Cancel-After on the create stops it on Replicate's side anyway.
            log.warning("replicate: cancel of %s failed: %s", prediction_id, e)

    def _image_input(self, path: Path, deadline: float) -> str:
        """A data URL for a small first frame; a larger one is uploaded through /files."""
        data = Path(path).read_bytes()
        mime = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        if len(data) <= DATA_URL_MAX_BYTES:
            return f"data:{mime};base64,{base64.b64encode(data).decode()}"
        files = {"content": (Path(path).name, data, mime)}
        # Repeating an upload costs nothing but storage, so it may be retried.
        uploaded = self.http.request("POST", "/files", deadline=deadline, files=files).json()
        return uploaded["urls"]["get"]


def cancel_after_header(seconds: float) -> str:
    """A `Cancel-After` value such as "15m" or "90s" (Replicate's minimum is 5 s)."""
    whole = max(5, int(seconds + 0.999))
    return f"{whole // 60}m" if whole % 60 == 0 else f"{whole}s"


def check_finished(prediction: dict) -> dict:
    """The prediction if it succeeded; a ProviderError that says why if not."""
    status = prediction.get("status")
    pid = prediction.get("id", "?")
    error = prediction.get("error")
    if status == "succeeded":
        return prediction
    if status == "failed":
        raise ProviderError(f"Replicate prediction {pid} failed: {error or 'no reason given'}")
    if status == "canceled":
        raise ProviderError(f"Replicate prediction {pid} was canceled{': ' + str(error) if error else ''}.")
    if status == "aborted":
        raise ProviderError(
            f"Replicate prediction {pid} was aborted: its deadline passed before it started"
            f"{' (' + str(error) + ')' if error else ''}. Replicate may be busy; try again later."
        )
    raise ProviderError(f"Replicate prediction {pid} ended in an unknown state {status!r}.")


def output_video_url(prediction: dict) -> str:
    """The URL of the video in a prediction's output (a URL, or a list holding one)."""
    output = prediction.get("output")
    urls = [output] if isinstance(output, str) else [u for u in output or [] if isinstance(u, str)]
    if not urls:
        raise ProviderError(f"Replicate prediction {prediction.get('id', '?')} succeeded but returned no file.")
    videos = [u for u in urls if u.split("?", 1)[0].lower().endswith(VIDEO_SUFFIXES)]
    return (videos or urls)[0]


def _check_is_video(path: Path, prediction_id: str) -> None:
    try:
        if path.stat().st_size == 0:
            raise ProviderError(f"Replicate prediction {prediction_id} returned an empty file.")
        streams = probe(path, timeout=60).get("streams", [])
    except FFmpegError as e:
        path.unlink(missing_ok=True)
        raise ProviderError(f"Replicate prediction {prediction_id} returned a file that is not a video.") from e
    except ProviderError:
        path.unlink(missing_ok=True)
        raise
    if not any(s.get("codec_type") == "video" for s in streams):
        path.unlink(missing_ok=True)
        raise ProviderError(f"Replicate prediction {prediction_id} returned a file with no video stream.")


def _same_input(theirs: dict, ours: dict) -> bool:
    # Data URLs come back rewritten as file URLs, so images are left out of the comparison.
    keys = [k for k in ours if not (isinstance(ours[k], str) and ours[k].startswith("data:"))]
    return all(theirs.get(k) == ours[k] for k in keys)


def _parse_time(value) -> datetime | None:  # noqa: ANN001
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
