"""Finding 3: request bodies are bounded before anything parses them (JSON ≤ 1 MB, form data only on uploads,
bounded in bytes and parts) and a stalled upload is cut off."""

from __future__ import annotations

import asyncio

from tests.conftest import make_audio
from tests.factories import upload_song

BIG = 2 * 1024 * 1024


def test_a_json_body_over_1_mb_is_413_before_it_is_parsed(client, auth, tmp_path):
    """The attack: 150 MB of JSON to the lyrics route was parsed whole (+445 MB of memory) before a 422."""
    song = upload_song(client, auth, tmp_path, seconds=3.0)
    body = b'{"text": "' + b"la " * (BIG // 3) + b'"}'
    res = client.put(f"/api/songs/{song['id']}/lyrics", headers={**auth, "content-type": "application/json"}, content=body)
    assert res.status_code == 413 and "1 MB" in res.json()["detail"]


def test_a_large_body_without_a_token_is_refused_before_it_is_read(client):
    """The attack: 100 MB without a token was read (+287 MB) before the 401."""
    res = client.post("/api/songs/00000000-0000-0000-0000-000000000000/sections", content=b"x" * BIG,
                      headers={"content-type": "application/json"})
    assert res.status_code == 413 and res.json()["detail"]


def test_a_chunked_json_body_without_length_is_cut_at_the_limit(client, auth):
    def chunks():
        for _ in range(BIG // 65536):
            yield b" " * 65536

    res = client.post("/api/auth/login", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in res.request.headers}
    assert res.status_code == 413


def test_a_json_body_under_the_limit_still_works(client):
    res = client.post("/api/auth/register", json={"email": "padded@example.com", "password": "a long password",
                                                  "ignored": "x" * 500_000})
    assert res.status_code == 201


def test_form_data_is_refused_outside_the_upload_routes(client, auth):
    res = client.post("/api/auth/login", data={"email": "a@example.com", "password": "x" * 12})
    assert res.status_code == 415 and "JSON" in res.json()["detail"]
    res = client.post("/api/songs/00000000-0000-0000-0000-000000000000/sections", headers=auth,
                      files={"file": ("a.mp3", b"x" * 16)})
    assert res.status_code == 415


def test_an_upload_with_many_form_parts_is_refused(client, auth, tmp_path, app_env):
    """The attack: a chunked upload with 40,000 small form fields (164 MB) was read whole."""
    song = make_audio(tmp_path / "song.mp3", 3.0)
    fields = {f"field{i}": "v" for i in range(40)}
    res = client.post("/api/songs", headers=auth, data=fields, files={"file": ("song.mp3", song.read_bytes())})
    assert res.status_code == 413 and "parts" in res.json()["detail"]
    assert client.get("/api/songs", headers=auth).json() == []
    assert not list((app_env / "tmp").glob("upload-*"))


def test_a_chunked_upload_is_bounded_in_bytes_without_a_length(client, auth, monkeypatch):
    from vibecraft.config import get_settings

    monkeypatch.setattr(get_settings(), "max_upload_bytes", 256 * 1024)
    boundary = "vcboundary"

    def body():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n\r\n").encode()
        for _ in range(64):
            yield b"\x00" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    res = client.post("/api/songs", headers={**auth, "content-type": f"multipart/form-data; boundary={boundary}"},
                      content=body())
    assert res.status_code == 413


def test_a_stalled_upload_is_cut_off(app_env, monkeypatch):
    """A client that starts an upload and then sends nothing gets 408 instead of holding the request open."""
    from fastapi.testclient import TestClient

    from tests.conftest import register, reset_caches
    from vibecraft.main import create_app

    monkeypatch.setenv("UPLOAD_READ_TIMEOUT_SEC", "0.5")
    reset_caches()
    app = create_app(run_sweeps=False)
    with TestClient(app) as client:
        token = register(client)["Authorization"].encode()
    sent: list[dict] = []
    first = [True]

    async def receive():
        if first[0]:
            first[0] = False
            return {"type": "http.request", "body": b"--b\r\nContent-Disposition: form-data; name=\"file\"; "
                                                    b"filename=\"a.mp3\"\r\n\r\nabc", "more_body": True}
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/songs", "raw_path": b"/api/songs", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"authorization", token),
                         (b"content-type", b"multipart/form-data; boundary=b")],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}

    async def run():
        await asyncio.wait_for(app(scope, receive, send), timeout=15)

    asyncio.run(run())
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 408
