"""Link previews of a shared video: the share page's HTML carries og:title, og:description, og:image (the
poster), og:video and the Twitter card, so a link pasted in a chat unfurls with its picture."""

from __future__ import annotations

import html
from dataclasses import dataclass

from vibecraft.config import Settings
from vibecraft.db import session_scope
from vibecraft.errors import NotFound
from vibecraft.services import sharing


@dataclass(frozen=True)
class SharePreview:
    title: str
    description: str
    url: str
    video_url: str
    image_url: str | None
    width: int
    height: int


def share_preview(token: str, settings: Settings) -> SharePreview | None:
    """What a link preview of this share shows, with absolute URLs; None when the link is not live."""
    with session_scope() as session:
        try:
            video = sharing.video_for_share(session, token)
        except NotFound:
            return None
        base = sharing.base_url(settings)
        minutes, seconds = divmod(int(round(video.duration_sec or 0)), 60)
        return SharePreview(
            title=video.title,
            description=f"A music video made with VibeCraft · {minutes}:{seconds:02d}",
            url=f"{base}/share/{token}",
            video_url=base + sharing.share_media_path(token, "video", video.version),
            image_url=base + sharing.share_media_path(token, "poster", video.version) if video.poster_key else None,
            width=video.width,
            height=video.height,
        )


def preview_tags(preview: SharePreview) -> str:
    """The <meta> tags (and <title>) of a preview, every value HTML-escaped."""
    pairs = [
        ("property", "og:type", "video.other"),
        ("property", "og:site_name", "VibeCraft"),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:url", preview.url),
        ("property", "og:video", preview.video_url),
        ("property", "og:video:secure_url", preview.video_url),
        ("property", "og:video:type", "video/mp4"),
        ("property", "og:video:width", str(preview.width)),
        ("property", "og:video:height", str(preview.height)),
        ("name", "twitter:card", "player" if preview.image_url else "summary"),
        ("name", "twitter:title", preview.title),
        ("name", "twitter:description", preview.description),
        ("name", "description", preview.description),
    ]
    if preview.image_url:
        pairs += [("property", "og:image", preview.image_url), ("name", "twitter:image", preview.image_url)]
    tags = [f'<meta {attr}="{name}" content="{html.escape(value, quote=True)}">' for attr, name, value in pairs]
    tags.append(f"<title>{html.escape(preview.title)} · VibeCraft</title>")
    return "\n    ".join(tags)


def with_preview(index_html: str, preview: SharePreview) -> str:
    """The web app's index.html with the preview's tags in its head (its own <title> replaced)."""
    page = index_html
    start, end = page.find("<title>"), page.find("</title>")
    if 0 <= start < end:
        page = page[:start] + page[end + len("</title>"):]
    head_end = page.find("</head>")
    tags = preview_tags(preview)
    if head_end < 0:
        return f"<head>{tags}</head>{page}"
    return f"{page[:head_end]}    {tags}\n  {page[head_end:]}"
