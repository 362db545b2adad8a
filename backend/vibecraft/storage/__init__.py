"""Storage backends chosen by settings."""

from __future__ import annotations

from functools import lru_cache

from vibecraft.config import Settings, get_settings
from vibecraft.storage.base import Storage, StorageError, check_key
from vibecraft.storage.local import LocalStorage


def make_storage(settings: Settings) -> Storage:
    if settings.storage_backend == "s3":
        from vibecraft.storage.s3 import S3Storage  # lazy: boto3 is heavy and only an S3 install needs it

        return S3Storage(
            settings.s3_bucket_name,
            endpoint_url=settings.s3_endpoint_url or None,
            region=settings.s3_region,
            access_key_id=settings.aws_access_key_id or None,
            secret_access_key=settings.aws_secret_access_key or None,
            max_attempts=settings.s3_max_attempts,
        )
    return LocalStorage(settings.data_dir / "files", secret=settings.secret_key)


@lru_cache
def get_storage() -> Storage:
    return make_storage(get_settings())


__all__ = ["Storage", "StorageError", "check_key", "get_storage", "make_storage"]
