"""Ways a planner's access ends, each to take effect at once on a client already reading: for the tests of
reads answered without the ORM's usual path (part_reads.py, conditional_reads.py)."""

import datetime
from collections.abc import Callable

import pytest
from sqlmodel import Session, col, select

from service.access.accounts import find_user, set_active
from service.tables.access import ApiToken, User
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership


def newest_token(session: Session) -> ApiToken:
    """The token issued last (a test's client's)."""
    token = session.exec(select(ApiToken).order_by(col(ApiToken.id).desc())).first()
    assert token is not None
    return token


def user(session: Session, email: str) -> User:
    """A demo account by its email."""
    found = find_user(email, session=session)
    assert found is not None
    return found


def _revoke(session: Session) -> None:
    token = newest_token(session)
    token.revoked_at = utc_now()
    session.add(token)


def _expire(session: Session) -> None:
    token = newest_token(session)
    token.expires_at = utc_now() - datetime.timedelta(seconds=1)
    session.add(token)


def _disable(session: Session) -> None:
    admin = user(session, "admin@demo.example")
    set_active(user(session, "planner@demo.example"), False, by=id_of(admin), session=session)


def _move_planner(session: Session) -> None:
    planner = user(session, "planner@demo.example")
    other = session.exec(select(Partnership).where(col(Partnership.id) != planner.partnership_id)).first()
    assert other is not None
    planner.partnership_id = id_of(other)
    session.add(planner)


AccessEnding = Callable[[Session], None]

# The change, and the status a read by the planner's newest token is then answered with.
ACCESS_ENDINGS = pytest.mark.parametrize(
    ("change", "status"),
    [(_revoke, 401), (_expire, 401), (_disable, 401), (_move_planner, 404)],
    ids=["token revoked", "token expired", "account disabled", "planner moved to another partnership"],
)
