"""A part read finds the caller, the plan and the part in one statement: it must refuse exactly as every route does.

Each case reads first (200), changes who may read, and reads again at once.
"""

import datetime
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from service.access.accounts import find_user, set_active
from service.tables.access import ApiToken, AuditEvent, User
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership, Plan
from tests.conftest import ClientFor, Demo


def _url(demo: Demo) -> str:
    return f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"


def _newest_token(session: Session) -> ApiToken:
    token = session.exec(select(ApiToken).order_by(col(ApiToken.id).desc())).first()
    assert token is not None
    return token


def _user(session: Session, email: str) -> User:
    user = find_user(email, session=session)
    assert user is not None
    return user


def _revoke(session: Session, demo: Demo) -> None:
    token = _newest_token(session)
    token.revoked_at = utc_now()
    session.add(token)


def _expire(session: Session, demo: Demo) -> None:
    token = _newest_token(session)
    token.expires_at = utc_now() - datetime.timedelta(seconds=1)
    session.add(token)


def _disable(session: Session, demo: Demo) -> None:
    set_active(
        _user(session, "planner@demo.example"), False, by=id_of(_user(session, "admin@demo.example")), session=session
    )


def _move_planner(session: Session, demo: Demo) -> None:
    planner = _user(session, "planner@demo.example")
    other = session.exec(select(Partnership).where(col(Partnership.id) != planner.partnership_id)).first()
    assert other is not None
    planner.partnership_id = id_of(other)
    session.add(planner)


@pytest.mark.parametrize(
    ("change", "status"),
    [(_revoke, 401), (_expire, 401), (_disable, 401), (_move_planner, 404)],
    ids=["token revoked", "token expired", "account disabled", "planner moved to another partnership"],
)
def test_a_planner_s_part_read_is_refused_at_once_when_their_access_ends(
    client_for: ClientFor, session: Session, demo: Demo, change: Callable[[Session, Demo], None], status: int
) -> None:
    planner = client_for("planner_a")
    assert planner.get(_url(demo)).status_code == 200

    change(session, demo)
    session.flush()
    refused = planner.get(_url(demo))

    assert refused.status_code == status
    assert refused.headers["content-type"] == "application/problem+json"
    assert "document" not in refused.json()


def test_a_reviewer_s_part_read_is_refused_at_once_when_the_partnership_moves_region(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    reviewer = client_for("reviewer_x")
    assert reviewer.get(_url(demo)).status_code == 200
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    partnership = session.get(Partnership, plan.partnership_id)
    reviewer_y = _user(session, "reviewer2@demo.example")
    assert partnership is not None
    assert reviewer_y.region_id is not None
    assert reviewer_y.region_id != partnership.region_id

    partnership.region_id = reviewer_y.region_id
    session.add(partnership)
    session.flush()

    assert reviewer.get(_url(demo)).status_code == 404
    assert client_for("reviewer_y").get(_url(demo)).status_code == 200


def test_a_part_read_refused_is_recorded_and_one_allowed_notes_the_token_in_use(
    client_for: ClientFor, anonymous: TestClient, session: Session, demo: Demo
) -> None:
    outsider = client_for("reviewer_y")
    refused = outsider.get(_url(demo))
    reader = client_for("planner_a", read_only=True)
    token = _newest_token(session)
    read = reader.get(_url(demo))
    missing = reader.get(f"/api/v1/plans/{demo.filled_plan_id + 1000}/parts/funding")

    assert refused.status_code == 404
    assert missing.status_code == 404
    assert read.status_code == 200
    assert read.json()["plan_id"] == demo.filled_plan_id
    session.refresh(token)
    assert token.last_used_at is not None
    audited = session.exec(select(AuditEvent).where(AuditEvent.action == "authorization-refused")).all()
    assert sorted((event.email, event.detail["status"]) for event in audited) == [
        ("planner@demo.example", 404),
        ("reviewer2@demo.example", 404),
    ]
    assert anonymous.get(_url(demo)).status_code == 401
