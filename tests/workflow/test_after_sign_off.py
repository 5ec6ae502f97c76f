"""After sign-off: reopening with a reason, agreed targets and baselines in their turn, and what stays closed."""

import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.planning.timetable import local_date
from service.tables.columns import utc_now
from service.tables.journey import Reopening
from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import PDF, agree_targets, publish, sign_off


def test_a_reviewer_reopens_a_signed_off_plan_with_a_reason_that_is_kept(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    sign_off(planner, reviewer, demo.filled_plan_id)
    url = f"/api/v1/plans/{demo.filled_plan_id}"

    without_reason = reviewer.post(f"{url}/reopenings", json={"reason": "  "})
    reopened = reviewer.post(f"{url}/reopenings", json={"reason": "The PCT's figures in 1.7 were revised."})

    assert without_reason.status_code == 422
    assert reopened.json() == {"status": "revisions-requested"}
    assert session.exec(select(Reopening)).one().reason == "The PCT's figures in 1.7 were revised."
    assert planner.post(f"{url}/sign-offs").status_code == 409  # a new final submission first


def test_a_published_plan_cannot_be_reopened(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    sign_off(planner, reviewer, demo.filled_plan_id)
    admin.post(f"/api/v1/plans/{demo.filled_plan_id}/publication")

    response = reviewer.post(f"/api/v1/plans/{demo.filled_plan_id}/reopenings", json={"reason": "Too late."})

    assert response.status_code == 409
    assert response.json()["current_status"] == "published"
    assert response.json()["detail"] == "The plan is published, so it cannot be reopened now."


def test_targets_cannot_be_agreed_after_the_deadline(client_for: ClientFor, session: Session, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    publish(planner, reviewer, client_for("admin"), demo.filled_plan_id)
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    cycle.targets_agreed_due = local_date(utc_now()) - datetime.timedelta(days=1)
    session.add(cycle)
    session.flush()

    response = reviewer.put(
        f"/api/v1/plans/{demo.filled_plan_id}/agreed-targets", json={"planned_change_pct": {"1.1": "3"}}
    )

    assert response.status_code == 409
    assert response.json()["type"] == "urn:adtp:problem:deadline-passed"
    assert "has passed" in response.json()["detail"]


def test_nothing_can_be_attached_to_a_signed_off_plan(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    sign_off(planner, reviewer, demo.filled_plan_id)

    response = planner.post(
        f"/api/v1/plans/{demo.filled_plan_id}/attachments", files={"file": ("late.pdf", PDF, "application/pdf")}
    )

    assert response.status_code == 409
    assert "signed off" in response.json()["detail"]


def test_attachments_are_checked_by_content_and_size(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/attachments"

    disguised = client.post(url, files={"file": ("audit.pdf", b"MZ\x90\x00 a program", "application/pdf")})
    too_big = client.post(url, files={"file": ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")})
    named = client.post(url, files={"file": ('re"port\r\n.exe', PDF, "application/octet-stream")})

    assert disguised.status_code == 415
    assert too_big.status_code == 413
    assert named.status_code == 201
    assert named.json()["filename"].endswith(".pdf")
    download = client.get(named.json()["href"])
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "\r" not in download.headers["content-disposition"]
    assert download.headers["x-content-type-options"] == "nosniff"


def test_targets_cannot_be_agreed_before_publication_and_the_reviewer_is_told_why(
    client_for: ClientFor, demo: Demo
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    url = f"/api/v1/plans/{demo.filled_plan_id}/agreed-targets"
    drafting = reviewer.put(url, json={"planned_change_pct": {"1.1": "3"}})
    sign_off(planner, reviewer, demo.filled_plan_id)
    signed_off = reviewer.put(url, json={"planned_change_pct": {"1.1": "3"}})

    assert (drafting.status_code, signed_off.status_code) == (409, 409)
    assert drafting.json()["detail"] == (
        "The plan is drafting, so it cannot have its agreed targets recorded now. "
        "Agreed targets are recorded once the plan is published."
    )
    assert signed_off.json()["current_status"] == "signed-off"


def test_baselines_are_refused_until_the_targets_are_agreed(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    url = f"/api/v1/plans/{demo.filled_plan_id}/baselines"
    body = {"baselines": {"1.1": 3600}}
    drafting = admin.put(url, json=body)
    publish(planner, reviewer, admin, demo.filled_plan_id)
    published = admin.put(url, json=body)

    assert (drafting.status_code, published.status_code) == (409, 409)
    assert published.json()["current_status"] == "published"
    assert published.json()["detail"] == (
        "The plan is published, so it cannot have its annualised baselines entered now. "
        "Baselines are entered once the plan's agreed targets are confirmed."
    )
    assert admin.get(f"/api/v1/plans/{demo.filled_plan_id}/agreed-targets").json()["baselines"] == {}


def test_baselines_are_entered_once_the_targets_are_agreed(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    agree_targets(planner, reviewer, admin, demo.filled_plan_id)

    entered = admin.put(f"/api/v1/plans/{demo.filled_plan_id}/baselines", json={"baselines": {"1.1": 3600}})

    assert entered.status_code == 200
    assert entered.json()["targets_as_numbers"] == {"1.1": 3708}
