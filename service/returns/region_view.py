"""The region's view of quarterly returns: every reporting partnership's return for each quarter, and how
complete the region's returns are (submitted ÷ expected, on time ÷ expected).

"Expected" counts the returns whose due date has passed: a quarter still within its month's grace is not
held against anyone. "On time" is the first submission's lateness: a correction sent after the due date
does not make a return that arrived on time late. The reds, overdue actions and flagged variances are
those the latest submission reports (service/returns/reported).

A few queries for the whole region (its plans, their submissions, their Table 2), whatever its size.
The figures of a quarter's return are one dataclass (QuarterReturn) and the table's columns one tuple
(COLUMNS) that the page, the CSV and the workbook all read; the reviewer's review of each return is read
from service/returns/reviews, for the whole region at once.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from plan_schema.funding import ExpenditureRow
from service.planning import workflow
from service.planning.timetable import lateness
from service.returns import reported, reviews, submitted
from service.returns.quarters import ReturnQuarter, quarters_of
from service.returns.submitted import SubmittedQuarter
from service.tables.columns import id_of
from service.tables.plans import Partnership, Plan, PlanCycle

EXPECTED_MEANS = "A return is expected once its due date has passed; on time means its first submission came by then."


class ReturnStatus(StrEnum):
    """Where a quarter's return stands for the region."""

    NOT_YET_DUE = "not-yet-due"  # the quarter has not ended: nothing can be submitted yet
    DUE = "due"  # the quarter has ended and the due date has not passed
    OVERDUE = "overdue"  # the due date has passed with nothing submitted
    ON_TIME = "submitted-on-time"
    LATE = "submitted-late"


@dataclass(frozen=True)
class QuarterReturn:
    """One partnership's return for one quarter: its status, and what its latest submission reports."""

    quarter: ReturnQuarter
    status: ReturnStatus
    expected: bool  # its due date has passed
    days_late: int | None  # of the first submission; None before it
    submissions: int
    red_metrics: int | None  # None before the first submission
    overdue_actions: int | None
    flagged_variances: int | None  # None too when the snapshot's spend cannot be compared with Table 2
    review: reviews.ReviewSummary | None = None  # None before the first submission

    @property
    def review_label(self) -> str | None:
        """ "Accepted", "Questions open (2)", "Waiting for review"; None before a submission."""
        if self.review is None:
            return None
        if self.review.state is reviews.ReviewState.QUESTIONS_OPEN:
            return f"{self.review.state_label} ({self.review.open_questions})"
        if self.review.state is reviews.ReviewState.SUBMITTED:
            return "Waiting for review"
        return self.review.state_label

    @property
    def status_label(self) -> str:
        """ "Not yet due", "Due 31 July 2025", "Overdue", "Submitted on time", "Submitted 3 days late"."""
        if self.status is ReturnStatus.DUE:
            return f"Due {self.quarter.due.day} {self.quarter.due:%B %Y}"
        if self.days_late is not None:
            return f"Submitted {lateness(self.days_late)}"
        return {ReturnStatus.NOT_YET_DUE: "Not yet due", ReturnStatus.OVERDUE: "Overdue"}[self.status]


@dataclass(frozen=True)
class PartnershipReturns:
    """A reporting partnership's four quarters."""

    partnership_id: int
    partnership: str
    plan_id: int
    quarters: list[QuarterReturn]


@dataclass(frozen=True)
class NotReporting:
    """A partnership of the region whose plan does not report yet, or that has no plan for the cycle."""

    partnership: str
    plan_id: int | None
    plan_status: str  # in words


@dataclass(frozen=True)
class Completeness:
    """Of the returns expected, how many were submitted and how many on time."""

    expected: int
    submitted: int
    on_time: int

    @staticmethod
    def percent(part: int, whole: int) -> int | None:
        """A whole percentage, rounded half up; None when nothing is expected yet."""
        return None if whole == 0 else (part * 200 + whole) // (2 * whole)

    @property
    def submitted_pct(self) -> int | None:
        """Submitted ÷ expected, as a whole percentage."""
        return self.percent(self.submitted, self.expected)

    @property
    def on_time_pct(self) -> int | None:
        """On time ÷ expected, as a whole percentage."""
        return self.percent(self.on_time, self.expected)


@dataclass(frozen=True)
class RegionReturns:
    """The region's returns for a cycle: its reporting partnerships, the rest, and completeness."""

    cycle: PlanCycle
    quarters: list[ReturnQuarter]
    rows: list[PartnershipReturns]
    not_reporting: list[NotReporting]
    by_quarter: list[Completeness]
    year_so_far: Completeness


def status_of(quarter: ReturnQuarter, first_days_late: int | None, today: datetime.date) -> ReturnStatus:
    """A return's status on `today` from its quarter's dates and its first submission's lateness."""
    if first_days_late is not None:
        return ReturnStatus.LATE if first_days_late else ReturnStatus.ON_TIME
    if today > quarter.due:
        return ReturnStatus.OVERDUE
    return ReturnStatus.DUE if quarter.has_ended(today) else ReturnStatus.NOT_YET_DUE


def quarter_return(
    quarter: ReturnQuarter,
    made: SubmittedQuarter | None,
    *,
    flagged_variances: int | None,
    today: datetime.date,
    review: reviews.ReviewSummary | None = None,
) -> QuarterReturn:
    """One quarter's return as the region sees it (pure)."""
    days_late = made.first_days_late if made else None
    sections = made.latest.sections if made else None
    return QuarterReturn(
        quarter=quarter,
        status=status_of(quarter, days_late, today),
        expected=today > quarter.due,
        days_late=days_late,
        submissions=made.count if made else 0,
        red_metrics=reported.red_metrics(sections) if sections is not None else None,
        overdue_actions=reported.overdue_actions(sections, quarter.ends) if sections is not None else None,
        flagged_variances=flagged_variances,
        review=review if made else None,
    )


def completeness(returns: Sequence[QuarterReturn]) -> Completeness:
    """Submitted and on time among the returns expected (pure)."""
    expected = [made for made in returns if made.expected]
    return Completeness(
        expected=len(expected),
        submitted=sum(made.days_late is not None for made in expected),
        on_time=sum(made.status is ReturnStatus.ON_TIME for made in expected),
    )


def _flagged(
    plan_id: int, quarters: dict[int, SubmittedQuarter], tables_2: dict[int, list[ExpenditureRow]], cycle: PlanCycle
) -> dict[int, int]:
    """Each submitted quarter's flagged cells, its spend to date adding the latest submissions so far."""
    spent = {q: entry for q, made in quarters.items() if (entry := reported.spend_entry(made.latest.sections))}
    table_2 = tables_2.get(plan_id, [])
    found = {}
    for quarter in quarters:
        result = reported.quarter_variance(
            quarter, table_2=table_2, spent=spent, threshold_pct=cycle.spend_variance_threshold_pct
        )
        if result is not None:
            found[quarter] = result.flagged_count
    return found


def region_returns(region_id: int, cycle: PlanCycle, *, session: Session, today: datetime.date) -> RegionReturns:
    """Every partnership of the region for the cycle: reporting ones quarter by quarter, the others listed."""
    rows = session.exec(
        select(Partnership, Plan)
        .join(
            Plan, (col(Plan.partnership_id) == col(Partnership.id)) & (col(Plan.cycle_id) == id_of(cycle)), isouter=True
        )
        .where(Partnership.region_id == region_id)
        .order_by(col(Partnership.name))
    ).all()
    reporting = [(partnership, plan) for partnership, plan in rows if plan and workflow.reports_quarterly(plan)]
    plan_ids = [id_of(plan) for _, plan in reporting]
    made = submitted.submitted_quarters(plan_ids, session=session)
    tables_2 = submitted.tables_2(plan_ids, session=session)
    reviewed = reviews.review_summaries(plan_ids, session=session)
    quarters = quarters_of(cycle)
    found = []
    for partnership, plan in reporting:
        plan_id = id_of(plan)
        of_plan = made.get(plan_id, {})
        flagged = _flagged(plan_id, of_plan, tables_2, cycle)
        found.append(
            PartnershipReturns(
                id_of(partnership),
                partnership.name,
                plan_id,
                [
                    quarter_return(
                        q,
                        of_plan.get(q.quarter),
                        flagged_variances=flagged.get(q.quarter),
                        today=today,
                        review=reviewed.get((plan_id, q.quarter)),
                    )
                    for q in quarters
                ],
            )
        )
    others = [
        NotReporting(
            partnership.name,
            id_of(plan) if plan else None,
            workflow.STATUS_LABELS[workflow.status_of(plan)] if plan else "no plan started",
        )
        for partnership, plan in rows
        if not (plan and workflow.reports_quarterly(plan))
    ]
    by_quarter = [completeness([row.quarters[index] for row in found]) for index in range(len(quarters))]
    year = completeness([made for row in found for made in row.quarters])
    return RegionReturns(cycle, quarters, found, others, by_quarter, year)


# What a submitted return reports, as the page's cells, the CSV and the workbook show it (a review goes here).
FIGURES: tuple[tuple[str, Callable[[QuarterReturn], int | None]], ...] = (
    ("Red metrics", lambda made: made.red_metrics),
    ("Overdue actions", lambda made: made.overdue_actions),
    ("Spend variances flagged", lambda made: made.flagged_variances),
)
# The columns of the downloads, one line per partnership and quarter.
COLUMNS = (
    "Partnership",
    "Quarter",
    "Due",
    "Status",
    "Days late",
    "Submissions",
    "Review",
    *(name for name, _ in FIGURES),
)
Value = str | int | None


def lines(view: RegionReturns) -> list[list[Value]]:
    """The region's returns as the downloads' lines (empty where nothing was submitted), quarter by quarter."""
    return [
        [
            row.partnership,
            made.quarter.quarter,
            made.quarter.due.isoformat(),
            made.status_label,
            made.days_late,
            made.submissions,
            made.review_label,
            *(figure(made) for _, figure in FIGURES),
        ]
        for row in view.rows
        for made in row.quarters
    ]
