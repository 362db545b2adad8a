"""Share links on the S3-protocol store (moto's real HTTP server): the media comes through the API with byte
ranges, never as a redirect that shows the object key or outlives the link."""

from __future__ import annotations

import boto3
import pytest

from tests.conftest import reset_caches
from tests.security.test_secrets_and_sharing import UUID_RE, shared_video  # noqa: F401 (a fixture)
from tests.storage.test_storage_backends import s3_endpoint  # noqa: F401 (a fixture)

VIDEO = b"video-bytes" * 100  # what the shared_video fixture stores


@pytest.fixture(autouse=True)
def s3_store(app_env, monkeypatch, s3_endpoint):  # noqa: F811
    bucket = f"vc-share-{app_env.parent.name[-8:].lower().replace('_', '-')}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="k",
                 aws_secret_access_key="s").create_bucket(Bucket=bucket)
    for key, value in {"STORAGE_BACKEND": "s3", "S3_BUCKET_NAME": bucket, "S3_ENDPOINT_URL": s3_endpoint,
                       "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}.items():
        monkeypatch.setenv(key, value)
    reset_caches()


def test_shared_media_on_s3_is_served_by_the_api_without_ids_or_keys(client, shared_video):  # noqa: F811
    _, ids, keys, token = shared_video
    body = client.get(f"/api/share/{token}").json()
    whole = client.get(body["video_url"], follow_redirects=False)
    assert whole.status_code == 200 and whole.content == VIDEO
    assert whole.headers["content-type"] == "video/mp4" and whole.headers["accept-ranges"] == "bytes"
    poster = client.get(body["poster_url"], follow_redirects=False)
    assert poster.status_code == 200 and poster.content == b"poster-bytes"
    for res in (whole, poster):
        seen = " ".join(f"{k}: {v}" for k, v in res.headers.items())
        assert "location" not in res.headers and not UUID_RE.search(seen) and "users/" not in seen, seen


def test_a_player_seeks_through_byte_ranges(client, shared_video):  # noqa: F811
    _, _, _, token = shared_video
    url = client.get(f"/api/share/{token}").json()["video_url"]
    size = len(VIDEO)
    cases = {"bytes=0-4": (0, 4), "bytes=11-": (11, size - 1), "bytes=-6": (size - 6, size - 1),
             f"bytes=1090-{size + 50}": (1090, size - 1)}
    for header, (first, last) in cases.items():
        res = client.get(url, headers={"Range": header})
        assert res.status_code == 206, header
        assert res.content == VIDEO[first:last + 1], header
        assert res.headers["content-range"] == f"bytes {first}-{last}/{size}", header
        assert int(res.headers["content-length"]) == last - first + 1, header
    past = client.get(url, headers={"Range": f"bytes={size}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{size}"
    several = client.get(url, headers={"Range": "bytes=0-1,5-6"})
    assert several.status_code == 200 and several.content == VIDEO, "a header it does not serve: the whole file"
    head = client.head(url, headers={"Range": "bytes=0-9"})
    assert head.status_code == 206 and head.headers["content-length"] == "10" and head.content == b""


def test_a_link_turned_off_stops_serving_its_media_at_once(client, shared_video):  # noqa: F811
    headers, ids, keys, token = shared_video
    url = client.get(f"/api/share/{token}").json()["video_url"]
    assert client.get(url, headers={"Range": "bytes=0-4"}).status_code == 206
    assert client.delete(f"/api/videos/{ids['video']}/share", headers=headers).status_code == 200
    assert client.get(url, headers={"Range": "bytes=5-9"}).status_code == 404


def test_a_shared_video_whose_file_is_gone_is_a_clear_404(client, shared_video, s3_endpoint):  # noqa: F811
    from vibecraft.storage import get_storage

    _, _, keys, token = shared_video
    get_storage().delete(keys[0])
    res = client.get(client.get(f"/api/share/{token}").json()["video_url"])
    assert res.status_code == 404 and "missing" in res.json()["detail"] and "users/" not in res.text
