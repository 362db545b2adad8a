"""Password hashing (Argon2id) and access tokens (JWT with expiry and id)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# A fixed hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password-dummy")
ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class TokenClaims:
    user_id: uuid.UUID
    jti: str
    expires_at: datetime
    issued_at: datetime | None = None


def create_access_token(user_id: uuid.UUID, *, secret: str, ttl: timedelta) -> tuple[str, TokenClaims]:
    now = datetime.now(timezone.utc)
    claims = TokenClaims(user_id=user_id, jti=uuid.uuid4().hex, expires_at=now + ttl)
    token = jwt.encode(
        # iat keeps sub-second precision so a session begun right after a password change outlives it.
        {"sub": str(user_id), "jti": claims.jti, "iat": now.timestamp(), "exp": claims.expires_at, "typ": "access"},
        secret,
        algorithm=ALGORITHM,
    )
    return token, claims


class InvalidToken(Exception):
    pass


def decode_access_token(token: str, *, secret: str) -> TokenClaims:
    try:
        payload = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub", "jti"]})
        return TokenClaims(
            user_id=uuid.UUID(payload["sub"]),
            jti=str(payload["jti"]),
            expires_at=datetime.fromtimestamp(payload["exp"], tz=timezone.utc),
            issued_at=datetime.fromtimestamp(payload["iat"], tz=timezone.utc) if "iat" in payload else None,
        )
    except jwt.ExpiredSignatureError as e:
        raise InvalidToken("Your session has expired; please sign in again.") from e
    except (jwt.InvalidTokenError, ValueError, KeyError) as e:
        raise InvalidToken("Invalid access token; please sign in again.") from e
