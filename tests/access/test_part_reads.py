"""A part read finds the caller, the plan and the part in one statement: it must refuse exactly as every route does.

Each case reads first (200), changes who may read, and reads again at once.
"""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.tables.access import AuditEvent
from service.tables.plans import Partnership, Plan
from tests.access.access_endings import ACCESS_ENDINGS, AccessEnding, newest_token, user
from tests.conftest import ClientFor, Demo


def _url(demo: Demo) -> str:
    return f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"


@ACCESS_ENDINGS
def test_a_planner_s_part_read_is_refused_at_once_when_their_access_ends(
    client_for: ClientFor, session: Session, demo: Demo, change: AccessEnding, status: int
) -> None:
    planner = client_for("planner_a")
    assert planner.get(_url(demo)).status_code == 200

    change(session)
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
    reviewer_y = user(session, "reviewer2@demo.example")
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
    token = newest_token(session)
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
