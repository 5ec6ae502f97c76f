"""API bearer tokens: short-lived ones from the password flow and personal access tokens."""

import datetime
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from service.access import plan_rows
from service.access.plan_rows import NOTHING_MORE, Asked, PlanRow
from service.platform.errors import NotFound
from service.tables.access import ApiToken, User
from service.tables.columns import id_of, utc_now

ACCESS_TOKEN_LIFETIME = datetime.timedelta(minutes=30)
MAX_PERSONAL_TOKEN_DAYS = 366
_PREFIX = {"access": "adtp_at_", "personal": "adtp_pat_"}
_PREFIXES = tuple(_PREFIX.values())


def secret_hash(secret: str) -> str:
    """What is stored for a token or session secret: its SHA-256, never the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    """A token as created: the secret is here once and never again."""

    token: ApiToken
    secret: str


def issue(
    user_id: int, *, session: Session, kind: str, name: str, lifetime: datetime.timedelta, read_only: bool = False
) -> IssuedToken:
    """A new token for a user; 256 random bits, stored only as a hash."""
    secret = _PREFIX[kind] + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user_id,
        kind=kind,
        name=name,
        secret_hash=secret_hash(secret),
        read_only=read_only,
        expires_at=utc_now() + lifetime,
    )
    session.add(token)
    session.flush()
    return IssuedToken(token=token, secret=secret)


def issue_access_token(user: User, *, session: Session) -> IssuedToken:
    """The short-lived token the OAuth2 password flow hands out."""
    return issue(id_of(user), session=session, kind="access", name="password sign-in", lifetime=ACCESS_TOKEN_LIFETIME)


_LOOKUP = plan_rows.CredentialLookup(ApiToken)


def find_usable(secret: str, *, session: Session) -> tuple[ApiToken, User] | None:
    """The token and its user, if the token exists, is unexpired and unrevoked and the user active."""
    found = find_usable_with_plan(secret, None, session=session)
    return None if found is None else (found[0], found[1])


def find_usable_with_plan(
    secret: str, plan_id: int | None, *, session: Session, asked: Asked = NOTHING_MORE
) -> tuple[ApiToken, User, PlanRow | None] | None:
    """find_usable, and (in the same query) plan `plan_id` with its partnership, cycle and what is `asked`, if any."""
    if not looks_like_token(secret):
        return None
    found = _LOOKUP(secret_hash(secret), plan_id, session=session, asked=asked)
    if found is None:
        return None
    token, user, plan = found
    return (token, user, plan) if usable(token.revoked_at, token.expires_at, active=user.active) else None


def looks_like_token(secret: str) -> bool:
    """Whether `secret` is shaped as one of our tokens (anything else is not looked up)."""
    return secret.startswith(_PREFIXES)


def usable(revoked_at: datetime.datetime | None, expires_at: datetime.datetime, *, active: bool) -> bool:
    """Whether a token with these dates, held by an account that is (or is not) active, may be used now."""
    return revoked_at is None and expires_at > utc_now() and active


def touch(token_id: int, *, session: Session) -> None:
    """Note that the token is in use (shown to its owner as "last used")."""
    session.execute(update(ApiToken).where(col(ApiToken.id) == token_id).values(last_used_at=utc_now()))


def personal_tokens(user_id: int, *, session: Session) -> Sequence[ApiToken]:
    """A user's personal access tokens, newest first, revoked ones included."""
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.kind == "personal")
        .order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())
    )
    return session.exec(query).all()


def revoke(user_id: int, token_id: int, *, session: Session) -> ApiToken:
    """Revoke one of the user's own personal tokens (another user's is not found)."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id or token.kind != "personal":
        raise NotFound(f"You have no token {token_id}.")
    if token.revoked_at is None:
        token.revoked_at = utc_now()
        session.add(token)
        session.flush()
    return token
