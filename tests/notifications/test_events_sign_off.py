"""Event messages from the final submission on: signatures, sign-off, publication, agreed targets; digests; delivery.

Each action is taken through the API and the outbox read as each person's inbox, as in test_events_review.
"""

import datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.access.accounts import find_user
from service.notifications import delivery, preferences
from service.notifications.events import Event
from service.platform.db import SessionFactory
from service.platform.settings import Settings
from service.tables.notifications import Cadence, MessageState
from tests.conftest import ACTORS, ClientFor, Demo
from tests.notifications.inboxes import inbox, only, subjects
from tests.notifications.smtp_server import smtp_server
from tests.workflow.flow import initial_submission_accepted, open_targets_deadline, publish, sign_off


def _final_submission(planner: TestClient, reviewer: TestClient, plan_id: int) -> None:
    initial_submission_accepted(planner, reviewer, plan_id)
    assert planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"}).status_code == 201


def _kinds(session: Session, actor: str) -> list[str]:
    return [message.kind for message in inbox(session, actor)]


def test_the_final_submission_tells_the_region_to_sign_it(client_for: ClientFor, session: Session, demo: Demo) -> None:
    _final_submission(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)

    [_, final] = [m for m in inbox(session, "reviewer_x") if m.kind == Event.SUBMISSION_RECEIVED.value]
    assert final.subject.endswith(": final submission made")
    assert "You need to sign it for the region by " in final.body
    [_, receipt] = [m for m in inbox(session, "planner_a") if m.kind == Event.SUBMISSION_RECEIVED.value]
    assert "Submission number: 2" in receipt.body


def test_one_signature_tells_the_other_side_once(client_for: ClientFor, session: Session, demo: Demo) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    _final_submission(planner, reviewer, demo.filled_plan_id)
    url = f"/api/v1/plans/{demo.filled_plan_id}/sign-offs"

    assert planner.post(url).status_code == 201
    assert planner.post(url).status_code == 409  # signed already: refused, and nobody told again

    message = only(session, "reviewer_x", Event.SIGNATURE)
    assert message.subject.endswith(": signed for the partnership")
    assert "Priya Planner signed Birmingham Drug Action Team's " in message.body
    assert "You need to sign it for the region by " in message.body
    assert message.link == f"/plans/{demo.filled_plan_id}/review#sign-off"
    assert Event.SIGNATURE.value not in _kinds(session, "planner_a") + _kinds(session, "finance_a")


def test_the_second_signature_tells_everyone_on_the_plan_and_the_administrators_who_publish(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    sign_off(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)

    to_finance = only(session, "finance_a", Event.SIGNED_OFF)
    assert to_finance.subject.endswith(": signed off")
    assert "Priya Planner for the partnership and Rosa Reviewer for the region signed" in to_finance.body
    assert "Next, an administrator publishes Parts 1, 2 and 4 of the plan by " in to_finance.body
    to_admin = only(session, "admin", Event.SIGNED_OFF)
    assert "You need to publish it by " in to_admin.body
    assert to_admin.link == f"/plans/{demo.filled_plan_id}/publication"
    assert Event.SIGNED_OFF.value in _kinds(session, "planner_a")
    assert Event.SIGNED_OFF.value not in _kinds(session, "reviewer_x")  # who signed last is not told of it
    assert set(subjects(session)) == {"planner_a", "finance_a", "reviewer_x", "admin"}


def test_publication_tells_the_partnership_and_the_region_which_records_the_targets(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    publish(planner, reviewer, admin, demo.filled_plan_id)
    told = subjects(session)

    assert admin.post(f"/api/v1/plans/{demo.filled_plan_id}/publication").status_code == 409
    assert subjects(session) == told
    to_planner = only(session, "planner_a", Event.PUBLISHED)
    assert to_planner.subject.endswith(": published")
    assert "Anyone can now read Parts 1, 2 and 4 of it." in to_planner.body
    assert to_planner.link == f"/published/{demo.filled_plan_id}"
    to_reviewer = only(session, "reviewer_x", Event.PUBLISHED)
    assert "You need to record the targets agreed with the partnership by " in to_reviewer.body
    assert Event.PUBLISHED.value not in _kinds(session, "admin")


def test_recorded_targets_ask_the_planners_to_confirm_and_confirmed_ones_tell_the_rest(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    publish(planner, reviewer, admin, demo.filled_plan_id)
    url = f"/api/v1/plans/{demo.filled_plan_id}/agreed-targets"
    assert open_targets_deadline(admin, demo.filled_plan_id).status_code == 200
    agreed = {"planned_change_pct": {"1.1": "3", "1.2": "2.5"}}

    assert reviewer.put(url, json={"planned_change_pct": {"9.9": "3"}}).status_code == 422
    assert Event.TARGETS_RECORDED.value not in _kinds(session, "planner_a")
    assert reviewer.put(url, json=agreed).status_code == 200
    assert reviewer.put(url, json=agreed).status_code == 200  # the same again: nobody is asked twice
    recorded = only(session, "planner_a", Event.TARGETS_RECORDED)
    assert recorded.subject.endswith(": agreed targets recorded")
    assert "Indicator 1.1: 3% planned change\nIndicator 1.2: 2.5% planned change" in recorded.body
    assert "You need to check them and confirm them by " in recorded.body
    assert Event.TARGETS_RECORDED.value not in _kinds(session, "finance_a")  # finance officers do not confirm

    assert planner.post(f"{url}/confirmation").status_code == 200
    assert planner.post(f"{url}/confirmation").status_code == 409
    to_reviewer = only(session, "reviewer_x", Event.TARGETS_AGREED)
    assert to_reviewer.subject.endswith(": targets agreed")
    assert "Priya Planner confirmed the targets" in to_reviewer.body
    to_admin = only(session, "admin", Event.TARGETS_AGREED)
    assert "You need to enter the annualised baselines by " in to_admin.body
    assert to_admin.link == f"/plans/{demo.filled_plan_id}/baselines"
    assert Event.TARGETS_AGREED.value in _kinds(session, "finance_a")
    assert Event.TARGETS_AGREED.value not in _kinds(session, "planner_a")


def test_someone_who_chose_the_weekly_digest_has_their_event_messages_held_for_it(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    finance = find_user(ACTORS["finance_a"], session=session)
    assert finance is not None
    preferences.set_cadence(finance.id or 0, Cadence.WEEKLY, version=0, session=session)

    initial_submission_accepted(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)

    assert {message.state for message in inbox(session, "finance_a")} == {MessageState.HELD.value}
    assert {message.state for message in inbox(session, "planner_a")} == {MessageState.QUEUED.value}


def test_a_receipt_arrives_over_smtp_with_its_link_in_full(
    app: FastAPI, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    initial_submission_accepted(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)
    session.commit()
    open_session: SessionFactory = app.state.open_session

    with smtp_server() as (arrived, smtp_url):
        settings = Settings(
            environment="test", database_url="sqlite://", smtp_url=smtp_url, base_url="https://adtp.example"
        )
        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1)
        while delivery.send_due(open_session, settings, now=later).sent:
            pass

    receipt = only(session, "planner_a", Event.SUBMISSION_RECEIVED)
    [email, decision] = arrived.to(ACTORS["planner_a"])
    assert str(email["Subject"]) == receipt.subject
    assert str(decision["Subject"]).endswith(": initial submission accepted")
    text = email.get_content().replace("\r\n", "\n")
    assert "Submission number: 1" in text
    assert text.endswith(
        f"See the submission and download its files:\n\nhttps://adtp.example/plans/{demo.filled_plan_id}/submissions/"
        f"{receipt.link.rsplit('/', 1)[1]}\n"
    )
    assert sorted(str(message["To"]) for message in arrived.received) == sorted(
        [ACTORS["planner_a"]] * 2 + [ACTORS["finance_a"]] * 2 + [ACTORS["reviewer_x"]]
    )
