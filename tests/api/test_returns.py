"""The quarterly returns API on a plan that reports: every route, for the roles that matter, on both backends."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.planning.workflow import PlanStatus
from service.tables.columns import id_of
from tests.conftest import ClientFor
from tests.returns.reporting_plan import RED_METRIC, reporting_plan

EXCEPTION = {
    "metric": RED_METRIC,
    "reason": "Two deaths among older users",
    "recovery_action": "Naloxone for everyone leaving treatment",
    "owner": "Clinical lead",
    "recovery_date": "2025-03-31",
}


def _base(session: Session) -> str:
    return f"/api/v1/plans/{id_of(reporting_plan(session).plan)}/returns"


def test_the_quarters_list_due_dates_and_states(client_for: ClientFor, session: Session) -> None:
    base = _base(session)

    quarters = client_for("reviewer_x").get(base).json()

    assert [(q["quarter"], q["due"], q["state"], q["overdue"]) for q in quarters] == [
        (1, "2024-07-31", "not-started", True),
        (2, "2024-10-31", "not-started", True),
        (3, "2025-01-31", "not-started", True),
        (4, "2025-04-30", "not-started", True),
    ]


def test_a_planner_saves_progress_with_the_etag_and_a_stale_one_is_412(client_for: ClientFor, session: Session) -> None:
    base = _base(session)
    planner = client_for("planner_a")
    read = planner.get(f"{base}/1/actions")
    assert read.headers["ETag"] == '"actions-0"'
    assert [line["reference"] for line in read.json()["actions"]] == ["1.1.1", "1.1.2", "2.1.1"]
    body = {"actions": [{"grid": 1, "objective": 1, "action": 2, "status": "off-track"}]}

    saved = planner.put(f"{base}/1/actions", json=body, headers={"If-Match": '"actions-0"'})

    assert saved.status_code == 200, saved.text
    assert saved.headers["ETag"] == '"actions-1"'
    assert saved.json()["actions"][1]["status"] == "off-track"
    assert [(f["rule_id"], f["path"]) for f in saved.json()["findings"]] == [("R-020", "/actions/1/note")]
    stale = planner.put(f"{base}/1/actions", json=body, headers={"If-Match": '"actions-0"'})
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"actions-1"'
    assert planner.put(f"{base}/1/actions", json=body).status_code == 428


def test_bad_progress_is_refused_naming_the_field(client_for: ClientFor, session: Session) -> None:
    base = _base(session)
    planner = client_for("planner_a")

    wrong_status = planner.put(
        f"{base}/1/actions",
        json={"actions": [{"grid": 1, "objective": 1, "action": 1, "status": "done"}]},
        headers={"If-Match": '"actions-0"'},
    )
    no_such_action = planner.put(
        f"{base}/1/actions",
        json={"actions": [{"grid": 1, "objective": 1, "action": 7}]},
        headers={"If-Match": '"actions-0"'},
    )

    assert wrong_status.status_code == 422
    assert "/actions/0/status" in wrong_status.text
    assert no_such_action.status_code == 422
    assert no_such_action.json()["errors"][0]["pointer"] == "/actions/0"


def test_only_the_partnership_s_planners_and_admins_write(client_for: ClientFor, session: Session) -> None:
    base = _base(session)
    body: dict[str, list[object]] = {"metrics": []}
    tag = {"If-Match": '"exceptions-0"'}

    assert client_for("finance_a").put(f"{base}/1/exceptions", json=body, headers=tag).status_code == 403
    assert client_for("reviewer_x").put(f"{base}/1/exceptions", json=body, headers=tag).status_code == 403
    assert client_for("planner_b").get(f"{base}/1/exceptions").status_code == 404
    assert client_for("admin").put(f"{base}/1/exceptions", json=body, headers=tag).status_code == 200


def test_a_red_metric_blocks_submission_until_its_exception_is_given(client_for: ClientFor, session: Session) -> None:
    base = _base(session)
    planner = client_for("planner_a")
    metrics = planner.get(f"{base}/1/exceptions").json()["metrics"]
    assert [m["metric"] for m in metrics if m["exception_required"]] == [RED_METRIC]

    refused = planner.post(f"{base}/1/submissions")
    assert refused.status_code == 422
    assert {f["rule_id"] for f in refused.json()["findings"]} == {"R-040"}

    saved = planner.put(f"{base}/1/exceptions", json={"metrics": [EXCEPTION]}, headers={"If-Match": '"exceptions-0"'})
    assert saved.status_code == 200, saved.text
    assert saved.json()["findings"] == []
    made = planner.post(f"{base}/1/submissions")

    assert made.status_code == 201, made.text
    assert made.headers["Location"] == f"{base}/1/submissions/1"
    first = made.json()
    assert (first["number"], first["due"], first["lateness"].endswith("days late")) == (1, "2024-07-31", True)
    assert set(first["sections"]) == {"actions", "exceptions", "spend"}
    assert (first["sections"]["spend"]["quarter"], first["sections"]["spend"]["version"]) == (1, 0)  # none reported
    assert client_for("reviewer_x").get(f"{base}/1/submissions/1").json() == first
    assert planner.post(f"{base}/1/submissions").status_code == 409
    assert client_for("reviewer_x").get(base).json()[0]["state"] == "submitted"


def test_a_quarter_out_of_range_is_refused_by_name(client_for: ClientFor, session: Session) -> None:
    answer = client_for("planner_a").get(f"{_base(session)}/5/actions")

    assert answer.status_code == 422
    assert "quarter" in answer.text


def test_a_plan_not_signed_off_answers_409_saying_why(client: TestClient, session: Session) -> None:
    plan_id = id_of(reporting_plan(session, status=PlanStatus.ACCEPTED).plan)

    answer = client.get(f"/api/v1/plans/{plan_id}/returns")

    assert answer.status_code == 409
    assert "signed off" in answer.json()["detail"]
