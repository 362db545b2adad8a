"""Health, settings that refuse to start, and the shape of every error."""

import pytest
from pydantic import ValidationError


def test_health_reports_each_part(client):
    res = client.get("/api/health")
    assert res.status_code == 200
    assert res.json() == {"status": "ok", "database": "ok", "queue": "ok", "storage": "ok"}


def test_health_is_503_when_the_queue_is_down(client, monkeypatch):
    class DeadQueue:
        def check(self):
            raise ConnectionError("redis refused the connection")

    monkeypatch.setattr("vibecraft.api.health.get_queue", lambda: DeadQueue())
    res = client.get("/api/health")
    assert res.status_code == 503
    assert res.json() == {"status": "degraded", "database": "ok", "queue": "failing", "storage": "ok"}


def test_production_refuses_the_development_secret(monkeypatch):
    from vibecraft.config import Settings

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(env="production")
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(env="production", secret_key="short")
    assert Settings(env="production", secret_key="x" * 40).env == "production"


def test_production_s3_needs_a_bucket():
    from vibecraft.config import Settings

    with pytest.raises(ValidationError, match="S3_BUCKET_NAME"):
        Settings(env="production", secret_key="x" * 40, storage_backend="s3")


def test_unknown_api_route_is_json_404(client):
    res = client.get("/api/nope")
    assert res.status_code == 404 and res.json() == {"detail": "Not found."}


def test_web_app_pages_answer_head_like_get(client):
    from vibecraft.main import FRONTEND_DIST

    for path in ("/", "/library", "/share/no-such-token"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
    if (FRONTEND_DIST / "index.html").is_file():
        assert client.head("/library").headers["content-type"].startswith("text/html")
    assert client.head("/api/nope").status_code == 404
    assert client.head("/api/health").status_code == 405  # an API route that answers GET only


def test_wrong_method_is_json_405(client):
    res = client.delete("/api/health")
    assert res.status_code == 405 and "detail" in res.json()


def test_unhandled_error_is_generic_500_with_a_logged_traceback(client, monkeypatch, caplog):
    def explode(*_a, **_k):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("vibecraft.services.songs.list_songs", explode)
    from tests.conftest import register

    headers = register(client)
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    with TestClient(create_app(run_sweeps=False), raise_server_exceptions=False) as c:
        res = c.get("/api/songs", headers=headers)
    assert res.status_code == 500
    assert res.json() == {"detail": "Something went wrong on our side; please try again."}
    assert "hunter2" in caplog.text and "Traceback" in caplog.text


def test_database_url_normalisation():
    from vibecraft.config import Settings

    assert Settings(database_url="postgresql://u@h/db").resolved_database_url == "postgresql+psycopg://u@h/db"
    assert Settings(database_url="", data_dir="/tmp/x").resolved_database_url == "sqlite:////tmp/x/vibecraft.db"
