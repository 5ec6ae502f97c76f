"""One plan's whole year on the timetable, through the API only, as its people would do it."""

import datetime
import hashlib
from typing import Any

from fastapi.testclient import TestClient

from service.planning.timetable import local_date
from service.platform.canonical import sha256_of
from service.tables.columns import utc_now
from tests.conftest import ClientFor, Demo

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def status(client: TestClient, plan_id: int) -> str:
    return str(client.get(f"/api/v1/plans/{plan_id}/progress").json()["status"])


def put_part(client: TestClient, plan_id: int, part: str, change: Any) -> Any:
    url = f"/api/v1/plans/{plan_id}/parts/{part}"
    read = client.get(url)
    document = read.json()["document"]
    change(document)
    return client.put(url, json=document, headers={"If-Match": read.headers["ETag"]})


def check_snapshot(client: TestClient, plan_id: int, submission: dict[str, Any], stage: str) -> None:
    """The snapshot's hash is the canonical JSON's, and each document's bytes match their hash."""
    assert submission["content_sha256"] == sha256_of({"plan_id": plan_id, "stage": stage, "parts": submission["parts"]})
    for document in submission["documents"]:
        content = client.get(document["href"]).content
        assert hashlib.sha256(content).hexdigest() == document["sha256"]


def test_a_plan_goes_through_the_whole_timetable(client_for: ClientFor, anonymous: TestClient, demo: Demo) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    outsider = client_for("reviewer_y")
    plan = demo.filled_plan_id
    today = local_date(utc_now())
    cycle = planner.get(f"/api/v1/plans/{plan}").json()["cycle"]["id"]

    # The admin sets the region's timetable: the initial submission is due today.

    def days(n: int) -> str:
        return (today + datetime.timedelta(days=n)).isoformat()

    backwards = {"initial_submission_due": days(5), "panel_response_due": days(1)}
    assert admin.patch(f"/api/v1/cycles/{cycle}", json=backwards).status_code == 422
    timetable = {
        "initial_submission_due": days(0),
        "panel_response_due": days(7),
        "final_submission_due": days(14),
        "sign_off_due": days(20),
        "publication_due": days(30),
        "targets_agreed_due": days(40),
    }
    assert admin.patch(f"/api/v1/cycles/{cycle}", json=timetable).status_code == 200
    assert status(planner, plan) == "drafting"

    # January: Parts 1 and 4 with the harm reduction self-audit, on time.
    blocked = planner.post(f"/api/v1/plans/{plan}/submissions", json={"stage": "initial"})
    assert blocked.status_code == 422
    assert "self-audit is not attached" in blocked.json()["detail"]
    upload = planner.post(
        f"/api/v1/plans/{plan}/attachments",
        files={"file": ("self audit.pdf", PDF, "application/pdf")},
        data={"kind": "harm-reduction-self-audit"},
    )
    assert upload.status_code == 201
    initial = planner.post(f"/api/v1/plans/{plan}/submissions", json={"stage": "initial"})
    assert initial.status_code == 201, initial.text
    first = initial.json()
    assert (first["number"], first["stage"], first["late"], first["days_late"]) == (1, "initial", False, 0)
    assert sorted(first["parts"]) == ["funding", "strategic-summary"]
    assert sorted(document["part"] for document in first["documents"]) == ["funding", "strategic-summary"]
    check_snapshot(planner, plan, first, "initial")
    assert status(planner, plan) == "initial-submitted"
    assert planner.post(f"/api/v1/plans/{plan}/submissions", json={"stage": "initial"}).status_code == 409

    # While the panel assesses Parts 1 and 4 they are frozen; Parts 2 and 3 are not.
    frozen = put_part(planner, plan, "funding", lambda doc: None)
    assert frozen.status_code == 409
    assert "awaiting panel assessment" in frozen.json()["detail"]
    assert put_part(planner, plan, "targets", lambda doc: None).status_code == 200

    # February: the panel requests revisions, with a comment anchored to 1.4.
    assessments = f"/api/v1/plans/{plan}/assessments"
    assert (
        reviewer.post(assessments, json={"decision": "revisions-requested"}).json()["errors"][0]["pointer"]
        == "/comment"
    )
    assert planner.post(assessments, json={"decision": "accepted"}).status_code == 403
    assessed = reviewer.post(
        assessments,
        json={
            "decision": "revisions-requested",
            "comment": "Please update the carry forward for March.",
            "comments": [
                {"part": "funding", "path": "/table_1/1/smptb_underspend_carried_forward", "body": "Is 1.4 final?"}
            ],
        },
    )
    assert assessed.status_code == 201
    assert status(planner, plan) == "revisions-requested"
    anchored = planner.get(f"/api/v1/plans/{plan}/comments").json()
    assert [(c["part"], c["path"]) for c in anchored] == [("funding", "/table_1/1/smptb_underspend_carried_forward")]
    reply = planner.post(
        f"/api/v1/plans/{plan}/comments", json={"body": "Updated to the March forecast.", "reply_to": anchored[0]["id"]}
    )
    assert reply.json()["path"] == "/table_1/1/smptb_underspend_carried_forward"
    resolved = reviewer.post(f"/api/v1/plans/{plan}/comments/{anchored[0]['id']}/resolution")
    assert resolved.json()["resolved_by"] is not None
    assert len(planner.get(f"/api/v1/plans/{plan}/comments").json()) == 2  # history kept

    # March: the revised 1.4, and the final submission of all four parts, two days late.
    def new_carry_forward(document: dict[str, Any]) -> None:
        document["table_1"][1]["smptb_underspend_carried_forward"] = "120000.00"
        for row in document["table_2"]:
            row["smptb_underspend_carried_forward"] = "0.00"
        document["table_2"][0]["smptb_underspend_carried_forward"] = "120000.00"

    original = planner.get(f"/api/v1/plans/{plan}/parts/funding").json()["document"]
    carried = original["table_1"][1]["smptb_underspend_carried_forward"]
    admin.patch(
        f"/api/v1/cycles/{cycle}",
        json={"final_submission_due": days(-2), "panel_response_due": days(-3), "initial_submission_due": days(-4)},
    )
    assert put_part(planner, plan, "funding", new_carry_forward).status_code == 200
    final = planner.post(f"/api/v1/plans/{plan}/submissions", json={"stage": "final"})
    assert final.status_code == 201, final.text
    second = final.json()
    assert (second["number"], second["stage"], second["late"], second["days_late"]) == (2, "final", True, 2)
    assert len(second["documents"]) == 4
    check_snapshot(planner, plan, second, "final")
    assert first["content_sha256"] != second["content_sha256"]

    # The reviewer sees what changed between January and March, field by field.
    diff = reviewer.get(f"/api/v1/plans/{plan}/diff").json()
    changed = {(c["part"], c["path"]): c for c in diff["changes"]}
    change = changed[("funding", "/table_1/1/smptb_underspend_carried_forward")]
    assert (change["change"], change["before"], change["after"]) == ("changed", carried, "120000.00")
    assert diff["counts"]["planning-grids"] > 0  # Part 3 arrived with the final submission
    assert ("strategic-summary", "/direction_and_purpose") not in changed

    # The panel assesses the revisions before anyone signs.
    assert reviewer.post(f"/api/v1/plans/{plan}/sign-offs").status_code == 409
    assert status(planner, plan) == "revisions-submitted"
    accepted = reviewer.post(assessments, json={"decision": "accepted", "comment": "1.4 is now the March forecast."})
    assert (accepted.json()["submission_number"], accepted.json()["label"]) == (2, "Revisions accepted")

    # 31 March: both sides sign; the plan is locked.
    assert planner.post(f"/api/v1/plans/{plan}/sign-offs").json()["status"] == "signed-by-partnership"
    assert reviewer.post(f"/api/v1/plans/{plan}/sign-offs").json()["status"] == "signed-off"
    locked = put_part(planner, plan, "strategic-summary", lambda doc: doc.update(likely_demand="Late edit"))
    assert locked.status_code == 409
    assert locked.json()["detail"].startswith(f"This plan was signed off on {today:%-d %B %Y} by Priya Planner")
    assert "Rosa Reviewer for the region" in locked.json()["detail"]

    # April/May: publication of Parts 1, 2 and 4 only; Part 3 is never public.
    assert anonymous.get(f"/api/v1/public/plans/{plan}").status_code == 404
    assert admin.post(f"/api/v1/plans/{plan}/publication").status_code == 201
    published = anonymous.get(f"/api/v1/public/plans/{plan}").json()
    assert [part["part"] for part in published["parts"]] == ["strategic-summary", "targets", "funding"]
    public_funding = anonymous.get(f"/api/v1/public/plans/{plan}/parts/funding").json()
    assert public_funding == second["parts"]["funding"]
    assert anonymous.get(f"/api/v1/public/plans/{plan}/parts/planning-grids").status_code == 404
    assert anonymous.get(f"/api/v1/plans/{plan}/parts/planning-grids").status_code == 401
    assert outsider.get(f"/api/v1/plans/{plan}/submissions").status_code == 404
    assert status(planner, plan) == "published"

    # End of May: the agreed % change; August: the baseline turns it into numbers of people.
    recorded = reviewer.put(
        f"/api/v1/plans/{plan}/agreed-targets", json={"planned_change_pct": {"1.1": "3.00", "1.2": "2.50"}}
    )
    assert recorded.status_code == 200
    assert planner.post(f"/api/v1/plans/{plan}/agreed-targets/confirmation").status_code == 200
    assert status(planner, plan) == "targets-agreed"
    numbers = admin.put(f"/api/v1/plans/{plan}/baselines", json={"baselines": {"1.1": 3600, "1.2": 4600}}).json()
    assert numbers["targets_as_numbers"] == {"1.1": 3708, "1.2": 4715}
    assert planner.get(f"/api/v1/plans/{plan}/agreed-targets").json()["targets_as_numbers"] == {
        "1.1": 3708,
        "1.2": 4715,
    }
