"""Signed-in browsers: a random secret in an HttpOnly cookie, idle and absolute timeouts."""

import datetime
import secrets
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from service.access import plan_rows
from service.access.plan_rows import NOTHING_MORE, Asked, PlanRow
from service.access.tokens import secret_hash
from service.tables.access import User, WebSession
from service.tables.columns import id_of, utc_now

IDLE_TIMEOUT = datetime.timedelta(minutes=30)
ABSOLUTE_TIMEOUT = datetime.timedelta(hours=10)
# last_seen_at is written at most this often, so reading pages does not mean writing rows.
TOUCH_INTERVAL = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class StartedSession:
    """A new web session and the cookie value that opens it (shown to the browser only)."""

    row: WebSession
    secret: str


def start(user: User, *, session: Session) -> StartedSession:
    """A fresh session for a user who has just signed in (never reusing an earlier id)."""
    secret = secrets.token_urlsafe(32)  # 256 bits
    row = WebSession(secret_hash=secret_hash(secret), user_id=id_of(user), csrf_token=secrets.token_urlsafe(32))
    session.add(row)
    session.flush()
    return StartedSession(row=row, secret=secret)


_LOOKUP = plan_rows.CredentialLookup(WebSession)


def find_live(secret: str, *, session: Session) -> tuple[WebSession, User] | None:
    """The session and user for a cookie value, unless ended, idle, too old or the user disabled."""
    found = find_live_with_plan(secret, None, session=session)
    return None if found is None else (found[0], found[1])


def find_live_with_plan(
    secret: str, plan_id: int | None, *, session: Session, asked: Asked = NOTHING_MORE
) -> tuple[WebSession, User, PlanRow | None] | None:
    """find_live, and (in the same query) plan `plan_id` with its partnership, cycle and what is `asked`, if any."""
    found = _LOOKUP(secret_hash(secret), plan_id, session=session, asked=asked)
    if found is None:
        return None
    web_session, user, plan = found
    now = utc_now()
    expired = now - web_session.last_seen_at > IDLE_TIMEOUT or now - web_session.created_at > ABSOLUTE_TIMEOUT
    if web_session.ended_at is not None or expired or not user.active:
        return None
    return web_session, user, plan


def needs_touch(web_session: WebSession) -> bool:
    """True when last_seen_at is stale enough to be worth writing."""
    return utc_now() - web_session.last_seen_at > TOUCH_INTERVAL


def touch(session_id: int, *, session: Session) -> None:
    """Note that the session is in use, keeping it from idling out."""
    session.execute(update(WebSession).where(col(WebSession.id) == session_id).values(last_seen_at=utc_now()))


def end(session_id: int, *, session: Session) -> None:
    """Sign out: the session can never be used again."""
    session.execute(
        update(WebSession)
        .where(col(WebSession.id) == session_id, col(WebSession.ended_at).is_(None))
        .values(ended_at=utc_now())
    )


def previous_sign_in(user_id: int, current_session_id: int, *, session: Session) -> datetime.datetime | None:
    """When the user signed in before the session they are in now, or None if this is their first sign-in.

    Every sign-in starts a new session row and rows are never deleted (only ended), so the newest earlier row
    says when; ids only grow, so "earlier" is a smaller id, whatever two clocks said.
    """
    earlier = select(func.max(WebSession.created_at)).where(
        WebSession.user_id == user_id, col(WebSession.id) < current_session_id
    )
    return session.exec(earlier).one()
