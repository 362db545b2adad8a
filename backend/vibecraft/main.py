"""create_app(): the API under /api, error handling, and the built web app at /."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from vibecraft import __version__
from vibecraft.api import (
    analysis, auth, beat_grid, clips, files, health, jobs, lyrics, media, password_reset, sections, share, songs,
    timeline_export, users, videos,
)
from vibecraft.config import get_settings
from vibecraft.errors import AppError
from vibecraft.http_security import install_http_security, install_log_redaction, install_request_limits
from vibecraft.jobs.runner import requeue_orphaned_jobs, sweep
from vibecraft.services.sharing import request_base_url, share_exists
from vibecraft.share_preview import share_preview, with_preview
from vibecraft.storage.base import StorageError

log = logging.getLogger("vibecraft")

FRONTEND_DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",))
        msg = str(err.get("msg", "is invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "Invalid request: " + "; ".join(parts) if parts else "Invalid request body."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_detail(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Not found."
        if exc.status_code == 405:
            detail = "This method is not allowed here."
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(StorageError)
    async def _storage(request: Request, exc: StorageError) -> JSONResponse:
        log.error("storage failed on %s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": "File storage is briefly unavailable; nothing was changed, please try again."},
                            status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:
            log.warning("database connection lost on %s %s", request.method, request.url.path)
            return JSONResponse({"detail": "The database is briefly unavailable; please try again."}, status_code=503,
                                headers={"Retry-After": "2"})
        log.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"detail": "Something went wrong on our side; please try again."}, status_code=500)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"detail": "Something went wrong on our side; please try again."}, status_code=500)


def api_router() -> APIRouter:
    """Every API route under /api."""
    router = APIRouter(prefix="/api")
    router.include_router(lyrics.router)  # first: /share/{token}/captions.vtt before /share/{token}/{kind}
    for module in (health, auth, password_reset, users, songs, analysis, beat_grid, sections, clips, videos, timeline_export, share, jobs, files):
        router.include_router(module.router)
    router.include_router(media.router)  # media shelf, prompt reading
    return router


def _start_background_sweeps(stop: threading.Event) -> None:
    settings = get_settings()
    if not settings.uses_rq:
        requeue_orphaned_jobs()  # jobs queued on threads of a previous process died with it

    def loop() -> None:
        while not stop.wait(max(5.0, settings.job_stale_after_sec / 3)):
            try:
                sweep()
            except Exception:
                log.warning("stale-job sweep failed", exc_info=True)

    threading.Thread(target=loop, name="vibecraft-reaper", daemon=True).start()


class RequestBaseMiddleware:
    """Remembers the origin each request came to, so links built deep in the code (share links) can be absolute
    when PUBLIC_BASE_URL is not set."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request_base_url.set(str(Request(scope).base_url))
        await self.app(scope, receive, send)


def document_error_shape(app: FastAPI) -> None:
    """The schema says what the handlers above send: a 422 is `{"detail": "<sentence>"}` like every other error."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in schemas:
                schemas["HTTPValidationError"] = {
                    "title": "HTTPValidationError", "type": "object", "required": ["detail"],
                    "properties": {"detail": {"type": "string", "title": "Detail",
                                              "description": "What is wrong with the request, in a sentence."}}}
                schemas.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


def create_app(*, run_sweeps: bool = True) -> FastAPI:
    settings = get_settings()
    stop = threading.Event()

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        if run_sweeps:
            _start_background_sweeps(stop)
        yield
        stop.set()

    app = FastAPI(
        title="VibeCraft API",
        version=__version__,
        description="Turn a song into a beat-synced music video.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(RequestBaseMiddleware)
    install_request_limits(app, settings)
    install_http_security(app, settings)
    install_log_redaction()
    app.include_router(api_router())
    document_error_shape(app)
    mount_web_app(app, settings)
    return app


def mount_web_app(app: FastAPI, settings) -> None:  # noqa: ANN001
    """Serve frontend/dist: files as they are, every other non-API path gets index.html (client routing)."""

    @app.api_route("/share/{token}", methods=["GET", "HEAD"], include_in_schema=False)
    def share_page(token: str):  # noqa: ANN202
        if not share_exists(token):
            # The web app renders its own "video not found" page; API clients still read the status.
            return _index_or_placeholder(status_code=404, detail="This video is no longer shared.")
        return _share_page_with_preview(token, settings)

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def web_app(path: str, request: Request):  # noqa: ANN202
        if path.startswith("api/") or path == "api":
            # HEAD reaches this catch-all even where an API route exists for GET only: that is a 405, not a 404.
            if any(route.matches(request.scope)[0] == Match.PARTIAL for route in app.router.routes):
                raise StarletteHTTPException(status_code=405)
            return JSONResponse({"detail": "Not found."}, status_code=404)
        candidate = (FRONTEND_DIST / path).resolve()
        if path and FRONTEND_DIST in candidate.parents and candidate.is_file():
            return FileResponse(candidate)
        return _index_or_placeholder()


def _share_page_with_preview(token: str, settings):  # noqa: ANN001, ANN202
    """The web app's page with the video's link-preview tags (og:title, og:image, og:video) rendered in."""
    index = FRONTEND_DIST / "index.html"
    preview = share_preview(token, settings)
    if not index.is_file() or preview is None:
        return _index_or_placeholder()
    return HTMLResponse(with_preview(index.read_text(encoding="utf-8"), preview), headers={"Cache-Control": "no-cache"})


def _index_or_placeholder(*, status_code: int = 200, detail: str | None = None):  # noqa: ANN202
    index = FRONTEND_DIST / "index.html"
    if index.is_file():
        return FileResponse(index, status_code=status_code, headers={"Cache-Control": "no-cache"})
    return JSONResponse(
        {"detail": detail or "The web app is not built yet; run `make start` (it builds frontend/dist). The API is at /api."},
        status_code=404,
    )


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
