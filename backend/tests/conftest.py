"""Shared fixtures: real SQLite and PostgreSQL, real Redis, real ffmpeg, isolated per test."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = (REPO_ROOT.parent / "shared" / "data").resolve()
PG_URL = os.environ.get("VC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/vibecraft_test")


def xdist_worker_index() -> int:
    """0 without pytest-xdist; N for its worker gwN, so parallel workers can take separate Redis databases."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0


def redis_test_url(default_db: int) -> str:
    """A Redis database of this test process's own: tests flush it, so two xdist workers must never share one."""
    db = default_db - 2 * xdist_worker_index()
    assert db >= 0, "more xdist workers than Redis test databases"
    return f"redis://127.0.0.1:6379/{db}"


REDIS_URL = os.environ.get("VC_TEST_REDIS_URL") or redis_test_url(14)


def services_required() -> bool:
    return os.environ.get("VC_REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(f"{reason} (VC_REQUIRE_SERVICES=1, so this is a failure, not a skip)")
    pytest.skip(reason)


def reset_caches() -> None:
    """Settings, engine, storage and queue are cached per process; tests change them, so rebuild."""
    from vibecraft import config, db, storage
    from vibecraft.jobs import queue

    if queue.get_queue.cache_info().currsize:
        queue.get_queue().shutdown()
    if db.get_engine.cache_info().currsize:
        db.get_engine().dispose()
    for cached in (config.get_settings, db.get_engine, storage.get_storage, queue.get_queue):
        cached.cache_clear()


# ---- databases -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from vibecraft.migrate import upgrade_to_head

    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated PostgreSQL database for the session (created if missing)."""
    import psycopg
    from psycopg import sql

    from vibecraft.migrate import upgrade_to_head

    base, _, prefix = PG_URL.rpartition("/")
    dbname = f"{prefix}_{os.getpid()}"  # one database per test run, so two runs on one machine never meet
    admin = f"{base}/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    except psycopg.OperationalError as e:
        unavailable(f"PostgreSQL does not answer at {base}: {e}")
    url = "postgresql+psycopg://" + f"{base}/{dbname}".split("://", 1)[1]
    upgrade_to_head(url)
    yield url
    from vibecraft import db

    if db.get_engine.cache_info().currsize:
        db.get_engine().dispose()
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))


def _truncate_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [r[0] for r in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename <> 'alembic_version'"))]
        if tables:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(db_backend, tmp_path, request) -> Iterator[str]:
    if db_backend == "sqlite":
        path = tmp_path / "vibecraft.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        _truncate_postgres(url)
        yield url
        _truncate_postgres(url)


@pytest.fixture
def app_env(monkeypatch, tmp_path, database_url) -> Iterator[Path]:
    """Environment of one isolated product instance: its database, data dir, threads runner."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("ENV", "test")
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("REDIS_URL", "")
    monkeypatch.setenv("STORAGE_BACKEND", "local")
    monkeypatch.setenv("SECRET_KEY", "test-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("LYRICS_BACKEND", "none")
    reset_caches()
    yield data_dir
    reset_caches()


@pytest.fixture
def client(app_env):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False)) as c:
        yield c


@pytest.fixture
def redis_url() -> Iterator[str]:
    import redis

    conn = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        conn.ping()
    except redis.exceptions.ConnectionError as e:
        unavailable(f"Redis does not answer at {REDIS_URL}: {e}")
    conn.flushdb()
    yield REDIS_URL
    conn.flushdb()
    conn.close()


# ---- users and files -------------------------------------------------------------------------


def register(client, email: str | None = None, password: str = "correct horse battery") -> dict:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    res = client.post("/api/auth/register", json={"email": email, "password": password})
    assert res.status_code == 201, res.text
    return {"Authorization": f"Bearer {res.json()['access_token']}"}


@pytest.fixture
def auth(client) -> dict:
    return register(client)


AUDIO_CODECS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    "wav": ["-c:a", "pcm_s16le"],
    "m4a": ["-c:a", "aac", "-b:a", "128k"],
    "flac": ["-c:a", "flac"],
    "ogg": ["-c:a", "libvorbis"],
}


def make_audio(path: Path, seconds: float, *, fmt: str | None = None, rate: int = 22050) -> Path:
    """A short musical-ish test signal (two tones and a click at 120 BPM) in the given format."""
    fmt = fmt or path.suffix.lstrip(".")
    expr = "0.3*sin(2*PI*220*t)+0.2*sin(2*PI*330*t)+0.5*lt(mod(t\\,0.5)\\,0.02)*sin(2*PI*1000*t)"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", f"aevalsrc={expr}:s={rate}:d={seconds}",
         *AUDIO_CODECS[fmt], str(path)],
        check=True,
    )
    return path


def shared_file(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        unavailable(f"shared data file {path} is not present (it lives beside the repository, in shared/data)")
    return path
