"""The signed-in user."""

from fastapi import APIRouter

from vibecraft.api.deps import CurrentUser, SessionDep, SettingsDep
from vibecraft.api.presenters import user_out
from vibecraft.schemas import UserOut

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> UserOut:
    """The signed-in user with quota use and limits."""
    return user_out(session, user, settings)
