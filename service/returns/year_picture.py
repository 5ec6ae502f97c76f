"""The year's picture of a plan's returns: the four quarters side by side, from each quarter's latest submission.

Actions' status quarter by quarter, the metrics' RAG, and spend against the plan's Table 2. A quarter with
no submission shows nothing reported, and the picture says which submission each quarter was read from.
An action is matched to what a return said of it by its number and its words together, so an action
renumbered since (a plan reopened and its Part 3 reordered) is not given another's progress.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow
from plan_schema.quarterly_return import ActionStatus
from service.planning.plans import PlanView
from service.planning.timetable import lateness
from service.returns import reported, submitted
from service.returns.actions import PlannedAction, planned_actions
from service.returns.quarters import ReturnQuarter, quarters_of
from service.returns.reported import SubmittedMetric
from service.returns.spend_variance import SpendVariance
from service.returns.submitted import SubmittedQuarter
from service.tables.columns import id_of


@dataclass(frozen=True)
class QuarterSource:
    """Which submission a quarter of the picture is read from: its latest, or none."""

    quarter: ReturnQuarter
    number: int | None
    submitted_at: datetime.datetime | None
    days_late: int | None  # of that (latest) submission

    @property
    def text(self) -> str:
        """ "Submission 2, 3 days late" or "No submission"."""
        if self.number is None or self.days_late is None:
            return "No submission"
        return f"Submission {self.number}, {lateness(self.days_late)}"


@dataclass(frozen=True)
class ActionYear:
    """A Part 3 action and its status as each quarter's return reported it (None: no submission said)."""

    planned: PlannedAction
    statuses: list[ActionStatus | None]


@dataclass(frozen=True)
class MetricYear:
    """A scorecard metric as each quarter's return judged it (None: not on that return)."""

    code: str
    name: str
    quarters: list[SubmittedMetric | None]


@dataclass(frozen=True)
class CategorySpend:
    """A Table 2 row: planned for the year, spent each quarter (None: no submission), and the year so far."""

    category: str
    planned: Decimal
    quarters: list[Decimal | None]

    @property
    def to_date(self) -> Decimal:
        """Spent in the quarters submitted so far."""
        return sum((spent for spent in self.quarters if spent is not None), Decimal(0))

    @property
    def remaining(self) -> Decimal:
        """Planned less spent to date: what is left of the year's plan (negative when overspent)."""
        return self.planned - self.to_date


@dataclass(frozen=True)
class YearPicture:
    """A plan's year of returns."""

    view: PlanView
    sources: list[QuarterSource]
    actions: list[ActionYear]
    metrics: list[MetricYear]
    spend: list[CategorySpend]
    total: CategorySpend
    variances: list[SpendVariance | None]  # each quarter's spend to date against its profile


def source_of(quarter: ReturnQuarter, made: SubmittedQuarter | None) -> QuarterSource:
    """Which submission the quarter is read from: its latest, or none (pure)."""
    if made is None:
        return QuarterSource(quarter, None, None, None)
    return QuarterSource(quarter, made.latest.number, made.latest.submitted_at, made.latest.days_late)


def action_years(planned: list[PlannedAction], made: dict[int, SubmittedQuarter]) -> list[ActionYear]:
    """Each planned action's status quarter by quarter (pure)."""
    said = {
        quarter: {(action.reference, action.text): action.status for action in reported.actions_of(q.latest.sections)}
        for quarter, q in made.items()
    }
    return [
        ActionYear(action, [said.get(q, {}).get((action.reference, action.text)) for q in (1, 2, 3, 4)])
        for action in planned
    ]


def metric_years(made: dict[int, SubmittedQuarter]) -> list[MetricYear]:
    """Every metric any quarter's return judged, in the order they first appear, quarter by quarter (pure)."""
    judged = {quarter: {m.code: m for m in reported.metrics_of(q.latest.sections)} for quarter, q in made.items()}
    names: dict[str, str] = {}
    for quarter in sorted(judged):
        for code, metric in judged[quarter].items():
            names.setdefault(code, metric.name)
    return [MetricYear(code, name, [judged.get(q, {}).get(code) for q in (1, 2, 3, 4)]) for code, name in names.items()]


def spend_years(
    table_2: list[ExpenditureRow], made: dict[int, SubmittedQuarter]
) -> tuple[list[CategorySpend], CategorySpend]:
    """Each Table 2 row's plan and quarterly spend, and the totals row (pure)."""
    spent = {q: entry for q, sub in made.items() if (entry := reported.spend_entry(sub.latest.sections))}
    usable = {q: entry for q, entry in spent.items() if len(entry.actual) == len(table_2)}
    rows = [
        CategorySpend(
            row.category,
            funding_totals.expenditure_row_total(row),
            [
                funding_totals.expenditure_row_total(usable[q].actual[index]) if q in usable else None
                for q in (1, 2, 3, 4)
            ],
        )
        for index, row in enumerate(table_2)
    ]
    total = CategorySpend(
        "Total",
        funding_totals.grand_total(table_2),
        [funding_totals.grand_total(usable[q].actual) if q in usable else None for q in (1, 2, 3, 4)],
    )
    return rows, total


def year_picture(view: PlanView, *, session: Session) -> YearPicture:
    """The plan's four quarters side by side from their latest submissions (a handful of queries)."""
    plan_id = id_of(view.plan)
    made = submitted.submitted_quarters([plan_id], session=session).get(plan_id, {})
    table_2 = submitted.tables_2([plan_id], session=session).get(plan_id, [])
    spend_rows, total = spend_years(table_2, made)
    spent = {q: entry for q, sub in made.items() if (entry := reported.spend_entry(sub.latest.sections))}
    threshold = view.cycle.spend_variance_threshold_pct
    return YearPicture(
        view=view,
        sources=[source_of(quarter, made.get(quarter.quarter)) for quarter in quarters_of(view.cycle)],
        actions=action_years(planned_actions(plan_id, session=session), made),
        metrics=metric_years(made),
        spend=spend_rows,
        total=total,
        variances=[
            reported.quarter_variance(q, table_2=table_2, spent=spent, threshold_pct=threshold) for q in (1, 2, 3, 4)
        ],
    )
