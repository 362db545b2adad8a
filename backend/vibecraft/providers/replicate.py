"""Clips made by a video model on Replicate, through a small HTTP client of our own.

Creates are never repeated blindly: a create that timed out or answered 5xx may have made a
(billed) prediction, and Replicate has no idempotency key, so we look for it instead.
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
from vibecraft.providers.base import ClipRequest, ProviderError, ProviderRateLimited, ProviderTimeout, VideoProvider
from vibecraft.providers.rate_limit import RateLimiter
from vibecraft.providers.replicate_models import build_input, model_spec

log = logging.getLogger(__name__)

DATA_URL_MAX_BYTES = 256 * 1024
TERMINAL_STATUSES = {"succeeded", "failed", "canceled", "aborted"}
VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".m4v")
MAX_THROTTLED_RETRIES = 6
MAX_TRANSIENT_RETRIES = 5
LOOKUP_CLOCK_SKEW = timedelta(seconds=60)
LOOKUP_ATTEMPTS = 3


class CreateOutcomeUnknown(Exception):
    """The create call may or may not have made a prediction (timeout or 5xx after sending)."""


class ReplicateVideoProvider(VideoProvider):
    """Makes each clip with one Replicate prediction: create, poll, download, check."""

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
        webhook_url: str | None = None,
        resolution: str = "720p",
        client: httpx.Client | None = None,
        retry_backoff: float = 1.0,
    ):
        if not api_token:
            raise ValueError("ReplicateVideoProvider needs an API token")
        self.spec = model_spec(model)  # fails early on a model we know nothing about
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.rate_limiter = rate_limiter
        self.poll_interval = poll_interval
        self.max_poll_interval = poll_interval * 5
        self.deadline_sec = deadline_sec
        self.webhook_url = webhook_url
        self.resolution = resolution
        self.retry_backoff = retry_backoff
        self._auth = {"Authorization": f"Bearer {api_token}"}
        self.client = client or httpx.Client(timeout=http_timeout)

    # ---- what the planner asks before generating ------------------------------------------

    def supported_duration(self, seconds: float) -> float:
        """The next length up that the model allows (its longest if `seconds` is beyond it)."""
        return self.spec.next_length(seconds)

    def preferred_clip_lengths(self) -> tuple[float, float]:
        return (self.spec.lengths[0], self.spec.lengths[-1])

    def estimate_cost_usd(self, seconds: float) -> float:
        """An estimate from a hand-kept price table, for the length actually asked for."""
        if self.spec.usd_per_clip:
            return self.spec.usd_per_clip
        return round(self.spec.price_per_second(self.resolution) * self.supported_duration(seconds), 4)

    def estimate_seconds(self, seconds: float) -> float:
        return self.spec.wall_overhead_sec + self.spec.wall_sec_per_clip_sec * self.supported_duration(seconds)

    # ---- making a clip ----------------------------------------------------------------------

    def generate(self, request: ClipRequest, out_path: Path) -> Path:
        """Create a prediction, wait for it, and copy its video to out_path at once."""
        deadline = time.monotonic() + self.deadline_sec
        image_url = self._image_input(request.first_frame, deadline) if request.first_frame else None
        model_input = build_input(
            self.model,
            prompt=request.prompt,
            duration=self.supported_duration(request.duration),
            shape=request.shape,
            seed=request.seed,
            resolution=self.resolution,
            image_url=image_url,
        )
        prediction = self._create(model_input, deadline)
        log.info("replicate: prediction %s created for %s", prediction["id"], self.model)
        prediction = self._wait(prediction, deadline)
        url = output_video_url(prediction)
        return self._download(url, prediction["id"], Path(out_path), deadline)

    def _create(self, model_input: dict, deadline: float) -> dict:
        body: dict = {"input": model_input}
        if self.webhook_url:
            body["webhook"] = self.webhook_url
            body["webhook_events_filter"] = ["completed"]
        headers = {"Cancel-After": cancel_after_header(self.deadline_sec)}
        sent_at = datetime.now(timezone.utc)
        try:
            response = self._call(
                "POST", f"/models/{self.model}/predictions", "create", deadline, json=body, headers=headers, safe_to_repeat=False
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
                return found
            raise ProviderError(
                f"Replicate did not confirm the new prediction ({e}). It may still exist and be billed, "
                "so it was not created again, and no matching prediction was found in the recent list. "
                "Check the Replicate dashboard before retrying."
            ) from e
        return response.json()

    def _find_prediction_made_by(self, model_input: dict, sent_at: datetime, deadline: float) -> dict | None:
        """The one recent prediction with exactly our model and input (seed included), if unmistakable."""
        try:
            listing = self._call("GET", "/predictions", "call", deadline).json()
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

    def _wait(self, prediction: dict, deadline: float) -> dict:
        """Poll until the prediction ends; cancel it and raise ProviderTimeout at our deadline."""
        interval = self.poll_interval
        prediction_id = prediction["id"]
        while prediction.get("status") not in TERMINAL_STATUSES:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._give_up(prediction_id)
            time.sleep(min(interval, remaining))
            interval = min(interval * 1.5, self.max_poll_interval)
            try:
                prediction = self._call("GET", f"/predictions/{prediction_id}", "call", deadline).json()
            except ProviderTimeout:
                self._give_up(prediction_id)
        return check_finished(prediction)

    def _give_up(self, prediction_id: str) -> None:
        """Cancel a prediction that outlived our deadline (so it stops costing) and raise."""
        self._cancel(prediction_id)
        raise ProviderTimeout(
            f"Replicate prediction {prediction_id} did not finish within {self.deadline_sec:g} s; it was canceled."
        )

    def _cancel(self, prediction_id: str) -> None:
        try:
            self._call("POST", f"/predictions/{prediction_id}/cancel", "call", None)
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
        uploaded = self._call("POST", "/files", "call", deadline, files=files, safe_to_repeat=True).json()
        return uploaded["urls"]["get"]

    def _download(self, url: str, prediction_id: str, out_path: Path, deadline: float) -> Path:
        """Copy the output now (Replicate deletes it within an hour) and check it is a video."""
        out_path.parent.mkdir(parents=True, exist_ok=True)
        partial = out_path.with_name(out_path.name + ".part")
        for attempt in range(MAX_TRANSIENT_RETRIES + 1):
            try:
                with self.client.stream("GET", url, headers=self._auth, follow_redirects=True) as response:
                    if response.status_code in (403, 404, 410):
                        raise ProviderError(
                            f"The output of Replicate prediction {prediction_id} is no longer available "
                            f"(HTTP {response.status_code}); outputs expire about an hour after they are made."
                        )
                    if 400 <= response.status_code < 500:
                        raise ProviderError(
                            f"Could not download the output of Replicate prediction {prediction_id} "
                            f"(HTTP {response.status_code})."
                        )
                    if response.status_code < 300:
                        with partial.open("wb") as f:
                            for chunk in response.iter_bytes():
                                f.write(chunk)
                        break
                    failure = f"HTTP {response.status_code}"
            except httpx.TransportError as e:
                failure = str(e) or type(e).__name__
            if attempt == MAX_TRANSIENT_RETRIES or time.monotonic() >= deadline:
                partial.unlink(missing_ok=True)
                raise ProviderError(f"Could not download the output of Replicate prediction {prediction_id}: {failure}")
            time.sleep(self.retry_backoff * 2**attempt)
        _check_is_video(partial, prediction_id)
        partial.replace(out_path)
        return out_path

    # ---- one HTTP call, with the shared rate limit and the retry policy ----------------------

    def _call(
        self,
        method: str,
        path: str,
        kind: str,
        deadline: float | None,
        *,
        safe_to_repeat: bool = True,
        **kwargs,
    ) -> httpx.Response:
        """Send one API call. 429s wait Retry-After and repeat (nothing was made); other failures
        repeat only when `safe_to_repeat`, else raise CreateOutcomeUnknown."""
        headers = {**self._auth, **kwargs.pop("headers", {})}
        throttled = transient = 0
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise ProviderTimeout(f"Replicate call {method} {path} ran out of time ({self.deadline_sec:g} s deadline).")
            if self.rate_limiter:
                self.rate_limiter.acquire("create" if kind == "create" else "call", max_wait=remaining)
            try:
                response = self.client.request(method, self.base_url + path, headers=headers, **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout) as e:
                failure = f"could not connect: {e}"  # nothing was sent, so even a create may repeat
            except httpx.TransportError as e:
                failure = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                if not safe_to_repeat:
                    raise CreateOutcomeUnknown(failure) from e
            else:
                if response.status_code == 429:
                    throttled += 1
                    wait = retry_after_seconds(response)
                    if throttled > MAX_THROTTLED_RETRIES or (remaining is not None and wait > remaining):
                        raise ProviderRateLimited(f"Replicate is throttling us: {problem_detail(response)}")
                    log.info("replicate: 429 on %s %s; waiting %.1f s", method, path, wait)
                    if self.rate_limiter:
                        self.rate_limiter.pause(wait)
                    time.sleep(wait)
                    continue
                if response.status_code < 400:
                    return response
                if response.status_code < 500:
                    raise ProviderError(
                        f"Replicate refused {method} {path} (HTTP {response.status_code}): {problem_detail(response)}"
                    )
                failure = f"HTTP {response.status_code}: {problem_detail(response)}"
                if not safe_to_repeat:
                    raise CreateOutcomeUnknown(failure)
            transient += 1
            if transient > MAX_TRANSIENT_RETRIES:
                raise ProviderError(f"Replicate kept failing on {method} {path}: {failure}")
            log.info("replicate: %s %s failed (%s); retrying", method, path, failure)
            time.sleep(self.retry_backoff * 2 ** (transient - 1))


def cancel_after_header(seconds: float) -> str:
    """A `Cancel-After` value such as "15m" or "90s" (Replicate's minimum is 5 s)."""
    whole = max(5, int(seconds + 0.999))
    return f"{whole // 60}m" if whole % 60 == 0 else f"{whole}s"


def retry_after_seconds(response: httpx.Response, default: float = 5.0) -> float:
    """Seconds a 429 asks us to wait: the Retry-After header, else `retry_after` in the body."""
    header = response.headers.get("Retry-After")
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
    try:
        value = response.json().get("retry_after")
        if value is not None:
            return max(0.0, float(value))
    except (ValueError, AttributeError, TypeError):
        pass
    return default


def problem_detail(response: httpx.Response) -> str:
    """The human part of a problem+json error, with any invalid fields spelled out."""
    try:
        problem = response.json()
    except ValueError:
        return response.text[:300] or response.reason_phrase
    if not isinstance(problem, dict):
        return str(problem)[:300]
    detail = str(problem.get("detail") or problem.get("title") or response.reason_phrase)
    invalid = problem.get("invalid_fields") or []
    if invalid:
        detail = f"{detail} ({'; '.join(_describe_field(item) for item in invalid)})"
    return detail


def _describe_field(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    return f"{item.get('field', '?')}: {item.get('description', item.get('type', 'invalid'))}"


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


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
