"""Forgotten passwords: ask for a one-time link, then set a new password with it."""

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from pydantic import BaseModel, Field

from vibecraft.api.deps import SessionDep, SettingsDep, client_address
from vibecraft.api.presenters import user_out
from vibecraft.mail import mail_configured
from vibecraft.schemas import TokenOut
from vibecraft.services import password_reset
from vibecraft.services import users as users_service

router = APIRouter(prefix="/auth/password-reset", tags=["auth"])


class PasswordResetRequest(BaseModel):
    email: str = Field(max_length=320, examples=["musician@example.com"])


class PasswordResetRequested(BaseModel):
    delivery: Literal["email", "administrator"]  # administrator: this install sends no mail
    detail: str


class PasswordResetConfirm(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(max_length=1024)


def public_base_url(request: Request, configured: str) -> str:
    return configured or str(request.base_url)


@router.post("", status_code=202, response_model=PasswordResetRequested)
def request_reset(body: PasswordResetRequest, request: Request, background: BackgroundTasks, session: SessionDep,
                  settings: SettingsDep, address: Annotated[str, Depends(client_address)]) -> PasswordResetRequested:
    """Send a one-time password reset link to the address, if an account uses it (the answer is the same either way)."""
    mail = password_reset.request_reset(session=session, settings=settings, email=body.email, client_address=address,
                                        base_url=public_base_url(request, settings.public_base_url))
    if mail is not None:
        background.add_task(password_reset.deliver, settings, mail)
    if mail_configured(settings):
        minutes = settings.password_reset_ttl_min
        return PasswordResetRequested(delivery="email", detail=f"If an account uses {body.email.strip()}, a link to "
                                      f"choose a new password is on its way. It works once, for {minutes} minutes.")
    return PasswordResetRequested(delivery="administrator", detail="This VibeCraft server does not send e-mail. Ask "
                                  "its administrator to run `vibecraft reset-password YOUR-EMAIL` and give you the link.")


@router.post("/confirm", response_model=TokenOut)
def confirm_reset(body: PasswordResetConfirm, session: SessionDep, settings: SettingsDep) -> TokenOut:
    """Set a new password with a reset link's token, and sign in."""
    user = password_reset.reset_password(session=session, token=body.token, password=body.password)
    return TokenOut(access_token=users_service.issue_token(user, settings), user=user_out(session, user, settings))
