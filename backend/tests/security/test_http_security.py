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
    name, _, duration = res.headers["server-timing"].partition(";dur=")
    assert name == "app" and 0 <= float(duration) < 60_000


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


def test_tampered_media_url_is_refused(app_env, monkeypatch, tmp_path):
    from vibecraft.storage import get_storage

    client = make_client(monkeypatch)
    storage = get_storage()
    src = tmp_path / "v.mp4"
    src.write_bytes(b"\x00" * 64)
    storage.put_file("users/u/videos/v/video.mp4", src)
    url = storage.url("users/u/videos/v/video.mp4", ttl_sec=600)
    assert client.get(url).status_code == 200
    path, query = url.split("?")
    expires = int(query.split("expires=")[1].split("&")[0])
    sig = query.split("sig=")[1].split("&")[0]
    flipped = ("0" if sig[0] != "0" else "1") + sig[1:]
    for bad in (f"{path}?expires={expires}&sig={flipped}",
                f"{path}?expires={expires + 3600}&sig={sig}",
                f"{path.replace('video.mp4', 'other.mp4')}?expires={expires}&sig={sig}",
                f"{path}?expires={expires}"):
        res = client.get(bad)
        assert res.status_code in (404, 422) and "detail" in res.json(), bad


def test_share_tokens_are_long_and_random():
    import base64

    from vibecraft.services.sharing import new_share_token

    tokens = {new_share_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
