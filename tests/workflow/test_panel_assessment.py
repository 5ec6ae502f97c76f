"""The panel assesses the revisions it asked for: a final submission made after revisions were requested
waits for the panel's assessment before anyone signs, and the latest assessment is the panel's view."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ClientFor, Demo
from tests.workflow.flow import PDF, sign_off

REVISE = {"decision": "revisions-requested", "comment": "Show the March forecast in 1.4."}


def post(client: TestClient, plan_id: int, what: str, body: dict[str, Any] | None = None) -> Any:
    answer = client.post(f"/api/v1/plans/{plan_id}/{what}", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def status(client: TestClient, plan_id: int) -> str:
    return str(client.get(f"/api/v1/plans/{plan_id}/progress").json()["status"])


def revisions_submitted(planner: TestClient, reviewer: TestClient, plan_id: int) -> None:
    """Initial submission, revisions requested, final submission: the revisions await the panel."""
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    data = {"kind": "harm-reduction-self-audit"}
    assert planner.post(f"/api/v1/plans/{plan_id}/attachments", files=files, data=data).status_code == 201
    post(planner, plan_id, "submissions", {"stage": "initial"})
    post(reviewer, plan_id, "assessments", REVISE)
    post(planner, plan_id, "submissions", {"stage": "final"})


def test_the_revisions_are_accepted_before_both_sides_sign(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    plan = demo.filled_plan_id
    revisions_submitted(planner, reviewer, plan)
    progress = planner.get(f"/api/v1/plans/{plan}/progress").json()
    assert progress["status"] == "revisions-submitted"
    assert progress["label"] == "final submission made, awaiting the panel's assessment of the revisions"
    assert progress["next_deadline"] == "panel assessment of the revisions"
    assert progress["panel_assessment"]["label"] == "Revisions requested"

    too_soon = reviewer.post(f"/api/v1/plans/{plan}/sign-offs")
    planner_too_soon = planner.post(f"/api/v1/plans/{plan}/sign-offs")
    by_planner = planner.post(f"/api/v1/plans/{plan}/assessments", json={"decision": "accepted"})
    accepted = post(reviewer, plan, "assessments", {"decision": "accepted"})
    after = planner.get(f"/api/v1/plans/{plan}/progress").json()
    signatures = [post(who, plan, "sign-offs")["status"] for who in (reviewer, planner)]

    assert too_soon.status_code == 409
    assert too_soon.json()["current_status"] == "revisions-submitted"
    assert too_soon.json()["detail"] == (
        "The plan is final submission made, awaiting the panel's assessment of the revisions, "
        "so it cannot be signed for the region now."
    )
    assert planner_too_soon.status_code == 409
    assert by_planner.status_code == 403
    assert (accepted["submission_number"], accepted["stage"], accepted["label"]) == (2, "final", "Revisions accepted")
    assert after["status"] == "final-submitted"
    assert after["panel_assessment"]["label"] == "Revisions accepted"
    assert after["panel_assessment"]["submission_id"] == after["latest_submission"]["id"]
    assert signatures == ["signed-by-region", "signed-off"]


def test_the_panel_can_request_revisions_again_and_each_assessment_names_its_submission(
    client_for: ClientFor, demo: Demo
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    plan = demo.filled_plan_id
    revisions_submitted(planner, reviewer, plan)

    again = post(reviewer, plan, "assessments", {"decision": "revisions-requested", "comment": "1.4 still differs."})
    back = status(planner, plan)
    post(planner, plan, "submissions", {"stage": "final"})
    waiting = status(planner, plan)
    post(reviewer, plan, "assessments", {"decision": "accepted"})
    history = reviewer.get(f"/api/v1/plans/{plan}/assessments").json()
    numbers = {s["id"]: s["number"] for s in planner.get(f"/api/v1/plans/{plan}/submissions").json()}

    assert again["label"] == "Further revisions requested"
    assert (back, waiting, status(planner, plan)) == ("revisions-requested", "revisions-submitted", "final-submitted")
    assert [(a["submission_number"], a["label"]) for a in history] == [
        (1, "Revisions requested"),
        (2, "Further revisions requested"),
        (3, "Revisions accepted"),
    ]
    assert [numbers[a["submission_id"]] for a in history] == [1, 2, 3]
    progress = planner.get(f"/api/v1/plans/{plan}/progress").json()
    assert progress["panel_assessment"]["label"] == "Revisions accepted"


def test_a_plan_accepted_at_the_initial_stage_goes_straight_to_signing(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")

    sign_off(planner, reviewer, demo.filled_plan_id)

    assert status(planner, demo.filled_plan_id) == "signed-off"
    history = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/assessments").json()
    assert [(a["submission_number"], a["stage"], a["label"]) for a in history] == [(1, "initial", "Accepted")]


def test_assessing_is_refused_while_no_submission_awaits_it(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    plan = demo.filled_plan_id
    drafting = reviewer.post(f"/api/v1/plans/{plan}/assessments", json={"decision": "accepted"})
    sign_off(planner, reviewer, plan)
    signed_off = reviewer.post(f"/api/v1/plans/{plan}/assessments", json={"decision": "accepted"})

    assert (drafting.status_code, signed_off.status_code) == (409, 409)
    assert drafting.json()["current_status"] == "drafting"
    assert signed_off.json()["current_status"] == "signed-off"


def test_a_reopened_plan_s_new_final_submission_waits_for_the_panel(client_for: ClientFor, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    plan = demo.filled_plan_id
    sign_off(planner, reviewer, plan)
    post(reviewer, plan, "reopenings", {"reason": "The PCT revised 1.7."})

    post(planner, plan, "submissions", {"stage": "final"})

    assert status(planner, plan) == "revisions-submitted"
    assert reviewer.post(f"/api/v1/plans/{plan}/sign-offs").status_code == 409
