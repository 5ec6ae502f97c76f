"""Where each quarter's return of a plan stands: when it is due, whether begun or submitted, and how late."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, select

from service.planning.timetable import lateness
from service.returns.quarters import ReturnQuarter, quarters_of
from service.returns.reviews import ReviewState, ReviewSummary, review_summaries
from service.tables.plans import PlanCycle
from service.tables.returns import ReturnSection, ReturnSubmission


class ReturnState(StrEnum):
    """How far a quarter's return has gone."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    SUBMITTED = "submitted"


STATE_LABELS = {
    ReturnState.NOT_STARTED: "Not started",
    ReturnState.IN_PROGRESS: "In progress",
    ReturnState.SUBMITTED: "Submitted",
}


@dataclass(frozen=True)
class QuarterStanding:
    """One quarter's return: its quarter, how far it has gone, its latest submission and whether overdue."""

    quarter: ReturnQuarter
    state: ReturnState
    submissions: int
    days_late: int | None  # of the latest submission; None before the first
    overdue: bool  # due date passed with nothing submitted
    review: ReviewSummary | None = None  # where the reviewer's review stands, once submitted

    @property
    def lateness(self) -> str | None:
        """ "on time", "3 days late" for the latest submission; None before the first."""
        return None if self.days_late is None else lateness(self.days_late)

    @property
    def state_label(self) -> str:
        """ "Submitted", "Questions open" or "Accepted" once submitted; "Overdue" when due with nothing submitted."""
        if self.review is not None and self.review.state is not ReviewState.NOT_SUBMITTED:
            return self.review.state_label
        return "Overdue" if self.overdue else STATE_LABELS[self.state]


def standings(plan_id: int, cycle: PlanCycle, *, today: datetime.date, session: Session) -> list[QuarterStanding]:
    """The four quarters' returns of a plan, April to June first, with their reviews (five queries in all)."""
    begun = set(session.exec(select(ReturnSection.quarter).where(ReturnSection.plan_id == plan_id)).all())
    submitted: dict[int, list[ReturnSubmission]] = {}
    for row in session.exec(select(ReturnSubmission).where(ReturnSubmission.plan_id == plan_id)).all():
        submitted.setdefault(row.quarter, []).append(row)
    reviewed = review_summaries([plan_id], session=session)
    found: list[QuarterStanding] = []
    for quarter in quarters_of(cycle):
        made = sorted(submitted.get(quarter.quarter, []), key=lambda row: row.number)
        state = (
            ReturnState.SUBMITTED
            if made
            else ReturnState.IN_PROGRESS
            if quarter.quarter in begun
            else ReturnState.NOT_STARTED
        )
        days_late = made[-1].days_late if made else None
        overdue = not made and today > quarter.due
        review = reviewed.get((plan_id, quarter.quarter))
        found.append(QuarterStanding(quarter, state, len(made), days_late, overdue, review))
    return found
