"""Browser-facing protections: explicit CORS origins and security headers on every answer."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vibecraft.config import Settings


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
