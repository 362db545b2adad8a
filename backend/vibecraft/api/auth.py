"""Register, sign in, sign out."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from vibecraft.api.deps import SessionDep, SettingsDep, TokenDep, client_address, current_user
from vibecraft.api.presenters import user_out
from vibecraft.schemas import Credentials, TokenOut
from vibecraft.services import users as users_service

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", status_code=201, response_model=TokenOut)
def register(
    body: Credentials, session: SessionDep, settings: SettingsDep, address: Annotated[str, Depends(client_address)]
) -> TokenOut:
    """Create an account and sign in (password: 10–128 characters, not a common one)."""
    user, token = users_service.register(
        session=session, settings=settings, email=body.email, password=body.password, client_address=address
    )
    return TokenOut(access_token=token, user=user_out(session, user, settings))


@router.post("/login", response_model=TokenOut)
def login(
    body: Credentials, session: SessionDep, settings: SettingsDep, address: Annotated[str, Depends(client_address)]
) -> TokenOut:
    """Sign in with email and password."""
    user, token = users_service.login(
        session=session, settings=settings, email=body.email, password=body.password, client_address=address
    )
    return TokenOut(access_token=token, user=user_out(session, user, settings))


@router.post("/logout", status_code=204, dependencies=[Depends(current_user)])
def logout(session: SessionDep, settings: SettingsDep, token: TokenDep) -> Response:
    """Revoke this token: it answers 401 from now on."""
    users_service.logout(session=session, settings=settings, token=token)
    return Response(status_code=204)
