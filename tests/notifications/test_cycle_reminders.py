"""A whole plan year, day by day: who is reminded of what and when, and that doing it stops the reminders.

The demo's current cycle: partnership A's plan goes through initial submission, the panel's assessment (two
days late), final submission, both signatures (the region's five days late) and its first quarterly return;
partnership B's plan is never submitted, so its planner is chased weekly with region Y's reviewer copied.
What happens on the way is told to each role on the day it happens (the event messages), the reminders
on the days they fall due.
"""

import datetime
from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from service.notifications import outbox, reminders
from service.notifications.reminder_text import day_and_date
from service.notifications.working_days import working_day_before
from service.returns.actions import planned_actions
from service.tables.access import User
from service.tables.columns import id_of
from service.tables.plans import Partnership, Plan, PlanCycle
from service.tables.returns import ReturnSubmission
from tests.conftest import ACTORS, ClientFor, Demo
from tests.notifications.cycle_walk import Clock, Received, events, inbox, morning
from tests.workflow.flow import PDF

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)


def _before(due: datetime.date, to_do: str) -> list[Received]:
    """The reminders before a due date: 14 and 7 days before, the working day before, on the day."""
    return [
        Received(due - 14 * DAY, by(to_do, due)),
        Received(due - 7 * DAY, by(to_do, due)),
        Received(working_day_before(due), by(to_do, due)),
        Received(due, f"{to_do} today ({day_and_date(due)})"),
    ]


def by(to_do: str, due: datetime.date) -> str:
    """A reminder's subject before the due date."""
    return f"{to_do} by {day_and_date(due)}"


def _plan_label(session: Session, plan_id: int) -> str:
    plan = session.get(Plan, plan_id)
    assert plan is not None
    partnership = session.get(Partnership, plan.partnership_id)
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert partnership is not None
    assert cycle is not None
    return f"{partnership.name}'s {cycle.plan_year} plan"


@dataclass(frozen=True)
class Milestone:
    """A Part 3 action with its due date."""

    reference: str
    due: datetime.date


def _a_milestone_after(session: Session, plan_id: int, start: datetime.date, end: datetime.date) -> Milestone:
    """The first of the plan's actions due between two days (the demo plan has actions all through its year)."""
    due = [
        Milestone(action.reference, action.due)
        for action in planned_actions(plan_id, session=session)
        if action.due is not None and start <= action.due <= end
    ]
    assert due, "the demo plan has no action due in the window"
    return min(due, key=lambda milestone: milestone.due)


def _completed(milestone: Milestone, day: datetime.date) -> dict[str, object]:
    grid, objective, action = (int(number) for number in milestone.reference.split("."))
    return {
        "grid": grid, "objective": objective, "action": action, "status": "complete",
        "completed": day.isoformat(), "note": "Done.", "evidence": "Minutes of the board.",
    }  # fmt: skip


def _returned(session: Session, plan_id: int, quarter: int, due: datetime.date, by: str) -> None:
    """The quarter's return submitted (as the returns' own tests do it; here only its having been made matters)."""
    planner = session.exec(select(User).where(User.email == ACTORS[by])).one()
    session.add(
        ReturnSubmission(
            plan_id=plan_id, quarter=quarter, number=1, submitted_at=morning(due - 7 * DAY, 11),
            submitted_by=id_of(planner), due=due, days_late=0, sections={"actions": []}, findings=[],
            content_sha256="0" * 64,
        )
    )  # fmt: skip
    session.flush()


def test_a_plan_year_reminds_each_role_of_its_own_deadlines_until_each_is_met(
    session: Session, client_for: ClientFor, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    plan_id, a, b = (
        demo.filled_plan_id,
        _plan_label(session, demo.filled_plan_id),
        _plan_label(session, demo.empty_plan_id),
    )
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    initial, panel, final, sign_off = (
        cycle.initial_submission_due, cycle.panel_response_due, cycle.final_submission_due, cycle.sign_off_due,
    )  # fmt: skip
    q1 = cycle.q1_return_due
    clock = Clock(session, initial - 20 * DAY)
    # What people do, they do at eleven on the walk's day: the messages telling of it are stamped then.
    monkeypatch.setattr(outbox, "utc_now", lambda: morning(clock.today, hour=11))

    # A's planner makes the initial submission a week early, after that morning's reminder.
    clock.walk_to(initial - 7 * DAY)
    attached = planner.post(
        f"/api/v1/plans/{plan_id}/attachments",
        files={"file": ("audit.pdf", PDF, "application/pdf")},
        data={"kind": "harm-reduction-self-audit"},
    )
    assert attached.status_code == 201, attached.text
    assert planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"}).status_code == 201
    clock.next_day()
    # The panel accepts two days late.
    clock.walk_to(panel + 2 * DAY)
    accepted = reviewer.post(f"/api/v1/plans/{plan_id}/assessments", json={"decision": "accepted"})
    assert accepted.status_code == 201, accepted.text
    clock.next_day()
    # The final submission on its day; the partnership signs a week before sign-off, the region five days late.
    clock.walk_to(final)
    assert planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"}).status_code == 201
    clock.next_day()
    clock.walk_to(sign_off - 6 * DAY)
    assert planner.post(f"/api/v1/plans/{plan_id}/sign-offs").status_code == 201
    clock.next_day()
    clock.walk_to(sign_off + 5 * DAY)
    assert reviewer.post(f"/api/v1/plans/{plan_id}/sign-offs").status_code == 201
    clock.next_day()
    # An action due after sign-off is marked complete in the first return (only saved), a week before it is due.
    milestone = _a_milestone_after(session, plan_id, clock.today + 20 * DAY, q1 - 10 * DAY)
    clock.walk_to(milestone.due - 7 * DAY)
    saved = planner.put(
        f"/api/v1/plans/{plan_id}/returns/1/actions",
        json={"actions": [_completed(milestone, clock.today)]},
        headers={"If-Match": '"actions-0"'},
    )
    assert saved.status_code == 200, saved.text
    clock.next_day()
    # The first quarter's return, a week early; then a fortnight past its due date.
    clock.walk_to(q1 - 7 * DAY)
    _returned(session, plan_id, 1, q1, "planner_a")
    clock.next_day()
    clock.walk_to(q1 + 14 * DAY)
    # A second runner, or this one again that afternoon, finds everything already sent.
    assert reminders.send_reminders(morning(clock.today, hour=15), session=session) == 0

    initial_a = f"Make the initial submission of {a}"
    final_a = f"Make the final submission of {a}"
    signing = f"Sign {a} for the partnership"
    returning = f"Submit the quarter 1 return of {a}"
    # The planner: the initial submission's first two reminders, every one of the final's, the partnership's
    # signature until signed, the return until made; nothing of the panel's or the region's.
    assert inbox(session, ACTORS["planner_a"]) == [
        Received(initial - 14 * DAY, by(initial_a, initial)),
        Received(initial - 7 * DAY, by(initial_a, initial)),
        *_before(final, final_a),
        Received(sign_off - 14 * DAY, by(signing, sign_off)),
        Received(sign_off - 7 * DAY, by(signing, sign_off)),
        Received(q1 - 14 * DAY, by(returning, q1)),
        Received(q1 - 7 * DAY, by(returning, q1)),
    ]
    # The finance officer is reminded of both submissions, which carry Part 4, and of nothing else.
    assert inbox(session, ACTORS["finance_a"], milestones=None) == [
        Received(initial - 14 * DAY, by(initial_a, initial)),
        Received(initial - 7 * DAY, by(initial_a, initial)),
        *_before(final, final_a),
    ]
    # Region X's reviewer: the assessment from the day the submission came, overdue the day after; the
    # region's signature from the final submission until signed, overdue the day after.
    assess, sign_region = f"Assess the initial submission of {a}", f"Sign {a} for the region"
    assert inbox(session, ACTORS["reviewer_x"]) == [
        *_before(panel, assess),
        Received(panel + DAY, f"Overdue: assess the initial submission of {a} (due {day_and_date(panel)})"),
        *_before(sign_off, sign_region),
        Received(sign_off + DAY, f"Overdue: sign {a} for the region (due {day_and_date(sign_off)})"),
    ]
    # B's plan is never submitted: its planner is chased the day after and weekly, region Y's reviewer copied.
    initial_b = f"Make the initial submission of {b}"
    overdue_days = [initial + DAY + week * WEEK for week in range(12)]
    chased = [
        Received(day, f"Overdue: make the initial submission of {b} (due {day_and_date(initial)})")
        for day in overdue_days
    ]
    assert [got for got in inbox(session, ACTORS["planner_b"]) if "initial submission" in got.subject] == [
        *_before(initial, initial_b),
        *chased,
    ]
    # The action marked complete had its reminders up to then, and none after.
    complete = f"Complete action {milestone.reference} of {a}"
    assert inbox(session, ACTORS["planner_a"], milestones=True, about=f"action {milestone.reference} ") == [
        Received(milestone.due - 14 * DAY, by(complete, milestone.due)),
        Received(milestone.due - 7 * DAY, by(complete, milestone.due)),
    ]
    # And what happened, as each role heard of it (tests/notifications/test_events_*.py read the bodies).
    # Nobody is told of their own doing: the planner signed for the partnership, the reviewer for the region.
    partnership_side = [
        Received(initial - 7 * DAY, f"{a}: initial submission received"),
        Received(panel + 2 * DAY, f"{a}: initial submission accepted"),
        Received(final, f"{a}: final submission received"),
        Received(sign_off + 5 * DAY, f"{a}: signed off"),
    ]
    assert events(session, ACTORS["planner_a"]) == partnership_side
    assert events(session, ACTORS["finance_a"]) == partnership_side
    assert events(session, ACTORS["reviewer_x"]) == [
        Received(initial - 7 * DAY, f"{a}: initial submission made"),
        Received(final, f"{a}: final submission made"),
        Received(sign_off - 6 * DAY, f"{a}: signed for the partnership"),
    ]
    copied = [got for got in inbox(session, ACTORS["reviewer_y"]) if "initial submission" in got.subject]
    assert [got.day for got in copied] == overdue_days
    assert all(got.subject.startswith("Overdue: the initial submission (Parts 1 and 4) of") for got in copied)
