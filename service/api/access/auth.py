"""Routes for API sign-in (OAuth2 password flow) and personal access tokens."""

import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from service.access import audit, policy, tokens
from service.access.guards import SignedIn
from service.access.identity import client_address
from service.access.sign_in import sign_in
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.platform.text_fields import Name
from service.tables.access import ApiToken, Role, User
from service.tables.columns import id_of

router = APIRouter(tags=["sign-in"])


class AccessToken(BaseModel):
    """A short-lived bearer token (OAuth2 token response)."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class Me(BaseModel):
    """The signed-in user, their role and scope."""

    id: int
    email: str
    role: Role
    partnership_id: int | None
    region_id: int | None
    read_only: bool


def _json_integer(value: object) -> object:
    # What JSON Schema calls an integer (30, or 30.0): Pydantic alone would also read true as 1 and "30" as 30.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    return value


class TokenCreate(BaseModel):
    """A personal access token to create."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    expires_in_days: Annotated[int, Field(ge=1, le=tokens.MAX_PERSONAL_TOKEN_DAYS), BeforeValidator(_json_integer)] = 90
    read_only: StrictBool = False


class TokenOut(BaseModel):
    """A personal access token, without its secret."""

    id: int
    name: str
    read_only: bool
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class NewToken(TokenOut):
    """A token just created: `token` is shown this once and cannot be read again."""

    token: str


def token_out(token: ApiToken) -> TokenOut:
    """API form of a token (never its secret)."""
    return TokenOut.model_validate(token, from_attributes=True)


@router.post("/token", summary="Sign in (OAuth2 password flow)", dependencies=[Depends(policy.public)])
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: SessionDep
) -> AccessToken:
    """Exchange an email (as `username`) and password for a bearer token valid for 30 minutes."""
    user: User = sign_in(form.username, form.password, address=client_address(request), session=session)
    issued = tokens.issue_access_token(user, session=session)
    lifetime = int(tokens.ACCESS_TOKEN_LIFETIME.total_seconds())
    return AccessToken(access_token=issued.secret, expires_in=lifetime)


@router.get("/me", summary="Who am I")
def me(caller: SignedIn) -> Me:
    """The signed-in user and what their credential allows."""
    return Me(
        id=caller.user_id,
        email=caller.email,
        role=caller.role,
        partnership_id=caller.partnership_id,
        region_id=caller.region_id,
        read_only=caller.read_only,
    )


@router.get("/me/tokens", summary="List my personal access tokens")
def list_tokens(caller: SignedIn, session: SessionDep) -> list[TokenOut]:
    """Your personal access tokens, newest first (secrets are never shown again)."""
    return [token_out(token) for token in tokens.personal_tokens(caller.user_id, session=session)]


@router.post("/me/tokens", status_code=201, summary="Create a personal access token")
def create_token(body: TokenCreate, caller: SignedIn, session: SessionDep, request: Request) -> NewToken:
    """A token acting as you, optionally read-only; copy it now, it is shown only once."""
    issued = tokens.issue(
        caller.user_id,
        session=session,
        kind="personal",
        name=body.name,
        lifetime=datetime.timedelta(days=body.expires_in_days),
        read_only=body.read_only,
    )
    audit.record(
        "token-created",
        session=session,
        user_id=caller.user_id,
        address=client_address(request),
        object_type="token",
        object_id=id_of(issued.token),
        read_only=body.read_only,
    )
    return NewToken(**token_out(issued.token).model_dump(), token=issued.secret)


@router.delete("/me/tokens/{token_id}", status_code=204, summary="Revoke a personal access token")
def revoke_token(token_id: DbId, caller: SignedIn, session: SessionDep, request: Request) -> Response:
    """Revoke one of your tokens: it stops working at once."""
    token = tokens.revoke(caller.user_id, token_id, session=session)
    audit.record(
        "token-revoked",
        session=session,
        user_id=caller.user_id,
        address=client_address(request),
        object_type="token",
        object_id=id_of(token),
    )
    return Response(status_code=204)
