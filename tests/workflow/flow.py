"""Driving a plan along the timetable through the API, for tests that start part-way."""

import datetime
from typing import Any

from fastapi.testclient import TestClient

from service.planning.timetable import local_date
from service.tables.columns import utc_now

PDF = b"%PDF-1.4\n%%EOF\n"


def initial_submission_accepted(planner: TestClient, reviewer: TestClient, plan_id: int) -> None:
    """The planner attaches the self-audit and makes the initial submission; the panel accepts it."""
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    steps = [
        planner.post(f"/api/v1/plans/{plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}),
        planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"}),
        reviewer.post(f"/api/v1/plans/{plan_id}/assessments", json={"decision": "accepted"}),
    ]
    assert [step.status_code for step in steps] == [201] * 3, [step.text for step in steps if step.status_code != 201]


def sign_off(planner: TestClient, reviewer: TestClient, plan_id: int) -> None:
    """The initial submission accepted as above, then the final submission and both signatures."""
    initial_submission_accepted(planner, reviewer, plan_id)
    steps = [
        planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"}),
        planner.post(f"/api/v1/plans/{plan_id}/sign-offs"),
        reviewer.post(f"/api/v1/plans/{plan_id}/sign-offs"),
    ]
    assert [step.status_code for step in steps] == [201] * 3, [step.text for step in steps if step.status_code != 201]


def publish(planner: TestClient, reviewer: TestClient, admin: TestClient, plan_id: int) -> None:
    """Sign-off as above, then publication."""
    sign_off(planner, reviewer, plan_id)
    published = admin.post(f"/api/v1/plans/{plan_id}/publication")
    assert published.status_code == 201, published.text


def agree_targets(planner: TestClient, reviewer: TestClient, admin: TestClient, plan_id: int) -> None:
    """Publication as above, then the agreed % recorded and confirmed."""
    publish(planner, reviewer, admin, plan_id)
    confirm_agreed_targets(planner, reviewer, admin, plan_id)


def confirm_agreed_targets(planner: TestClient, reviewer: TestClient, admin: TestClient, plan_id: int) -> None:
    """On a published plan: the agreed % recorded (the deadline moved ahead first) and confirmed."""
    steps = [
        open_targets_deadline(admin, plan_id),
        reviewer.put(
            f"/api/v1/plans/{plan_id}/agreed-targets", json={"planned_change_pct": {"1.1": "3", "1.2": "2.5"}}
        ),
        planner.post(f"/api/v1/plans/{plan_id}/agreed-targets/confirmation"),
    ]
    assert [step.status_code for step in steps] == [200] * 3, [step.text for step in steps if step.status_code != 200]


def open_targets_deadline(admin: TestClient, plan_id: int) -> Any:
    """The plan's cycle given a deadline for agreeing targets 30 days ahead (the admin's answer)."""
    cycle = admin.get(f"/api/v1/plans/{plan_id}").json()["cycle"]["id"]
    ahead = (local_date(utc_now()) + datetime.timedelta(days=30)).isoformat()
    return admin.patch(f"/api/v1/cycles/{cycle}", json={"targets_agreed_due": ahead})
