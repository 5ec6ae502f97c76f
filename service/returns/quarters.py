"""Which quarters a plan reports on, what each covers, when it ends and when its return falls due."""

import datetime
from dataclasses import dataclass

from plan_schema.quarterly_return import QUARTER_MONTHS, QUARTERS
from service.monitoring.periods import Period
from service.planning import workflow
from service.planning.timetable import return_due
from service.platform.errors import Conflict, NotFound
from service.tables.plans import Plan, PlanCycle


@dataclass(frozen=True)
class ReturnQuarter:
    """A quarter of the plan year as its return sees it: number, months, last day and due date."""

    plan_year: str
    quarter: int
    ends: datetime.date
    due: datetime.date

    @property
    def months(self) -> str:
        """ "April to June"."""
        return QUARTER_MONTHS[self.quarter]

    @property
    def label(self) -> str:
        """ "Quarter 1 (April to June 2008)": how pages and messages name it."""
        return f"Quarter {self.quarter} ({self.months} {self.ends.year})"

    @property
    def period(self) -> Period:
        """The quarter as the scorecard's figures name it (2008/09 Q1)."""
        return Period(self.plan_year, self.quarter)

    def has_ended(self, today: datetime.date) -> bool:
        """True from the day after its last day."""
        return today > self.ends


def quarter_of(cycle: PlanCycle, quarter: int) -> ReturnQuarter:
    """One quarter of a cycle's plan year; NotFound for a quarter that is not 1 to 4."""
    if quarter not in QUARTERS:
        raise NotFound(f"A plan year has quarters 1 to 4, not {quarter}.")
    period = Period(cycle.plan_year, quarter)
    return ReturnQuarter(cycle.plan_year, quarter, period.ends, return_due(cycle, quarter))


def quarters_of(cycle: PlanCycle) -> list[ReturnQuarter]:
    """The plan year's four quarters, April to June first."""
    return [quarter_of(cycle, quarter) for quarter in QUARTERS]


class NotReporting(Conflict):
    """A return asked of a plan that does not report quarterly yet (it has not been signed off)."""

    title = "The plan makes no quarterly returns yet"
    problem_type = "urn:adtp:problem:not-reporting"


def ensure_reporting(plan: Plan) -> None:
    """Refuse a return on a plan the workflow does not have reporting quarterly, saying why."""
    if not workflow.reports_quarterly(plan):
        raise NotReporting(
            "Quarterly returns start once the plan is signed off: this plan is "
            f"{workflow.STATUS_LABELS[workflow.status_of(plan)]}.",
            plan_status=workflow.status_of(plan).value,
        )
