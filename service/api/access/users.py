"""Routes for administrators to invite people: accounts are created without a password, which their owner sets."""

import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema
from sqlmodel import Session

from service.access import account_links
from service.access.account_links import InvitationState
from service.access.guards import Admin
from service.access.identity import Member
from service.notifications import invitations
from service.platform.deps import SessionDep, SettingsDep
from service.platform.errors import NotFound
from service.platform.ids import DbId
from service.platform.text_fields import Name
from service.tables.access import Role, User
from service.tables.columns import id_of

router = APIRouter(tags=["users"])
WHY_NOT = (  # why a password sent is refused
    "is not accepted: administrators no longer set passwords. The person sets their own through the link in"
    " the invitation email"
)


class NewUser(BaseModel):
    """An account to create; its owner is emailed an invitation to set their password."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[str, Field(max_length=254, examples=["nia@example.org"])]
    name: Name
    role: Role
    partnership_id: DbId | None = Field(None, description="Required for planners and finance officers, and only them.")
    region_id: DbId | None = Field(None, description="Required for reviewers, and only for them.")
    # Not in the schema: only here to refuse, by name, what clients written before invitations still send.
    password: SkipJsonSchema[object] = Field(None, exclude=True)

    @field_validator("password", mode="before")
    @classmethod
    def _no_password(cls, value: object) -> object:
        raise ValueError(WHY_NOT)


class InvitationOut(BaseModel):
    """How far the account is set up: `pending` until its owner sets a password through the invitation."""

    state: InvitationState
    expires_at: datetime.datetime | None = Field(description="When the newest invitation's link stops working.")


class UserOut(BaseModel):
    """An account, its role and scope, and its invitation."""

    id: int
    email: str
    name: str
    role: Role
    partnership_id: int | None
    region_id: int | None
    active: bool
    invitation: InvitationOut


def user_out(user: User, session: Session) -> UserOut:
    """The API form of an account (never anything of its password)."""
    latest = account_links.latest_invitations([id_of(user)], session=session).get(id_of(user))
    invitation = InvitationOut(
        state=account_links.invitation_state(user, latest), expires_at=latest.expires_at if latest else None
    )
    return UserOut(
        id=id_of(user),
        email=user.email,
        name=user.name,
        role=Role(user.role),
        partnership_id=user.partnership_id,
        region_id=user.region_id,
        active=user.active,
        invitation=invitation,
    )


def _account(user_id: int, session: Session) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def _inviter(admin: Member, session: Session) -> User:
    return _account(admin.user_id, session)


@router.post("/users", status_code=201, summary="Invite someone: create their account")
def create_user(body: NewUser, admin: Admin, session: SessionDep, settings: SettingsDep) -> UserOut:
    """Create an account with no password and email its owner a link to set one (it works once, for 7 days).

    Sending `password` is refused (422): administrators no longer choose other people's passwords.
    """
    user = invitations.invite_user(
        session=session,
        email=body.email,
        name=body.name,
        role=body.role,
        partnership_id=body.partnership_id,
        region_id=body.region_id,
        invited_by=_inviter(admin, session),
        base_url=settings.base_url,
    )
    return user_out(user, session)


@router.get("/users/{user_id}", summary="An account and its invitation")
def get_user(user_id: DbId, admin: Admin, session: SessionDep) -> UserOut:
    """An account, with whether its owner has accepted the invitation, may still, or needs a new one."""
    return user_out(_account(user_id, session), session)


@router.post("/users/{user_id}/invitation", status_code=201, summary="Send a new invitation")
def resend_invitation(user_id: DbId, admin: Admin, session: SessionDep, settings: SettingsDep) -> UserOut:
    """A new link for someone who has not set a password yet; the link sent before stops working.

    409 once they have set a password (they can ask for a reset themselves), or while the account is deactivated.
    """
    user = _account(user_id, session)
    invitations.resend_invitation(
        user, invited_by=_inviter(admin, session), base_url=settings.base_url, session=session
    )
    return user_out(user, session)
