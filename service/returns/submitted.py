"""What the plans of a region (or one plan) have submitted, fetched for all of them at once.

A region of thirty partnerships is read in a few queries, never one per plan: the latest submission of
each (plan, quarter) in one, when each return first arrived in another, and the plans' Table 2 in a third.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from sqlmodel import Session, and_, col, func, select

from plan_schema.funding import ExpenditureRow, Funding
from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service.tables.plans import PlanPart
from service.tables.returns import ReturnSubmission


@dataclass(frozen=True)
class SubmittedQuarter:
    """A quarter's return as submitted: its latest snapshot, and how late the first one was."""

    first_days_late: int  # of submission 1: when the return first arrived is what on time measures
    first_submitted_at: datetime.datetime
    latest: ReturnSubmission

    @property
    def count(self) -> int:
        """How many times the return has been submitted (numbers run 1, 2, 3 … without gaps)."""
        return self.latest.number


def submitted_quarters(plan_ids: Sequence[int], *, session: Session) -> dict[int, dict[int, SubmittedQuarter]]:
    """Each plan's submitted quarters: {plan id: {quarter: SubmittedQuarter}} (two queries, however many plans)."""
    if not plan_ids:
        return {}
    newest = (
        select(
            col(ReturnSubmission.plan_id).label("plan_id"),
            col(ReturnSubmission.quarter).label("quarter"),
            func.max(ReturnSubmission.number).label("number"),
        )
        .where(col(ReturnSubmission.plan_id).in_(plan_ids))
        .group_by(col(ReturnSubmission.plan_id), col(ReturnSubmission.quarter))
        .subquery()
    )
    latest_rows = session.exec(
        select(ReturnSubmission).join(
            newest,
            and_(
                col(ReturnSubmission.plan_id) == newest.c.plan_id,
                col(ReturnSubmission.quarter) == newest.c.quarter,
                col(ReturnSubmission.number) == newest.c.number,
            ),
        )
    ).all()
    firsts = {
        (plan_id, quarter): (days_late, submitted_at)
        for plan_id, quarter, days_late, submitted_at in session.exec(
            select(
                ReturnSubmission.plan_id,
                ReturnSubmission.quarter,
                ReturnSubmission.days_late,
                ReturnSubmission.submitted_at,
            ).where(col(ReturnSubmission.plan_id).in_(plan_ids), ReturnSubmission.number == 1)
        ).all()
    }
    found: dict[int, dict[int, SubmittedQuarter]] = {}
    for row in latest_rows:
        days_late, submitted_at = firsts[(row.plan_id, row.quarter)]
        found.setdefault(row.plan_id, {})[row.quarter] = SubmittedQuarter(days_late, submitted_at, row)
    return found


def tables_2(plan_ids: Sequence[int], *, session: Session) -> dict[int, list[ExpenditureRow]]:
    """Each plan's Part 4 Table 2 (the template's empty one where Part 4 no longer fits it), in one query."""
    if not plan_ids:
        return {}
    rows = session.exec(
        select(PlanPart.plan_id, PlanPart.document).where(
            col(PlanPart.plan_id).in_(plan_ids), PlanPart.part == PartName.FUNDING.value
        )
    ).all()
    found: dict[int, list[ExpenditureRow]] = {}
    for plan_id, document in rows:
        try:
            funding = parse_part(PartName.FUNDING, document)
        except ValidationError:  # a Part 4 that no longer fits the template reads as the empty one
            funding = Funding()
        found[plan_id] = list(funding.table_2) if isinstance(funding, Funding) else list(Funding().table_2)
    return found
