"""What the public may read: the published submission's Parts 1, 2 and 4, nothing else."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from plan_schema.plan_year import year_before
from plan_schema.vocabulary import PUBLIC_PARTS, PartName
from service.platform.errors import NotFound
from service.tables.journey import Publication, Submission
from service.tables.plans import Partnership, Plan, PlanCycle


@dataclass(frozen=True)
class PublishedPlan:
    """A published plan as the public sees it."""

    plan_id: int
    partnership: str
    plan_year: str
    published_at: datetime.datetime
    submission: Submission
    previous_year: str
    indicative_years: tuple[str, ...]
    partnership_id: int  # its published scorecard is the partnership's for the plan's year

    @property
    def baseline_year(self) -> str:
        """The year whose actual figures are Part 2's baselines: the year before the previous year."""
        return year_before(self.previous_year)


def _query() -> Any:
    return (
        select(Publication, Submission, Partnership, PlanCycle)
        .join(Submission, col(Publication.submission_id) == col(Submission.id))
        .join(Plan, col(Publication.plan_id) == col(Plan.id))
        .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
        .join(PlanCycle, col(Plan.cycle_id) == col(PlanCycle.id))
    )


def _published(row: Any) -> PublishedPlan:
    publication, submission, partnership, cycle = row
    return PublishedPlan(
        publication.plan_id,
        partnership.name,
        cycle.plan_year,
        publication.published_at,
        submission,
        cycle.previous_year,
        tuple(cycle.indicative_years),
        partnership.id,
    )


def list_published(*, session: Session) -> Sequence[PublishedPlan]:
    """Every published plan, newest year first, then by partnership."""
    rows = session.exec(_query().order_by(col(PlanCycle.plan_year).desc(), col(Partnership.name))).all()
    return [_published(row) for row in rows]


def published(plan_id: int, *, session: Session) -> PublishedPlan:
    """A published plan; any other plan is simply not there."""
    row = session.exec(_query().where(Publication.plan_id == plan_id)).first()
    if row is None:
        raise NotFound(f"There is no published plan {plan_id}.")
    return _published(row)


def published_part(plan_id: int, part: PartName, *, session: Session) -> dict[str, Any]:
    """A public part of a published plan, as it was signed off (never the current draft)."""
    plan = published(plan_id, session=session)
    if part not in PUBLIC_PARTS:
        raise NotFound(f"{part.value} is not published. The published parts are Parts 1, 2 and 4.")
    document: dict[str, Any] = plan.submission.parts[part.value]
    return document
