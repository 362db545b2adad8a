"""HTTP-level protections: explicit CORS origins, security headers on every answer, request bodies bounded
before anything parses them, and access logs without credentials."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vibecraft.config import Settings
from vibecraft.errors import AppError, PayloadTooLarge

# Routes that take multipart/form-data (an upload); every other route takes JSON of at most MAX_JSON_BYTES.
UPLOAD_ROUTES = (
    ("POST", re.compile(r"^/api/songs/?$")),
    ("POST", re.compile(r"^/api/songs/[^/]+/media/?$")),
)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class UploadStalled(AppError):
    status_code = 408


def is_upload_route(method: str, path: str) -> bool:
    return any(method == m and pattern.match(path) for m, pattern in UPLOAD_ROUTES)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def media_origins(settings: Settings) -> list[str]:
    """Where the browser fetches media from besides this origin: the S3 store of presigned URLs."""
    if settings.storage_backend != "s3":
        return []
    if settings.s3_endpoint_url:
        return [_origin(settings.s3_endpoint_url)]
    return [f"https://{settings.s3_bucket_name}.s3.{settings.s3_region}.amazonaws.com", "https://*.amazonaws.com"]


def content_security_policy(settings: Settings) -> str:
    media = " ".join(["'self'", "blob:", "data:", *media_origins(settings)])
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # React style attributes (progress widths, region colours)
        f"img-src {media}",
        f"media-src {media}",
        f"connect-src 'self' {' '.join(media_origins(settings))}".rstrip(),
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(settings: Settings) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "Content-Security-Policy": content_security_policy(settings),
    }
    if settings.env == "production":
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


class SecurityHeadersMiddleware:
    """Plain ASGI, so streamed uploads and ranged file answers pass through untouched.

    Also adds `Server-Timing: app;dur=<ms>` (until the response starts), which tells a slow answer spent
    in the API from one spent waiting on the network or the client."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]):
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                timing = (b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode())
                message["headers"] = [*message.get("headers", []), *((k, v) for k, v in self.headers if k not in present),
                                      timing]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_http_security(app: FastAPI, settings: Settings) -> None:
    """CORS only for the origins named in CORS_ORIGINS (the web app itself is same-origin), and the headers."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware, headers=security_headers(settings))


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class RequestLimitsMiddleware:
    """Bounds every request body before the app parses it.

    JSON routes: the body is read here, at most `max_json_bytes` (counted as it arrives, so a chunked body without
    Content-Length is refused as soon as it passes the limit), then handed to the app; more answers 413. Form bodies
    answer 415 except on the upload routes, which stream (their parser bounds size and parts). Every read waits at
    most `read_timeout` seconds for the next piece: a client that stalls gets 408 instead of holding a worker."""

    def __init__(self, app: ASGIApp, *, max_json_bytes: int, read_timeout: float):
        self.app, self.max_json_bytes, self.read_timeout = app, max_json_bytes, read_timeout

    async def _read(self, receive: Receive) -> Message:
        try:
            return await asyncio.wait_for(receive(), self.read_timeout)
        except asyncio.TimeoutError as e:
            raise UploadStalled(f"The request body stopped arriving for {self.read_timeout:.0f} seconds; "
                                "check the connection and try again.") from e

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        content_type = _header(scope, b"content-type").split(";")[0].strip().lower()
        if is_upload_route(method, path):
            async def timed_receive() -> Message:
                return await self._read(receive)

            await self.app(scope, timed_receive, send)
            return
        if content_type in FORM_TYPES:
            await _answer(send, 415, "This route takes a JSON body; only uploads are sent as form data.")
            return
        limit = self.max_json_bytes
        declared = _header(scope, b"content-length")
        mb = f"{limit / (1024 * 1024):g} MB"
        if declared.isdigit() and int(declared) > limit:
            await _answer(send, 413, f"The request body is larger than {mb}; send less at once.")
            return
        chunks, size = [], 0
        try:
            while True:
                message = await self._read(receive)
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    await _answer(send, 413, f"The request body is larger than {mb}; send less at once.")
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        except UploadStalled as e:
            await _answer(send, e.status_code, e.detail)
            return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def install_request_limits(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(RequestLimitsMiddleware, max_json_bytes=settings.max_json_bytes,
                       read_timeout=settings.upload_read_timeout_sec)


# Credentials that travel in URLs: share tokens in paths, URL signatures in queries.
_SECRET_IN_PATH = re.compile(r"(/share/)[^/?#\s\"]+")
_SECRET_IN_QUERY = re.compile(r"((?:^|[?&])(?:sig|signature|token|access_token|X-Amz-Signature|X-Amz-Credential|"
                              r"X-Amz-Security-Token)=)[^&#\s\"]*", re.IGNORECASE)


def redact_url(text: str) -> str:
    """The URL or request line with share tokens and signatures replaced by [redacted]."""
    return _SECRET_IN_QUERY.sub(r"\1[redacted]", _SECRET_IN_PATH.sub(r"\1[redacted]", text))


class RedactSecretsFilter(logging.Filter):
    """Rewrites uvicorn's access-log records (and any record's arguments) so that no token or signature is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_url(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact_url(record.msg)
        return True


def install_log_redaction() -> None:
    """Once per process: uvicorn's access logger, and this app's logger, never print a token or a URL signature."""
    for name in ("uvicorn.access", "vibecraft"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecretsFilter) for f in logger.filters):
            logger.addFilter(RedactSecretsFilter())
