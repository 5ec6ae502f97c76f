"""The review of a quarterly return through the API: questions, replies, resolution and acceptance, on both backends."""

from typing import Any

from sqlmodel import Session

from service.tables.columns import id_of
from tests.conftest import ClientFor
from tests.returns.reporting_plan import RED_METRIC
from tests.returns.submitted_return import SHARED_CARE, resubmit, submitted_return

ON_ACTION = {"kind": "action", "action": "1.1.2"}
ON_CELL = {"kind": "spend-cell", "source": "police", "category": SHARED_CARE}


def _question(anchor: dict[str, Any], body: str = "Why is this behind?", submission: int = 1) -> dict[str, Any]:
    return {"submission": submission, "anchor": anchor, "body": body}


def test_a_reviewer_asks_the_planner_replies_and_the_reviewer_resolves(client_for: ClientFor, session: Session) -> None:
    base = f"/api/v1/plans/{id_of(submitted_return(session).plan)}/returns/1"
    reviewer, planner = client_for("reviewer_x"), client_for("planner_a")
    assert reviewer.get(f"{base}/review").json()["state"] == "submitted"

    asked = reviewer.post(f"{base}/questions", json=_question(ON_ACTION))
    assert asked.status_code == 201, asked.text
    question = asked.json()
    assert asked.headers["Location"] == f"{base}/questions/{question['id']}"
    assert (question["asked_on_submission"], question["anchor"]["action"], question["open"]) == (1, "1.1.2", True)
    review = reviewer.get(f"{base}/review").json()
    assert (review["state"], review["state_label"], review["open_questions"]) == ("questions-open", "Questions open", 1)
    quarters = planner.get(base.removesuffix("/1")).json()
    assert [(q["review_state"], q["open_questions"]) for q in quarters[:2]] == [
        ("questions-open", 1),
        ("not-submitted", 0),
    ]

    replied = planner.post(f"{base}/questions/{question['id']}/replies", json={"body": "A keyworker left in May."})
    assert replied.status_code == 201, replied.text
    assert reviewer.post(f"{base}/questions/{question['id']}/replies", json={"body": "Thanks."}).status_code == 201
    resolved = reviewer.post(f"{base}/questions/{question['id']}/resolution")

    assert resolved.status_code == 200, resolved.text
    thread = resolved.json()
    assert [reply["body"] for reply in thread["replies"]] == ["A keyworker left in May.", "Thanks."]
    assert (thread["open"], thread["closed_how"]) == (False, "resolved")
    assert reviewer.get(f"{base}/review").json()["state"] == "submitted"
    closed = planner.post(f"{base}/questions/{question['id']}/replies", json={"body": "One more thing"})
    assert closed.status_code == 409
    assert "closed" in closed.json()["detail"]


def test_an_anchor_the_submission_does_not_hold_is_refused_naming_the_field(
    client_for: ClientFor, session: Session
) -> None:
    base = f"/api/v1/plans/{id_of(submitted_return(session).plan)}/returns/1"
    reviewer = client_for("reviewer_x")
    refused = {
        "/anchor/action": _question({"kind": "action", "action": "9.9.9"}),
        "/anchor/metric": _question({"kind": "metric", "metric": "NO-SUCH"}),
        "/anchor/source": _question({"kind": "spend-cell", "source": "lottery", "category": SHARED_CARE}),
        "/anchor/category": _question({"kind": "spend-cell", "source": "police", "category": "Bingo"}),
        "/submission": _question(ON_ACTION, submission=7),
    }

    for pointer, body in refused.items():
        answer = reviewer.post(f"{base}/questions", json=body)
        assert answer.status_code == 422, (pointer, answer.text)
        assert answer.json()["errors"][0]["pointer"] == pointer
    blank = reviewer.post(f"{base}/questions", json=_question(ON_ACTION, body="   "))
    assert blank.status_code == 422
    assert "body" in blank.text
    assert reviewer.get(f"{base}/questions").json() == []


def test_a_metric_and_a_spend_cell_are_asked_about_and_the_finance_officer_answers_only_spend(
    client_for: ClientFor, session: Session
) -> None:
    base = f"/api/v1/plans/{id_of(submitted_return(session).plan)}/returns/1"
    reviewer, finance = client_for("reviewer_x"), client_for("finance_a")
    on_metric = reviewer.post(f"{base}/questions", json=_question({"kind": "metric", "metric": RED_METRIC})).json()
    on_cell = reviewer.post(f"{base}/questions", json=_question(ON_CELL, "Nothing spent?")).json()
    assert (on_cell["anchor"]["source"], on_cell["anchor"]["category"]) == ("police", SHARED_CARE)

    assert finance.post(f"{base}/questions/{on_cell['id']}/replies", json={"body": "Invoices late"}).status_code == 201
    refused = finance.post(f"{base}/questions/{on_metric['id']}/replies", json={"body": "Not mine"})
    assert refused.status_code == 403
    assert "planners answer it" in refused.json()["detail"]
    assert finance.post(f"{base}/questions", json=_question(ON_CELL)).status_code == 403
    assert client_for("planner_a").post(f"{base}/questions", json=_question(ON_CELL)).status_code == 403
    assert client_for("planner_a").post(f"{base}/acceptance", json={"submission": 1}).status_code == 403
    assert client_for("planner_a").post(f"{base}/questions/{on_cell['id']}/resolution").status_code == 403
    assert client_for("reviewer_y").get(f"{base}/questions/{on_cell['id']}").status_code == 404
    assert client_for("reviewer_y").post(f"{base}/acceptance", json={"submission": 1}).status_code == 404
    assert client_for("planner_a").get(f"{base}/questions/{on_cell['id'] + 100}").status_code == 404


def test_accepting_closes_every_open_question_and_takes_no_more(client_for: ClientFor, session: Session) -> None:
    base = f"/api/v1/plans/{id_of(submitted_return(session).plan)}/returns/1"
    reviewer = client_for("reviewer_x")
    question = reviewer.post(f"{base}/questions", json=_question(ON_ACTION)).json()

    accepted = reviewer.post(f"{base}/acceptance", json={"submission": 1})

    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["submission"] == 1
    review = reviewer.get(f"{base}/review").json()
    assert (review["state"], review["open_questions"], review["accepted_submission"]) == ("accepted", 0, 1)
    thread = reviewer.get(f"{base}/questions/{question['id']}").json()
    assert (thread["open"], thread["closed_how"]) == (False, "accepted")
    assert reviewer.post(f"{base}/acceptance", json={"submission": 1}).status_code == 409
    assert reviewer.post(f"{base}/questions", json=_question(ON_CELL)).status_code == 409
    assert client_for("admin").get(f"{base}/review").json()["acceptances"][0]["submission"] == 1


def test_a_newer_submission_reopens_the_review_and_open_questions_carry_over_naming_where_asked(
    client_for: ClientFor, session: Session
) -> None:
    view = submitted_return(session)
    base = f"/api/v1/plans/{id_of(view.plan)}/returns/1"
    reviewer = client_for("reviewer_x")
    question = reviewer.post(f"{base}/questions", json=_question(ON_ACTION)).json()

    resubmit(session, view, "A keyworker left")

    review = reviewer.get(f"{base}/review").json()
    assert (review["state"], review["latest_submission"], review["open_questions"]) == ("questions-open", 2, 1)
    assert reviewer.get(f"{base}/questions").json()[0]["asked_on_submission"] == 1
    stale = reviewer.post(f"{base}/acceptance", json={"submission": 1})
    assert stale.status_code == 409
    assert stale.json()["latest_submission"] == 2
    assert reviewer.post(f"{base}/questions", json=_question(ON_CELL, submission=1)).status_code == 409
    assert reviewer.post(f"{base}/acceptance", json={"submission": 2}).status_code == 201
    resubmit(session, view, "Both keyworkers left")
    after = reviewer.get(f"{base}/review").json()
    assert (after["state"], after["accepted_submission"], after["latest_submission"]) == ("submitted", 2, 3)
    assert reviewer.get(f"{base}/questions/{question['id']}").json()["closed_how"] == "accepted"


def test_review_actions_are_in_the_plan_s_audit_trail(client_for: ClientFor, session: Session) -> None:
    plan_id = id_of(submitted_return(session).plan)
    base = f"/api/v1/plans/{plan_id}/returns/1"
    reviewer = client_for("reviewer_x")
    question = reviewer.post(f"{base}/questions", json=_question(ON_CELL)).json()
    client_for("finance_a").post(f"{base}/questions/{question['id']}/replies", json={"body": "Late invoices"})
    reviewer.post(f"{base}/questions/{question['id']}/resolution")
    reviewer.post(f"{base}/acceptance", json={"submission": 1})

    trail = client_for("admin").get(f"/api/v1/plans/{plan_id}/audit").json()

    actions = [event["action"] for event in trail["items"]]
    for expected in ("return-question-asked", "return-question-replied", "return-question-resolved", "return-accepted"):
        assert expected in actions
