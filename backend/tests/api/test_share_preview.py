"""A shared link unfurls: the share page's HTML carries the video's title, description, poster and video."""

from __future__ import annotations

import html
import re

from tests.api.test_generation_flow import gen_client, generated_video  # noqa: F401 (fixture)

INDEX = "<!doctype html><html><head><meta charset='utf-8'><title>VibeCraft</title></head><body><div id='root'></div></body></html>"


def meta(page: str) -> dict[str, str]:
    return {name: html.unescape(content)
            for name, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page)}


def test_share_page_carries_title_description_poster_and_video(gen_client, auth, tmp_path, monkeypatch):
    import vibecraft.main as main

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text(INDEX)
    monkeypatch.setattr(main, "FRONTEND_DIST", dist)
    song, _, video = generated_video(gen_client, auth, tmp_path, seconds=6.0)
    page = gen_client.get(f"/share/{video['shareable_url'].rsplit('/', 1)[1]}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    tags = meta(page.text)
    assert tags["og:title"] == video["title"]
    assert "music video" in tags["og:description"]
    token = video["shareable_url"].rsplit("/", 1)[1]
    assert tags["og:video"].startswith("http") and f"/api/share/{token}/video" in tags["og:video"]
    assert tags["og:image"].startswith("http") and f"/api/share/{token}/poster" in tags["og:image"]
    assert tags["og:url"].endswith(f"/share/{token}")
    assert page.text.count("<title>") == 1 and "<div id='root'>" in page.text
    poster_path = "/" + tags["og:image"].split("://", 1)[1].split("/", 1)[1]
    assert gen_client.get(poster_path).status_code == 200


def test_title_is_escaped_in_the_tags():
    from vibecraft.share_preview import SharePreview, with_preview

    preview = SharePreview(title='Noche <"roja"> & más', description="d", url="https://x/share/t",
                           video_url="https://x/v", image_url=None, width=1920, height=1080)
    page = with_preview(INDEX, preview)
    assert '<"roja">' not in page and meta(page)["og:title"] == 'Noche <"roja"> & más'
    assert "og:image" not in meta(page) and meta(page)["twitter:card"] == "summary"


def test_an_unknown_share_has_no_preview(gen_client):
    assert gen_client.get("/share/not-a-real-token").status_code == 404
