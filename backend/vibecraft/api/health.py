"""Health: the API answers, and so do the database, the queue and storage."""

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from vibecraft.db import get_engine
from vibecraft.jobs.queue import get_queue
from vibecraft.schemas import HealthOut
from vibecraft.storage import get_storage

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


def _probe(part: str, check) -> str:  # noqa: ANN001
    """'ok' or 'failing'. The reason (hosts, ports, paths) goes to the log only: this answer is public."""
    try:
        check()
        return "ok"
    except Exception:  # health reports every failure instead of raising
        log.warning("health check: %s is failing", part, exc_info=True)
        return "failing"


def _database() -> None:
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


@router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}})
def health() -> JSONResponse:
    """200 when the database, queue and storage answer; 503 naming the part that does not (ok or failing, no details)."""
    body = HealthOut(
        status="ok",
        database=_probe("database", _database),
        queue=_probe("queue", lambda: get_queue().check()),
        storage=_probe("storage", lambda: get_storage().check()),
    )
    healthy = all(v == "ok" for v in (body.database, body.queue, body.storage))
    body.status = "ok" if healthy else "degraded"
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
