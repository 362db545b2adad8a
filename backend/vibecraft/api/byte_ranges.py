"""A stored file streamed through the API with HTTP byte ranges (RFC 9110 §14), whatever the store.

Share links use it on every store: a redirect to a presigned URL would show an anonymous viewer the object key (the
owner's and the video's ids) and keep playing for the URL's lifetime after the owner turned the link off.
Players seek with Range requests, so one range per request is served; a header this does not understand
(several ranges, another unit, a malformed one) is ignored and the whole file is sent, as the RFC allows.
"""

from __future__ import annotations

import re

from fastapi.responses import Response, StreamingResponse

from vibecraft.errors import NotFound
from vibecraft.storage.base import Storage, StorageError

_SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def requested_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single-range `Range` header for a file of `size` bytes; None: send it whole.

    Raises RangeNotSatisfiable when the range lies wholly past the end of the file."""
    match = _SINGLE_RANGE.match((header or "").replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        count = int(last)
        if count == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - count), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    return start, min(int(last), size - 1) if last else size - 1


def stream_stored(storage: Storage, key: str, *, media_type: str, range_header: str | None, head: bool,
                  headers: dict[str, str]) -> Response:
    """The file at `key`: 200 whole, 206 one range, 416 past its end; HEAD answers the headers alone."""
    try:
        size = storage.size(key)
    except StorageError:
        raise NotFound("This video's file is missing.") from None
    base = {**headers, "Accept-Ranges": "bytes"}
    try:
        wanted = requested_range(range_header, size)
    except RangeNotSatisfiable:
        return Response(status_code=416, headers={**base, "Content-Range": f"bytes */{size}"})
    first, last = wanted if wanted else (0, size - 1)
    status = 206 if wanted else 200
    base["Content-Length"] = str(last - first + 1)
    if wanted:
        base["Content-Range"] = f"bytes {first}-{last}/{size}"
    if head or size == 0:
        return Response(status_code=status, media_type=media_type, headers=base)
    try:
        chunks = storage.read_range(key, first, last)
    except StorageError:
        raise NotFound("This video's file is missing.") from None
    return StreamingResponse(chunks, status_code=status, media_type=media_type, headers=base)
