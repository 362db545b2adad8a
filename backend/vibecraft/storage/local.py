"""Files under a local folder, served by the API through signed, expiring URLs."""

from __future__ import annotations

import hashlib
import hmac
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

from vibecraft.storage.base import READ_CHUNK_BYTES, Storage, StorageError, check_key


URL_EXPIRY_STEP_SEC = 300


def sign(key: str, expires: int, secret: str, download_name: str | None = None) -> str:
    """HMAC over the key, the expiry and the download name, so none of them can be changed in a handed-out URL."""
    msg = f"{key}\n{expires}\n{download_name or ''}".encode()
    return hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()


class LocalStorage(Storage):
    name = "local"

    def __init__(self, root: Path, *, secret: str, url_prefix: str = "/api/files"):
        self.root = Path(root).resolve()
        self.secret = secret
        self.url_prefix = url_prefix.rstrip("/")

    def path_for(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if self.root not in path.parents:
            raise StorageError(f"Invalid storage key {key!r}")
        return path

    def put_file(self, key: str, src: Path, *, content_type: str | None = None) -> int:
        dst = self.path_for(key)
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(dst.name + ".part")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)  # atomic: a reader never sees half a file
        return dst.stat().st_size

    def download(self, key: str, dst: Path) -> Path:
        src = self.path_for(key)
        if not src.is_file():
            raise StorageError(f"Stored file {key!r} is missing")
        shutil.copyfile(src, dst)
        return dst

    @contextmanager
    def local_copy(self, key: str, workdir: Path) -> Iterator[Path]:
        path = self.path_for(key)
        if not path.is_file():
            raise StorageError(f"Stored file {key!r} is missing")
        yield path

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def delete_prefix(self, prefix: str) -> int:
        folder = self.path_for(prefix.rstrip("/"))
        if not folder.exists():
            return 0
        if folder.is_file():
            folder.unlink()
            return 1
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
        return count

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def size(self, key: str) -> int:
        path = self.path_for(key)
        if not path.is_file():
            raise StorageError(f"Stored file {key!r} is missing")
        return path.stat().st_size

    def read_range(self, key: str, first: int, last: int) -> Iterator[bytes]:
        try:
            f = self.path_for(key).open("rb")
        except OSError as e:
            raise StorageError(f"Stored file {key!r} is missing") from e
        return _file_chunks(f, first, last)

    def list_keys(self, prefix: str) -> list[str]:
        folder = self.path_for(prefix.rstrip("/")) if prefix.strip("/") else self.root
        if not folder.exists():
            return []
        return sorted(str(p.relative_to(self.root)) for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".part"))

    def url(self, key: str, *, ttl_sec: int, download_name: str | None = None) -> str:
        check_key(key)
        # Expiry rounded up to a step: repeated answers hand out the same URL, so browsers cache and don't reload media.
        step = min(URL_EXPIRY_STEP_SEC, max(1, ttl_sec // 4))
        expires = -(-(int(time.time()) + ttl_sec) // step) * step
        query: dict[str, object] = {"expires": expires}
        if download_name:
            query["name"] = download_name
        query["sig"] = sign(key, expires, self.secret, download_name)
        return f"{self.url_prefix}/{quote(key)}?{urlencode(query)}"

    def verify(self, key: str, expires: int, sig: str, download_name: str | None = None) -> bool:
        if expires < time.time():
            return False
        return hmac.compare_digest(sign(key, expires, self.secret, download_name), sig)

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".health"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as e:
            raise StorageError(f"Local storage at {self.root} is not writable: {e}") from e



def _file_chunks(f, first: int, last: int) -> Iterator[bytes]:  # noqa: ANN001 (an open binary file)
    with f:
        f.seek(first)
        left = last - first + 1
        while left > 0:
            chunk = f.read(min(READ_CHUNK_BYTES, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
