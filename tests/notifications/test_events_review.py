"""Event messages before sign-off: a submission's receipt, the panel's decision, comments and replies.

Each action is taken through the API and the outbox read as each person's inbox: who was told, in what words,
with which link; that a refused action tells nobody; and that nothing is told twice.
"""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.vocabulary import SubmissionStage
from service.access.accounts import find_user
from service.journey import submissions
from service.notifications import events
from service.planning import plans
from service.tables.columns import id_of
from service.tables.journey import Comment
from service.tables.plans import PlanCycle
from tests.conftest import ACTORS, ClientFor, Demo
from tests.notifications.inboxes import documents_of, inbox, only, subjects
from tests.workflow.flow import PDF


@pytest.fixture
def plan_name(session: Session, demo: Demo) -> str:
    """How messages name the filled plan: "Birmingham Drug Action Team's 2027/28 plan"."""
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    return f"Birmingham Drug Action Team's {cycle.plan_year} plan"


def _submit_initial(planner: TestClient, plan_id: int) -> dict[str, object]:
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    attached = planner.post(
        f"/api/v1/plans/{plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}
    )
    assert attached.status_code == 201, attached.text
    submitted = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"})
    assert submitted.status_code == 201, submitted.text
    answer: dict[str, object] = submitted.json()
    return answer


def test_a_submission_sends_the_partnership_a_receipt_with_its_number_and_hashes(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    submission = _submit_initial(client_for("planner_a"), demo.filled_plan_id)

    receipt = only(session, "finance_a", events.Event.SUBMISSION_RECEIVED)
    assert receipt.subject == f"{plan_name}: initial submission received"
    assert receipt.link == f"/plans/{demo.filled_plan_id}/submissions/{submission['id']}"
    assert "Submission number: 1\nSubmitted by: Priya Planner" in receipt.body
    assert f"SHA-256 of the submission: {submission['content_sha256']}" in receipt.body
    files = documents_of(session, int(str(submission["id"])))
    assert len(files) == 2  # the initial submission carries Parts 1 and 4
    for file in files:
        assert f"{file.filename}\nSHA-256: {file.sha256}" in receipt.body
    assert "The regional panel will assess it by " in receipt.body
    assert receipt.body.rstrip().endswith("See the submission and download its files:")
    assert "Dear" not in receipt.body
    # The submitter gets the same receipt: it is their record of what was sent.
    assert only(session, "planner_a", events.Event.SUBMISSION_RECEIVED).body == receipt.body


def test_a_submission_tells_the_region_it_awaits_their_assessment_and_no_one_else(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    _submit_initial(client_for("planner_a"), demo.filled_plan_id)

    to_panel = only(session, "reviewer_x", events.Event.SUBMISSION_RECEIVED)
    assert to_panel.subject == f"{plan_name}: initial submission made"
    assert "You need to assess it by " in to_panel.body
    assert to_panel.link == f"/plans/{demo.filled_plan_id}/review#submissions"
    assert set(subjects(session)) == {"planner_a", "finance_a", "reviewer_x"}


def test_a_refused_submission_tells_nobody_and_a_repeated_one_tells_nobody_twice(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner = client_for("planner_a")
    refused = planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})
    assert refused.status_code == 422  # the self-audit is not attached yet
    assert subjects(session) == {}

    _submit_initial(planner, demo.filled_plan_id)
    told = subjects(session)
    again = planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})

    assert again.status_code == 409
    assert subjects(session) == told


def test_revisions_requested_tell_the_partnership_what_the_panel_said_and_what_to_do(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    _submit_initial(planner, demo.filled_plan_id)
    url = f"/api/v1/plans/{demo.filled_plan_id}/assessments"

    refused = reviewer.post(url, json={"decision": "revisions-requested", "comment": " "})
    assert refused.status_code == 422
    assert [m.kind for m in inbox(session, "planner_a")] == [events.Event.SUBMISSION_RECEIVED.value]

    field_comments = [
        {"part": "funding", "path": "/table_1/1/police", "body": "Why did police funding fall?"},
        {"part": "strategic-summary", "body": "Say more about housing."},
    ]
    decided = reviewer.post(
        url,
        json={
            "decision": "revisions-requested",
            "comment": "Explain the fall in\npolice funding.",
            "comments": field_comments,
        },
    )
    assert decided.status_code == 201, decided.text
    repeated = reviewer.post(url, json={"decision": "revisions-requested", "comment": "Again."})
    assert repeated.status_code == 409

    message = only(session, "planner_a", events.Event.PLAN_ASSESSED)
    assert message.subject == f"{plan_name}: revisions requested"
    assert "The panel said:\n\n    Explain the fall in\n    police funding." in message.body
    assert "The panel also left 2 comments on fields of the plan." in message.body
    assert "Revise the plan as the panel asks. The final submission, with all four parts, is due by " in message.body
    assert message.link == f"/plans/{demo.filled_plan_id}/review#assessment"
    assert only(session, "finance_a", events.Event.PLAN_ASSESSED).body == message.body
    # The field comments came with the decision: counted in its message, not sent one by one.
    assert [m.kind for m in inbox(session, "planner_a")].count(events.Event.COMMENT.value) == 0
    assert inbox(session, "reviewer_x")[-1].kind == events.Event.SUBMISSION_RECEIVED.value


def test_an_accepted_submission_tells_the_partnership_to_make_the_final_one(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    _submit_initial(client_for("planner_a"), demo.filled_plan_id)

    decided = client_for("reviewer_x").post(
        f"/api/v1/plans/{demo.filled_plan_id}/assessments", json={"decision": "accepted"}
    )

    assert decided.status_code == 201
    message = only(session, "planner_a", events.Event.PLAN_ASSESSED)
    assert message.subject == f"{plan_name}: initial submission accepted"
    assert "The final submission, with all four parts, is due by " in message.body
    assert "The panel said" not in message.body


def test_a_comment_on_part_4_reaches_the_planners_finance_officers_and_panel_but_not_its_author(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/comments"
    reviewer = client_for("reviewer_x")
    assert reviewer.post(url, json={"body": "  "}).status_code == 422
    assert subjects(session) == {}

    comment = reviewer.post(url, json={"body": "Is 1.6 right?", "part": "funding", "path": "/table_1/1/police"})

    assert comment.status_code == 201, comment.text
    message = only(session, "planner_a", events.Event.COMMENT)
    assert message.subject == f"{plan_name}: Rosa Reviewer commented on Part 4"
    assert "Rosa Reviewer commented on Part 4 of " in message.body
    assert "\n\n    Is 1.6 right?\n\n" in message.body
    assert message.link == f"/plans/{demo.filled_plan_id}/review#comment-{comment.json()['id']}"
    assert set(subjects(session)) == {"planner_a", "finance_a"}


def test_a_comment_on_part_1_is_not_sent_to_finance_officers_who_cannot_change_it(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner = client_for("planner_a")
    answer = planner.post(
        f"/api/v1/plans/{demo.filled_plan_id}/comments",
        json={"body": "Does this read well?", "part": "strategic-summary"},
    )

    assert answer.status_code == 201
    assert [m.subject.rsplit(": ", 1)[1] for m in inbox(session, "reviewer_x")] == ["Priya Planner commented on Part 1"]
    assert set(subjects(session)) == {"reviewer_x"}


def test_a_reply_reaches_those_in_the_conversation_but_not_the_one_replying(
    client_for: ClientFor, session: Session, demo: Demo, plan_name: str
) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/comments"
    reviewer, planner = client_for("reviewer_x"), client_for("planner_a")
    first = reviewer.post(url, json={"body": "Is 1.6 right?", "part": "funding"}).json()
    reply = planner.post(url, json={"body": "Yes: the PCT moved it.", "reply_to": first["id"]}).json()
    answer = reviewer.post(url, json={"body": "Thanks.", "reply_to": reply["id"]}).json()

    to_reviewer = only(session, "reviewer_x", events.Event.REPLY)
    assert to_reviewer.subject == f"{plan_name}: Priya Planner replied to a comment"
    assert "    Yes: the PCT moved it." in to_reviewer.body
    to_planner = only(session, "planner_a", events.Event.REPLY)
    assert to_planner.link == f"/plans/{demo.filled_plan_id}/review#comment-{answer['id']}"
    assert [m.kind for m in inbox(session, "finance_a")] == [events.Event.COMMENT.value]


def test_telling_of_an_event_again_stores_nothing_more(client_for: ClientFor, session: Session, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/comments"
    posted = client_for("reviewer_x").post(url, json={"body": "Is 1.6 right?", "part": "funding"}).json()
    comment = session.get(Comment, posted["id"])
    assert comment is not None
    told = subjects(session)

    events.commented(plans.get_plan(demo.filled_plan_id, session=session), comment, session=session)

    assert subjects(session) == told
    planner = find_user(ACTORS["planner_a"], session=session)
    assert planner is not None
    assert only(session, "planner_a", events.Event.COMMENT).dedupe_key == f"comment:{comment.id}:user:{planner.id}"


def test_a_submission_rolled_back_leaves_no_message_behind(client_for: ClientFor, session: Session, demo: Demo) -> None:
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    attached = client_for("planner_a").post(
        f"/api/v1/plans/{demo.filled_plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}
    )
    assert attached.status_code == 201
    planner = find_user(ACTORS["planner_a"], session=session)
    assert planner is not None

    savepoint = session.begin_nested()
    submissions.submit(demo.filled_plan_id, SubmissionStage.INITIAL, submitted_by=id_of(planner), session=session)
    assert set(subjects(session)) == {"planner_a", "finance_a", "reviewer_x"}  # told, within the transaction
    savepoint.rollback()

    assert subjects(session) == {}
