"""Engine and sessions. One engine per process, built from settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine, select

from vibecraft.config import get_settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            # WAL lets the API read while a worker thread writes; FKs make ON DELETE CASCADE work.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    if settings.resolved_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url)
    # RQ forks a work-horse per job: the child must not reuse the parent's pooled connections (their
    # sockets and server-side state are shared), so it starts with an empty pool and leaves the parent's alone.
    os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
    return engine


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session for jobs and scripts; the caller commits."""
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


def get_session() -> Iterator[Session]:
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


def lock_row(session: Session, model: type[SQLModel], row_id: object):  # noqa: ANN201
    """The row, locked until the transaction ends, so concurrent work on it runs one after another.

    SQLite ignores FOR UPDATE, and its driver starts a transaction only at the first write, so two threads
    could both read "not done yet" and both act. A no-op write first takes SQLite's database-wide write lock:
    the second thread waits here and then reads what the first committed."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(model).where(model.id == row_id).values(id=model.id).execution_options(synchronize_session=False))
    return session.exec(select(model).where(model.id == row_id).with_for_update()).first()
