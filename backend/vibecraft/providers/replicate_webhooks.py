"""Replicate webhook signatures: check a delivery came from Replicate, recently, unaltered."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping

SECRET_PREFIX = "whsec_"


def _signing_key(secret: str) -> bytes:
    encoded = secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret
    return base64.b64decode(encoded)


def sign_webhook(webhook_id: str, timestamp: int | str, body: bytes, secret: str) -> str:
    """The `webhook-signature` value (`v1,<base64>`) Replicate sends for this delivery."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(_signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify_webhook(headers: Mapping[str, str], body: bytes, secret: str, tolerance_sec: int = 300) -> bool:
    """True when `body` carries a valid Replicate signature made within `tolerance_sec` of now.

    `headers` may use any letter case. `body` must be the raw bytes as received, before any
    JSON parsing. Deliveries repeat, so callers should also ignore a `webhook-id` seen before.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    webhook_id = lowered.get("webhook-id", "")
    timestamp = lowered.get("webhook-timestamp", "")
    signatures = lowered.get("webhook-signature", "")
    if not (webhook_id and timestamp and signatures and secret):
        return False
    try:
        sent_at = int(timestamp)
        expected = sign_webhook(webhook_id, timestamp, body, secret)
    except (ValueError, binascii.Error):
        return False
    # A stale timestamp means a replayed delivery, however valid its signature.
    if abs(time.time() - sent_at) > tolerance_sec:
        return False
    expected_bytes = expected.encode()
    # Several signatures may be listed (during secret rotation); any one matching is enough.
    candidates = [c for c in signatures.split(" ") if c.startswith("v1,")]
    return any(hmac.compare_digest(c.encode(), expected_bytes) for c in candidates)
