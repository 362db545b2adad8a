"""Deleting stored files with retries: a storage hiccup is retried and logged, never left half-done silently."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from vibecraft.storage import Storage, StorageError

log = logging.getLogger(__name__)


def delete_with_retries(storage: Storage, keys: Iterable[str], *, attempts: int = 3, backoff_sec: float = 0.5) -> list[str]:
    """Delete every key; return those that still failed after all attempts (each failure is logged)."""
    left: list[str] = []
    for key in keys:
        for attempt in range(1, attempts + 1):
            try:
                storage.delete(key)
                break
            except StorageError:
                if attempt == attempts:
                    log.exception("could not delete %s after %d attempts", key, attempts)
                    left.append(key)
                else:
                    log.warning("deleting %s failed (attempt %d); retrying", key, attempt)
                    time.sleep(backoff_sec * attempt)
    return left
