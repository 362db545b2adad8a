"""The storage interface: files kept under keys, read back through expiring URLs."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")
READ_CHUNK_BYTES = 256 * 1024  # read_range yields chunks of this size


class StorageError(RuntimeError):
    pass


def check_key(key: str) -> str:
    """Keys are built by the product from ids; anything else (.., absolute, odd characters) is refused."""
    if not _KEY_PATTERN.match(key) or ".." in key or "//" in key or len(key) > 512:
        raise StorageError(f"Invalid storage key {key!r}")
    return key


class Storage(ABC):
    name = "base"

    @abstractmethod
    def put_file(self, key: str, src: Path, *, content_type: str | None = None) -> int:
        """Store the file at src under key; return its size in bytes."""

    @abstractmethod
    def download(self, key: str, dst: Path) -> Path:
        """Copy the stored file to dst."""

    @contextmanager
    def local_copy(self, key: str, workdir: Path) -> Iterator[Path]:
        """A local path holding the file, for tools such as ffmpeg; removed afterwards if it was copied."""
        dst = workdir / Path(key).name
        self.download(key, dst)
        try:
            yield dst
        finally:
            dst.unlink(missing_ok=True)

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file; a missing key is not an error."""

    @abstractmethod
    def delete_prefix(self, prefix: str) -> int:
        """Remove every file under prefix; return how many."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def size(self, key: str) -> int: ...

    @abstractmethod
    def list_keys(self, prefix: str) -> list[str]: ...

    @abstractmethod
    def read_range(self, key: str, first: int, last: int) -> Iterator[bytes]:
        """Bytes first..last (inclusive) of the stored file, in chunks. The store is asked before this returns,
        so a missing file raises StorageError here, not halfway through a response."""

    @abstractmethod
    def url(self, key: str, *, ttl_sec: int, download_name: str | None = None) -> str:
        """A URL a browser can fetch the file from, valid for ttl_sec."""

    @abstractmethod
    def check(self) -> None:
        """Raise StorageError when the store does not answer."""
