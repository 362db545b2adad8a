"""Read a multipart upload from the request stream, enforcing the size and part limits as bytes arrive."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from vibecraft.errors import AppError, BadRequest, PayloadTooLarge, UnsupportedMedia

MAX_FIELD_BYTES = 4096
MAX_HEADER_BYTES = 4096  # of one part's headers
MAX_PARTS = 8
FORM_OVERHEAD = 64 * 1024


def upload_openapi(**fields: dict) -> dict:
    """The OpenAPI request body of a route read by `receive_upload`: a required file part and the named form fields."""
    properties = {"file": {"type": "string", "format": "binary"}, **fields}
    schema = {"type": "object", "required": ["file"], "properties": properties}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}}


@dataclass
class ReceivedUpload:
    path: Path | None = None
    filename: str = ""
    size: int = 0
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class _Receiver:
    def __init__(self, workdir: Path, file_field: str, max_bytes: int, max_parts: int):
        self.workdir, self.file_field, self.max_bytes, self.max_parts = workdir, file_field, max_bytes, max_parts
        self.parts = 0
        self.header_bytes = 0
        self.result = ReceivedUpload()
        self._headers: dict[bytes, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._name: str | None = None
        self._is_file = False
        self._value = bytearray()
        self._out = None

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > self.max_parts:
            raise PayloadTooLarge(f"The form has more than {self.max_parts} parts; send the file and its title only.")
        self._headers, self._name, self._is_file, self._value = {}, None, False, bytearray()
        self.header_bytes = 0

    def _count_header(self, size: int) -> None:
        self.header_bytes += size
        if self.header_bytes > MAX_HEADER_BYTES:
            raise BadRequest("A part of the form has headers that are too long.")

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field, self._header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        if self._name == self.file_field and filename is not None:
            if self.result.path is not None:
                raise BadRequest("Send one file per upload.")
            self._is_file = True
            self.result.filename = filename.decode("utf-8", "replace")[-255:]
            handle = tempfile.NamedTemporaryFile(dir=self.workdir, prefix="upload-", delete=False)
            self.result.path = Path(handle.name)
            self._out = handle

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._is_file:
            self.result.size += len(chunk)
            if self.result.size > self.max_bytes:
                raise PayloadTooLarge(f"The file is larger than the {self.max_bytes // (1024 * 1024)} MB limit.")
            self._out.write(chunk)
        else:
            self._value += chunk
            if len(self._value) > MAX_FIELD_BYTES:
                raise BadRequest(f"The form field {self._name!r} is too long.")

    def on_part_end(self) -> None:
        if self._is_file and self._out is not None:
            self._out.close()
            self._out = None
        elif self._name:
            self.result.fields[self._name] = self._value.decode("utf-8", "replace")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


async def receive_upload(
    request: Request, *, workdir: Path, max_bytes: int, file_field: str = "file", max_parts: int = MAX_PARTS
) -> ReceivedUpload:
    """Stream the body to a temporary file; never hold more than one chunk in memory.

    Bounded three ways while reading: the file's bytes, the whole body's bytes (file + FORM_OVERHEAD, also when a
    chunked body declares no length), and the number of parts. A stalled client is cut off by RequestLimitsMiddleware."""
    content_type = request.headers.get("content-type", "")
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UnsupportedMedia("Send the song as multipart/form-data with a 'file' field.")
    too_large = f"The file is larger than the {max_bytes // (1024 * 1024)} MB limit."
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + FORM_OVERHEAD:
        raise PayloadTooLarge(too_large)
    workdir.mkdir(parents=True, exist_ok=True)
    receiver = _Receiver(workdir, file_field, max_bytes, max_parts)
    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    try:
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes + FORM_OVERHEAD:
                raise PayloadTooLarge(too_large)
            parser.write(chunk)
        parser.finalize()
    except AppError:
        receiver.close()
        receiver.result.discard()
        raise
    except Exception as e:  # malformed form data or a client that went away mid-upload
        receiver.close()
        receiver.result.discard()
        raise BadRequest("The upload was not complete multipart form data; please try again.") from e
    receiver.close()
    if receiver.result.path is None:
        raise BadRequest("No file was sent: attach the song in a form field named 'file'.")
    return receiver.result
