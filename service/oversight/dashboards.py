"""Where every plan of a region stands, and the country rolled up by region."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.journey import progress
from service.planning import parts, plans, validation
from service.platform.errors import NotFound
from service.tables.columns import id_of
from service.tables.journey import Submission
from service.tables.plans import Partnership, Plan, PlanCycle, Region
from validators.findings import count_by_severity

NOT_STARTED = "not-started"  # the status of a partnership with no plan in the cycle


@dataclass(frozen=True)
class PartnershipStanding:
    """One partnership's plan on the region's dashboard."""

    partnership_id: int
    partnership: str
    plan_id: int | None
    status: str
    status_label: str
    latest_submission: Submission | None
    errors: int
    warnings: int
    next_deadline: str | None
    days_left: int | None
    draft_funding: Funding | None = None  # Part 4 as drafted now, read with the rest of the plan
    panel_assessment: str | None = None  # the panel's latest decision in words ("Revisions accepted")


@dataclass(frozen=True)
class RegionStanding:
    """A region rolled up for the national view."""

    region_id: int
    region: str
    partnerships: int
    plans: int
    by_status: dict[str, int]
    late_submissions: int
    plans_with_errors: int


def cycle_or_latest(cycle_id: int | None, *, session: Session) -> PlanCycle:
    """The cycle asked for, or the newest one."""
    cycle = (
        session.get(PlanCycle, cycle_id)
        if cycle_id is not None
        else session.exec(select(PlanCycle).order_by(col(PlanCycle.plan_year).desc())).first()
    )
    if cycle is None:
        raise NotFound("There is no such plan cycle.")
    return cycle


def _standing(
    partnership: Partnership, plan: Plan | None, cycle: PlanCycle, session: Session, today: datetime.date
) -> PartnershipStanding:
    if plan is None:
        return PartnershipStanding(
            id_of(partnership), partnership.name, None, NOT_STARTED, "not started", None, 0, 0, None, None
        )
    view = plans.PlanView(plan=plan, partnership=partnership, cycle=cycle)
    found = progress.plan_progress(view, session=session, today=today)
    stored = parts.read_parts(id_of(plan), session=session)
    checked = validation.validate(view, stored, session=session)
    draft_funding = stored[PartName.FUNDING].model
    findings = [finding for part in checked.findings.values() for finding in part]
    errors = count_by_severity(findings).errors
    return PartnershipStanding(
        partnership_id=id_of(partnership),
        partnership=partnership.name,
        plan_id=id_of(plan),
        status=found.status.value,
        status_label=found.label,
        latest_submission=found.latest,
        errors=errors,
        warnings=len(findings) - errors,
        next_deadline=found.deadline_text,
        days_left=found.days_left,
        draft_funding=draft_funding if isinstance(draft_funding, Funding) else None,
        panel_assessment=found.assessment.label if found.assessment else None,
    )


def plan_standing(view: plans.PlanView, *, session: Session, today: datetime.date) -> PartnershipStanding:
    """One plan's standing, exactly as its region's dashboard shows it."""
    return _standing(view.partnership, view.plan, view.cycle, session, today)


def region_dashboard(
    region_id: int, cycle: PlanCycle, *, session: Session, today: datetime.date
) -> list[PartnershipStanding]:
    """Every partnership of the region, with or without a plan for the cycle, by name."""
    rows = session.exec(
        select(Partnership, Plan)
        .join(
            Plan, (col(Plan.partnership_id) == col(Partnership.id)) & (col(Plan.cycle_id) == id_of(cycle)), isouter=True
        )
        .where(Partnership.region_id == region_id)
        .order_by(col(Partnership.name))
    ).all()
    return [_standing(partnership, plan, cycle, session, today) for partnership, plan in rows]


def national_dashboard(cycle: PlanCycle, *, session: Session, today: datetime.date) -> list[RegionStanding]:
    """Each region's partnerships counted by status, lateness and errors."""
    standings = []
    for region in session.exec(select(Region).order_by(col(Region.name))).all():
        rows = region_dashboard(id_of(region), cycle, session=session, today=today)
        standings.append(
            RegionStanding(
                region_id=id_of(region),
                region=region.name,
                partnerships=len(rows),
                plans=sum(1 for row in rows if row.plan_id is not None),
                by_status=dict(Counter(row.status for row in rows)),
                late_submissions=sum(1 for row in rows if row.latest_submission and row.latest_submission.days_late),
                plans_with_errors=sum(1 for row in rows if row.errors),
            )
        )
    return standings


SORTS = {
    "partnership": lambda row: row.partnership,
    "status": lambda row: row.status,
    "days-late": lambda row: -(row.latest_submission.days_late if row.latest_submission else -1),
    "errors": lambda row: -row.errors,
    "deadline": lambda row: row.days_left if row.days_left is not None else 10**6,
}


def sorted_rows(rows: Sequence[PartnershipStanding], sort: str) -> list[PartnershipStanding]:
    """The rows in the order asked for, partnership name breaking ties."""
    return sorted(sorted(rows, key=SORTS["partnership"]), key=SORTS[sort])
