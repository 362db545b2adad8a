"""Who may call what, for every route in the OpenAPI schema: a new route is covered without editing this file.

- no token, a revoked, an expired, a tampered (alg none, wrong key) or a garbage token → 401;
- another user's token on this user's resource ids → 404, exactly like a missing resource.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from sqlmodel import Session

from tests.conftest import register
from tests.factories import analyzed_song, two_sections

PUBLIC = {("get", "/api/health"), ("post", "/api/auth/register"), ("post", "/api/auth/login"), ("get", "/api/share/{token}"),
          ("get", "/api/share/{token}/captions.{fmt}"), ("post", "/api/auth/password-reset"),
          ("post", "/api/auth/password-reset/confirm")}


def schema_routes(client) -> list[tuple[str, str, dict]]:
    spec = client.get("/api/openapi.json").json()
    return [(method, path, op) for path, ops in spec["paths"].items() for method, op in ops.items()]


def example(schema: dict, spec: dict) -> object:
    """A small valid-looking value for a JSON schema, so a body passes validation and reaches the access check."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return example(spec["components"]["schemas"][name], spec)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return example(options[0], spec)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: example(v, spec) for k, v in props.items() if k in schema.get("required", props)}
    if kind == "array":
        return [example(schema.get("items", {}), spec) for _ in range(max(1, schema.get("minItems", 1)))]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.0, schema.get("minimum", 1.0))
    if kind == "boolean":
        return False
    if schema.get("format") == "uuid":
        return str(uuid.uuid4())
    if schema.get("format") == "email":
        return "someone@example.com"
    return "x" * max(1, schema.get("minLength", 1))


def request_body(op: dict, spec: dict) -> dict:
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return {"json": example(content["application/json"]["schema"], spec)}
    if "multipart/form-data" in content:
        return {"files": {"file": ("song.mp3", b"\x00" * 16)}}
    return {}


def call(client, method: str, path: str, op: dict, spec: dict, headers: dict, ids: dict):
    url = path.format(**{k: ids.get(k, str(uuid.uuid4())) for k in ids} | {
        p["name"]: ids.get(p["name"], str(uuid.uuid4())) for p in op.get("parameters", []) if p["in"] == "path"})
    return client.request(method.upper(), url, headers=headers, **request_body(op, spec))


@pytest.fixture
def owner_resources(client, tmp_path):
    """A user with a song, analysis, sections, clips, a composed-looking video and a job, and their ids."""
    from vibecraft.db import get_engine
    from vibecraft.models import Job, MediaItem, Song, Video

    headers = register(client)
    song = analyzed_song(client, headers, tmp_path, seconds=12.0)
    sections = client.post(f"/api/songs/{song['id']}/sections", headers=headers, json={"sections": two_sections(song)}).json()
    clips = client.post(f"/api/songs/{song['id']}/clips/plan", headers=headers).json()
    with Session(get_engine()) as s:
        row = s.get(Song, uuid.UUID(song["id"]))
        video = Video(user_id=row.user_id, song_id=row.id, title=row.title, share_token=uuid.uuid4().hex,
                      status="ready", stage="ready", storage_key=f"users/{row.user_id}/videos/x/video.mp4")
        job = Job(user_id=row.user_id, song_id=row.id, kind="compose_video", status="completed")
        media = MediaItem(user_id=row.user_id, song_id=row.id, kind="photo", original_filename="me.jpg", format="jpeg",
                          storage_key=f"users/{row.user_id}/media/x.jpg", file_size_bytes=10, width=4, height=4)
        s.add_all([video, job, media])
        s.commit()
        ids = {"song_id": song["id"], "section_id": sections[0]["id"], "clip_id": clips[0]["id"],
               "video_id": str(video.id), "job_id": str(job.id), "media_id": str(media.id), "fmt": "vtt"}
    return headers, ids


def protected(client):
    return [(m, p, op) for m, p, op in schema_routes(client) if (m, p) not in PUBLIC]


def test_every_route_but_the_public_ones_declares_auth(client):
    for method, path, op in schema_routes(client):
        if (method, path) not in PUBLIC:
            assert op.get("security"), f"{method.upper()} {path} does not declare bearer auth"


def forged_tokens(valid: str, secret_key: str) -> dict[str, str]:
    claims = jwt.decode(valid, options={"verify_signature": False})
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    expired = dict(claims, exp=int((datetime.now(timezone.utc) - timedelta(minutes=5)).timestamp()))
    return {
        "alg none": f"{header}.{body}.",
        "wrong key": jwt.encode(claims, "another-key-entirely-" + "k" * 32, algorithm="HS256"),
        "expired": jwt.encode(expired, secret_key, algorithm="HS256"),
        "garbage": "not.a.token",
        "other algorithm": jwt.encode(claims, secret_key, algorithm="HS512"),
    }


def test_no_token_and_bad_tokens_answer_401_on_every_protected_route(client, owner_resources):
    import os

    headers, ids = owner_resources
    spec = client.get("/api/openapi.json").json()
    valid = headers["Authorization"].split()[1]
    bad = forged_tokens(valid, os.environ["SECRET_KEY"])
    for method, path, op in protected(client):
        res = call(client, method, path, op, spec, {}, ids)
        assert res.status_code == 401 and res.json()["detail"], f"no token: {method.upper()} {path} → {res.status_code}"
        for name, token in bad.items():
            res = call(client, method, path, op, spec, {"Authorization": f"Bearer {token}"}, ids)
            assert res.status_code == 401, f"{name} token: {method.upper()} {path} → {res.status_code}"


def test_revoked_token_answers_401_on_every_protected_route(client, owner_resources):
    _, ids = owner_resources
    spec = client.get("/api/openapi.json").json()
    revoked = register(client)
    assert client.post("/api/auth/logout", headers=revoked).status_code in (200, 204)
    for method, path, op in protected(client):
        res = call(client, method, path, op, spec, revoked, ids)
        assert res.status_code == 401, f"revoked token: {method.upper()} {path} → {res.status_code}"


def test_another_users_ids_answer_404_on_every_route_that_takes_one(client, owner_resources):
    headers, ids = owner_resources
    spec = client.get("/api/openapi.json").json()
    stranger = register(client)
    checked = 0
    for method, path, op in protected(client):
        params = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
        if not params:
            continue
        missing = set(params) - set(ids)
        assert not missing, f"{path}: the fixture has no resource for {missing}; add one to owner_resources"
        res = call(client, method, path, op, spec, stranger, ids)
        assert res.status_code == 404, f"stranger: {method.upper()} {path} → {res.status_code} {res.text[:200]}"
        assert res.json()["detail"]
        checked += 1
    assert checked >= 20
    # and the owner still has everything
    assert client.get(f"/api/songs/{ids['song_id']}", headers=headers).status_code == 200
    assert client.get(f"/api/videos/{ids['video_id']}", headers=headers).status_code == 200
