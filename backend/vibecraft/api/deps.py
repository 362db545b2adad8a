"""Dependencies shared by the routes: settings, session, storage, the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from vibecraft.config import Settings, get_settings
from vibecraft.db import get_session
from vibecraft.errors import Unauthorized
from vibecraft.models import User
from vibecraft.services import users as users_service
from vibecraft.storage import Storage, get_storage

_bearer = HTTPBearer(auto_error=False)

SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
StorageDep = Annotated[Storage, Depends(get_storage)]


def bearer_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("Sign in first: this needs an Authorization: Bearer token.")
    return credentials.credentials


TokenDep = Annotated[str, Depends(bearer_token)]


def current_user(session: SessionDep, settings: SettingsDep, token: TokenDep) -> User:
    user, _ = users_service.user_for_token(session=session, settings=settings, token=token)
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
