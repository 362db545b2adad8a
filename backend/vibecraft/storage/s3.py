"""Files in S3 or any S3-compatible store (MinIO, moto), read back through presigned URLs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
from botocore.config import Config
from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError

from vibecraft.storage.base import READ_CHUNK_BYTES, Storage, StorageError, check_key


class S3Storage(Storage):
    name = "s3"

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        max_attempts: int = 5,
    ):
        if not bucket:
            raise StorageError("S3_BUCKET_NAME is required for STORAGE_BACKEND=s3")
        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region,
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            config=Config(signature_version="s3v4", retries={"max_attempts": max_attempts, "mode": "standard"}),
        )

    def put_file(self, key: str, src: Path, *, content_type: str | None = None) -> int:
        extra = {"ContentType": content_type} if content_type else None
        try:
            self.client.upload_file(str(src), self.bucket, check_key(key), ExtraArgs=extra)
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Could not store {key!r}: {e}") from e
        return Path(src).stat().st_size

    def download(self, key: str, dst: Path) -> Path:
        try:
            self.client.download_file(self.bucket, check_key(key), str(dst))
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Could not read {key!r}: {e}") from e
        return dst

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=check_key(key))
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Could not delete {key!r}: {e}") from e

    def delete_prefix(self, prefix: str) -> int:
        keys = self.list_keys(prefix)
        for start in range(0, len(keys), 1000):
            batch = [{"Key": k} for k in keys[start : start + 1000]]
            try:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            except (Boto3Error, BotoCoreError, ClientError) as e:
                raise StorageError(f"Could not delete under {prefix!r}: {e}") from e
        return len(keys)

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=check_key(key))
            return True
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise StorageError(f"Could not reach storage: {e}") from e

    def size(self, key: str) -> int:
        try:
            return int(self.client.head_object(Bucket=self.bucket, Key=check_key(key))["ContentLength"])
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Stored file {key!r} is missing: {e}") from e

    def read_range(self, key: str, first: int, last: int) -> Iterator[bytes]:
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=check_key(key), Range=f"bytes={first}-{last}")["Body"]
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Could not read {key!r}: {e}") from e
        return _body_chunks(body)

    def list_keys(self, prefix: str) -> list[str]:
        keys: list[str] = []
        try:
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
                keys.extend(obj["Key"] for obj in page.get("Contents", []))
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"Could not list {prefix!r}: {e}") from e
        return sorted(keys)

    def url(self, key: str, *, ttl_sec: int, download_name: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": check_key(key)}
        if download_name:
            params["ResponseContentDisposition"] = f'attachment; filename="{download_name}"'
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=ttl_sec)

    def check(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (Boto3Error, BotoCoreError, ClientError) as e:
            raise StorageError(f"S3 bucket {self.bucket!r} does not answer: {e}") from e



def _body_chunks(body) -> Iterator[bytes]:  # noqa: ANN001 (botocore's StreamingBody)
    try:
        yield from body.iter_chunks(READ_CHUNK_BYTES)
    finally:
        body.close()
