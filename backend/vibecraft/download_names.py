"""File names for downloads: the song's title and the video's version, safe on every file system."""

from __future__ import annotations

import re
import unicodedata


def download_name(title: str, version: int, ext: str) -> str:
    """"My Song — v2.mp4" becomes "My-Song-v2.mp4": ASCII letters, digits and dashes only."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-")[:80] or "video"
    return f"{stem}-v{max(1, version)}.{ext}"
