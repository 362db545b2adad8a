"""The one HTTP client for Replicate: auth, the shared rate limit, retries, Retry-After, problem details,
and safe output downloads. The video provider and the Whisper lyrics client both use it.

The API token only ever goes to the API's own host: calls take paths under `base_url`, and output
downloads (a different, delivery host) carry no Authorization header. Downloads go only to
allow-listed hosts over https, never to a loopback, link-local or private address (also after a
redirect), and stop at a size cap.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from vibecraft.providers.base import ProviderError, ProviderRateLimited, ProviderTimeout
from vibecraft.providers.rate_limit import RateLimiter

log = logging.getLogger(__name__)

MAX_THROTTLED_RETRIES = 6
MAX_TRANSIENT_RETRIES = 5
MAX_REDIRECTS = 5
DEFAULT_OUTPUT_HOSTS = ("replicate.delivery",)
DEFAULT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024


class CreateOutcomeUnknown(Exception):
    """A call that is not safe to repeat may or may not have taken effect (timeout or 5xx after sending)."""


class OutputExpired(ProviderError):
    """The output URL answers 403/404/410: Replicate removed the file (about an hour after it was made)."""


class UnsafeOutputURL(ProviderError):
    """An output URL (or a redirect) points somewhere we do not download from."""


@dataclass(frozen=True)
class OutputPolicy:
    """Where outputs may be fetched from. The default is strict; tests widen it for the fake server."""

    hosts: tuple[str, ...] = DEFAULT_OUTPUT_HOSTS
    allow_http: bool = False
    max_bytes: int = DEFAULT_MAX_OUTPUT_BYTES

    @classmethod
    def from_setting(cls, hosts: str, *, allow_http: bool = False, max_bytes: int = DEFAULT_MAX_OUTPUT_BYTES) -> "OutputPolicy":
        """From a comma-separated host list such as "replicate.delivery"."""
        names = tuple(h.strip().lower() for h in hosts.split(",") if h.strip())
        return cls(hosts=names or DEFAULT_OUTPUT_HOSTS, allow_http=allow_http, max_bytes=max_bytes)

    def check(self, url: str) -> None:
        """Raise UnsafeOutputURL unless `url` may be fetched under this policy."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" and not (self.allow_http and parts.scheme == "http"):
            raise UnsafeOutputURL(f"Refusing to download a provider output over {parts.scheme or 'no scheme'}: only https is allowed.")
        if not host or not any(host == allowed or host.endswith("." + allowed) for allowed in self.hosts):
            raise UnsafeOutputURL(
                f"Refusing to download a provider output from {host or 'an empty host'}: "
                f"not one of the allowed hosts ({', '.join(self.hosts)})."
            )
        if _is_ip_literal(host) and host in self.hosts:
            return  # an operator listed this exact address on purpose (e.g. a test server)
        for address in _resolve(host, parts.port or (443 if parts.scheme == "https" else 80)):
            if _is_internal(address):
                raise UnsafeOutputURL(f"Refusing to download a provider output from {host}: it resolves to an internal address.")


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ProviderError(f"Could not resolve the output host {host}: {e}") from e
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
            or address.is_multicast or address.is_unspecified)


class ReplicateHTTP:
    """Calls to the Replicate API (paths under `base_url`) and downloads of its outputs."""

    def __init__(
        self,
        api_token: str,
        base_url: str = "https://api.replicate.com/v1",
        *,
        rate_limiter: RateLimiter | None = None,
        timeout: float = 30.0,
        retry_backoff: float = 1.0,
        output_policy: OutputPolicy | None = None,
        client: httpx.Client | None = None,
        user_agent: str = "vibecraft",
        max_throttled_retries: int = MAX_THROTTLED_RETRIES,
    ):
        if not api_token:
            raise ValueError("Replicate needs an API token")
        self.base_url = base_url.rstrip("/")
        self.rate_limiter = rate_limiter
        self.retry_backoff = retry_backoff
        self.max_throttled_retries = max_throttled_retries
        self.output_policy = output_policy or OutputPolicy()
        self._auth = {"Authorization": f"Bearer {api_token}", "User-Agent": user_agent}
        self.client = client or httpx.Client(timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        *,
        kind: str = "call",
        deadline: float | None = None,
        safe_to_repeat: bool = True,
        **kwargs,
    ) -> httpx.Response:
        """Send one API call (path relative to base_url, e.g. "/predictions").

        429s wait Retry-After and repeat (a throttled call did nothing); 5xx and network errors
        repeat when `safe_to_repeat`, else raise CreateOutcomeUnknown. Other 4xx raise ProviderError
        with the problem+json detail. `deadline` is a time.monotonic() value.
        """
        if "://" in path:
            raise ValueError("ReplicateHTTP.request takes an API path; the token never goes to other hosts")
        headers = {**self._auth, **kwargs.pop("headers", {})}
        throttled = transient = 0
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise ProviderTimeout(f"Replicate call {method} {path} ran out of time.")
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
                    if throttled > self.max_throttled_retries or (remaining is not None and wait > remaining):
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

    def download(self, url: str, out_path: Path, *, deadline: float | None = None, what: str = "the output") -> Path:
        """Copy an output file to out_path under the output policy (no token, checked hosts, size cap).

        Network errors and 5xx are retried; an expired output raises OutputExpired at once.
        """
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        partial = out_path.with_name(out_path.name + ".part")
        for attempt in range(MAX_TRANSIENT_RETRIES + 1):
            try:
                failure = self._fetch_once(url, partial, what)
            except httpx.TransportError as e:
                failure = str(e) or type(e).__name__
            except ProviderError:
                partial.unlink(missing_ok=True)
                raise
            if failure is None:
                partial.replace(out_path)
                return out_path
            if attempt == MAX_TRANSIENT_RETRIES or (deadline is not None and time.monotonic() >= deadline):
                partial.unlink(missing_ok=True)
                raise ProviderError(f"Could not download {what}: {failure}")
            time.sleep(self.retry_backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _fetch_once(self, url: str, partial: Path, what: str) -> str | None:
        """One download, following redirects by hand so every hop is checked. None on success, else why not."""
        policy = self.output_policy
        for _ in range(MAX_REDIRECTS + 1):
            policy.check(url)
            with self.client.stream("GET", url, headers={"User-Agent": self._auth["User-Agent"]}, follow_redirects=False) as response:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        return f"HTTP {response.status_code} without a Location"
                    url = urljoin(url, location)
                    continue
                if response.status_code in (403, 404, 410):
                    raise OutputExpired(
                        f"{what[0].upper()}{what[1:]} is no longer available (HTTP {response.status_code}); "
                        "outputs expire about an hour after they are made."
                    )
                if 400 <= response.status_code < 500:
                    raise ProviderError(f"Could not download {what} (HTTP {response.status_code}).")
                if response.status_code >= 300:
                    return f"HTTP {response.status_code}"
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > policy.max_bytes:
                    raise ProviderError(f"{what[0].upper()}{what[1:]} is {declared} bytes, over the {policy.max_bytes}-byte limit.")
                written = 0
                with partial.open("wb") as f:
                    for chunk in response.iter_bytes():
                        written += len(chunk)
                        if written > policy.max_bytes:
                            raise ProviderError(f"{what[0].upper()}{what[1:]} is larger than the {policy.max_bytes}-byte limit.")
                        f.write(chunk)
                return None
        raise UnsafeOutputURL(f"Refusing to download {what}: more than {MAX_REDIRECTS} redirects.")


def retry_after_seconds(response: httpx.Response, default: float = 5.0) -> float:
    """Seconds a 429 asks us to wait: the Retry-After header (seconds or a date), else `retry_after` in the body."""
    header = response.headers.get("Retry-After")
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
            except (TypeError, ValueError):
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


def _describe_field(item) -> str:  # noqa: ANN001
    if not isinstance(item, dict):
        return str(item)
    return f"{item.get('field', '?')}: {item.get('description', item.get('type', 'invalid'))}"
