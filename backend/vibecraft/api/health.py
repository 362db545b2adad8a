"""Health: the API answers, and so do the database, the queue and storage."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from vibecraft.db import get_engine
from vibecraft.jobs.queue import get_queue
from vibecraft.schemas import HealthOut
from vibecraft.storage import get_storage

router = APIRouter(tags=["health"])


def _probe(check) -> str:  # noqa: ANN001
    try:
        check()
        return "ok"
    except Exception as e:  # health reports every failure instead of raising
        return f"error: {type(e).__name__}: {e}"[:300]


def _database() -> None:
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


@router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}})
def health() -> JSONResponse:
    """200 when the database, queue and storage answer; 503 naming the part that does not."""
    body = HealthOut(
        status="ok",
        database=_probe(_database),
        queue=_probe(lambda: get_queue().check()),
        storage=_probe(lambda: get_storage().check()),
    )
    healthy = all(v == "ok" for v in (body.database, body.queue, body.storage))
    body.status = "ok" if healthy else "degraded"
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
