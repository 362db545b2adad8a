"""Security headers on every answer, and CORS only for the origins the settings name."""

import pytest

from tests.conftest import reset_caches


def make_client(monkeypatch, **env):
    from fastapi.testclient import TestClient

    from vibecraft.main import create_app

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    reset_caches()
    return TestClient(create_app(run_sweeps=False))


@pytest.mark.parametrize("path", ["/api/health", "/", "/library", "/api/songs", "/api/nope"])
def test_every_answer_carries_the_security_headers(app_env, monkeypatch, path):
    res = make_client(monkeypatch).get(path)
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["x-frame-options"] == "DENY"
    csp = res.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-eval" not in csp and "*" not in csp.replace("*.amazonaws.com", "")


def test_cors_allows_only_named_origins(app_env, monkeypatch):
    client = make_client(monkeypatch, CORS_ORIGINS='["https://studio.example"]')
    ok = client.options("/api/songs", headers={"Origin": "https://studio.example", "Access-Control-Request-Method": "GET"})
    assert ok.headers.get("access-control-allow-origin") == "https://studio.example"
    evil = client.options("/api/songs", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in evil.headers
    plain = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in plain.headers


def test_no_cors_by_default(app_env, monkeypatch):
    res = make_client(monkeypatch).get("/api/health", headers={"Origin": "https://studio.example"})
    assert "access-control-allow-origin" not in res.headers


def test_s3_media_origin_is_allowed_for_media_only(app_env, monkeypatch):
    from vibecraft.config import Settings
    from vibecraft.http_security import content_security_policy

    settings = Settings(storage_backend="s3", s3_bucket_name="b", s3_endpoint_url="https://minio.example:9000/")
    csp = content_security_policy(settings)
    assert "media-src 'self' blob: data: https://minio.example:9000" in csp
    assert "script-src 'self';" in csp


def test_hsts_only_in_production(app_env, monkeypatch):
    from vibecraft.config import Settings
    from vibecraft.http_security import security_headers

    assert "Strict-Transport-Security" not in security_headers(Settings(env="development"))
    prod = Settings(env="production", secret_key="s" * 40)
    assert security_headers(prod)["Strict-Transport-Security"].startswith("max-age=")
