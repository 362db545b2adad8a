"""Errors a caller can act on. Each carries its HTTP status; one handler renders them all."""

from __future__ import annotations

import math


class AppError(Exception):
    status_code = 400

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail

    @property
    def headers(self) -> dict[str, str]:
        return {}


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class PayloadTooLarge(AppError):
    status_code = 413


class UnsupportedMedia(AppError):
    status_code = 415


class Unprocessable(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429

    def __init__(self, detail: str, retry_after_sec: float | None = None):
        super().__init__(detail)
        self.retry_after_sec = retry_after_sec

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(max(1, math.ceil(self.retry_after_sec)))} if self.retry_after_sec is not None else {}


class QuotaExceeded(TooManyRequests):
    pass


class ServiceUnavailable(AppError):
    status_code = 503
