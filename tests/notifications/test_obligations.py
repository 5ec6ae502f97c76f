"""Obligations read from the plan: who must do what by when, satisfied by what the plan shows, listed soonest first."""

import datetime

from sqlmodel import Session, select

from service.access.accounts import find_user
from service.notifications import reminders
from service.notifications.obligations import Subject, open_obligations
from service.planning.timetable import ENGLAND
from service.tables.access import User
from service.tables.notifications import Message
from service.tables.plans import Plan, PlanCycle
from tests.conftest import ACTORS, Demo


def _user(session: Session, actor: str) -> User:
    user = find_user(ACTORS[actor], session=session)
    assert user is not None
    return user


def _morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=ENGLAND)


def test_a_planner_s_open_obligations_are_their_own_plans_soonest_first(session: Session, demo: Demo) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None

    found = open_obligations(_user(session, "planner_a"), _morning(cycle.initial_submission_due), session)

    assert [(o.subject, o.plan_id) for o in found] == [
        (Subject.INITIAL_SUBMISSION, demo.filled_plan_id),
        (Subject.FINAL_SUBMISSION, demo.filled_plan_id),
    ]
    assert found[0].link == f"/plans/{demo.filled_plan_id}/submit/initial"


def test_a_reviewer_has_nothing_to_do_before_a_submission_and_an_admin_answers_for_nothing(
    session: Session, demo: Demo
) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    now = _morning(cycle.initial_submission_due)

    assert open_obligations(_user(session, "reviewer_x"), now, session) == []
    assert open_obligations(_user(session, "admin"), now, session) == []


def test_a_plan_submitted_has_its_assessment_due_from_the_region_s_reviewer(session: Session, demo: Demo) -> None:
    plan = session.get(Plan, demo.filled_plan_id)
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert plan is not None
    assert cycle is not None
    plan.status = "initial-submitted"
    session.add(plan)
    session.flush()

    found = open_obligations(_user(session, "reviewer_x"), _morning(cycle.initial_submission_due), session)

    assert [(o.subject, o.due) for o in found] == [(Subject.ASSESSMENT, cycle.panel_response_due)]
    assert open_obligations(_user(session, "reviewer_y"), _morning(cycle.initial_submission_due), session) == []


def test_a_reminder_reads_as_gov_uk_asks_with_its_weekday_date_and_its_page(session: Session, demo: Demo) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    due = cycle.initial_submission_due

    reminders.send_reminders(_morning(due - datetime.timedelta(days=7)), session=session)

    finance = _user(session, "finance_a")
    [message] = session.exec(select(Message).where(Message.address == finance.email)).all()
    weekday_date = f"{due:%A} {due.day} {due:%B %Y}"
    assert message.subject.startswith("Make the initial submission of ")
    assert message.subject.endswith(f"by {weekday_date}")
    assert f"is due on {weekday_date}, in 7 days." in message.body
    assert "Dear" not in message.body
    assert "You get this because you are a finance officer for" in message.body
    assert message.link == f"/plans/{demo.filled_plan_id}/submit/initial"


def test_before_eight_in_the_morning_no_reminder_goes(session: Session, demo: Demo) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    early = datetime.datetime.combine(
        cycle.initial_submission_due - datetime.timedelta(days=7), datetime.time(7, 30), tzinfo=ENGLAND
    )

    assert reminders.send_reminders(early, session=session) == 0
