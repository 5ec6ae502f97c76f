"""Who is calling: a bearer token, a web session cookie, or nobody."""

import datetime
from dataclasses import dataclass, replace
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from service.access import audit, tokens, web_sessions
from service.access.plan_rows import NOTHING_MORE, Asked, PlanRow
from service.platform.deps import SessionDep, database_work, note
from service.platform.errors import Unauthenticated
from service.tables.access import ApiToken, Role, User, WebSession
from service.tables.columns import id_of, utc_now

SESSION_COOKIE = "adtp_session"
Credential = Literal["anonymous", "session", "access-token", "personal-token"]

# Declared so OpenAPI shows the password flow; the header itself is read below.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/token", auto_error=False)


@dataclass(frozen=True)
class Member:
    """A signed-in caller: their account, role and scope, and how they proved who they are."""

    credential: Credential
    user_id: int
    email: str
    role: Role
    partnership_id: int | None = None
    region_id: int | None = None
    read_only: bool = False
    session_id: int | None = None
    csrf_token: str | None = None


@dataclass(frozen=True)
class Anonymous:
    """The public: no account."""

    credential: Credential = "anonymous"
    read_only: bool = True


Principal = Member | Anonymous
ANONYMOUS = Anonymous()


def client_address(request: Request) -> str:
    """The caller's address (uvicorn has already applied trusted proxy headers)."""
    return request.client.host if request.client else "unknown"


def _member(user: User, credential: Credential, **extra: object) -> Member:
    return Member(
        credential=credential,
        user_id=id_of(user),
        email=user.email,
        role=Role(user.role),  # stored as its value; policies compare enum members
        partnership_id=user.partnership_id,
        region_id=user.region_id,
        **extra,  # type: ignore[arg-type]
    )


def bearer_secret(request: Request) -> str | None:
    """The secret of the bearer token the request sends, if it is shaped as one of ours; None for anything else
    (no Authorization header, another scheme, a secret not ours), which the usual way answers."""
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and tokens.looks_like_token(secret) else None


def token_user_holder(request: Request, token: ApiToken, user: User) -> Member:
    """The caller holding `token`, a usable one of `user`'s (token_holder)."""
    return token_holder(
        request, id_of(token), token.kind, token.last_used_at, _member(user, "access-token"), token.read_only
    )


def token_holder(
    request: Request,
    token_id: int,
    kind: str,
    last_used_at: datetime.datetime | None,
    holder: Member,
    read_only: bool,
) -> Member:
    """The caller of a usable token (`holder`, the token's account), noting that the token is in use; kept with the
    request."""
    if last_used_at is None or utc_now() - last_used_at > web_sessions.TOUCH_INTERVAL:
        note(request, lambda s: tokens.touch(token_id, session=s))
    credential: Credential = "personal-token" if kind == "personal" else "access-token"
    member = replace(holder, credential=credential, read_only=read_only)
    request.state.principal = member
    return member


def _session_holder(request: Request, web_session: WebSession, user: User) -> Member:
    if web_sessions.needs_touch(web_session):
        session_id = id_of(web_session)
        note(request, lambda s: web_sessions.touch(session_id, session=s))
    return _member(user, "session", session_id=id_of(web_session), csrf_token=web_session.csrf_token)


async def current_principal(
    request: Request, session: SessionDep, _token: Annotated[str | None, Depends(oauth2_scheme)] = None
) -> Principal:
    """The caller of this request (computed once per request)."""
    return await database_work(request, session, principal_of, request, session)


def principal_of(request: Request, session: Session) -> Principal:
    """The caller of this request, found once and kept with the request."""
    known: Principal | None = getattr(request.state, "principal", None)
    return known if known is not None else _found(request, session, None)[0]


def principal_with_plan(
    request: Request, session: Session, plan_id: int, asked: Asked = NOTHING_MORE
) -> tuple[Principal, PlanRow | None] | None:
    """The caller and plan `plan_id` (its partnership, cycle and what is `asked`; None if there is none) in one query.

    None when the caller is already known: the policy then reads the plan itself.
    """
    if getattr(request.state, "principal", None) is not None:
        return None
    return _found(request, session, plan_id, asked)


def _found(
    request: Request, session: Session, plan_id: int | None, asked: Asked = NOTHING_MORE
) -> tuple[Principal, PlanRow | None]:
    """The caller, from the bearer token or the session cookie, and the plan when one is named (kept on the request)."""
    principal: Principal = ANONYMOUS
    row: PlanRow | None = None
    authorization = request.headers.get("authorization")
    cookie = request.cookies.get(SESSION_COOKIE)
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthenticated("Send the token as 'Authorization: Bearer <token>'.")
        token = tokens.find_usable_with_plan(secret.strip(), plan_id, session=session, asked=asked)
        if token is None:
            address, path = client_address(request), request.url.path
            note(request, lambda s: audit.record("token-refused", session=s, address=address, path=path))
            raise Unauthenticated(
                "The token is not valid: it is unknown, expired or revoked. Sign in again for a new one."
            )
        principal, row = token_user_holder(request, token[0], token[1]), token[2]
    elif cookie:
        live = web_sessions.find_live_with_plan(cookie, plan_id, session=session, asked=asked)
        if live is not None:
            principal, row = _session_holder(request, live[0], live[1]), live[2]
    request.state.principal = principal
    return principal, row


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
