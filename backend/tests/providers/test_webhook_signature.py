"""Replicate webhook signatures: genuine deliveries pass, anything altered, foreign or stale fails."""

from __future__ import annotations

import base64
import time

from vibecraft.providers.replicate_webhooks import sign_webhook, verify_webhook

SECRET = "whsec_" + base64.b64encode(b"a secret of twenty-four b").decode()
BODY = b'{"id": "p1", "status": "succeeded", "output": "https://replicate.delivery/x.mp4"}'


def signed_headers(body: bytes = BODY, secret: str = SECRET, timestamp: int | None = None, webhook_id: str = "msg_1") -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign_webhook(webhook_id, timestamp, body, secret),
    }


def test_signature_matches_the_standard_webhooks_reference_vector():
    signature = sign_webhook(
        "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}', "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    )

    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_genuine_delivery_is_accepted():
    assert verify_webhook(signed_headers(), BODY, SECRET)


def test_header_case_does_not_matter():
    headers = {name.title(): value for name, value in signed_headers().items()}

    assert verify_webhook(headers, BODY, SECRET)


def test_any_one_of_several_signatures_is_enough():
    headers = signed_headers()
    headers["webhook-signature"] = "v1,bm90IHRoaXMgb25l " + headers["webhook-signature"]

    assert verify_webhook(headers, BODY, SECRET)


def test_tampered_body_is_rejected():
    assert not verify_webhook(signed_headers(), BODY.replace(b"succeeded", b"failed"), SECRET)


def test_wrong_secret_is_rejected():
    other = "whsec_" + base64.b64encode(b"some other secret bytes!").decode()

    assert not verify_webhook(signed_headers(secret=other), BODY, SECRET)


def test_stale_timestamp_is_rejected_even_when_signed():
    headers = signed_headers(timestamp=int(time.time()) - 301)

    assert not verify_webhook(headers, BODY, SECRET, tolerance_sec=300)


def test_timestamp_from_the_future_is_rejected():
    assert not verify_webhook(signed_headers(timestamp=int(time.time()) + 600), BODY, SECRET)


def test_changed_id_is_rejected():
    headers = signed_headers()
    headers["webhook-id"] = "msg_2"

    assert not verify_webhook(headers, BODY, SECRET)


def test_missing_headers_or_secret_are_rejected():
    headers = signed_headers()

    assert not verify_webhook({k: v for k, v in headers.items() if k != "webhook-signature"}, BODY, SECRET)
    assert not verify_webhook(headers, BODY, "")


def test_malformed_values_are_rejected_not_raised():
    headers = signed_headers()
    headers["webhook-timestamp"] = "yesterday"

    assert not verify_webhook(headers, BODY, SECRET)
    assert not verify_webhook(signed_headers(), BODY, "whsec_!!!not base64")
