"""A part as a read sends it: its version, and the document and findings kept with it while they are current.

A read compares the kept findings' key with the one the plan's parts and context give now (validation.findings_key)
in the same statement that reads the part, and sends the kept text as it is when they match: nothing parsed, no
rule run.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from plan_schema.vocabulary import PartName
from service.planning import validation
from service.platform.errors import NotFound
from service.tables.columns import id_of
from service.tables.plans import Plan, PlanPart


@dataclass(frozen=True)
class ServedPart:
    """A part's version and when it was saved, and what a read sends if what was kept is still current."""

    version: int
    updated_at: datetime.datetime
    served: str | None  # {"document":…,"findings":[…]} as kept, or None: parse and find afresh


def served_columns(part: PartName, plan_id: Any) -> list[Any]:
    """What a read of `part` of plan `plan_id` (a bound parameter or a column) needs, for served_from: the part's
    version, when it was saved, its kept key and served text, and the versions of the parts its rules read."""
    columns: list[Any] = [PlanPart.version, PlanPart.updated_at, PlanPart.findings_key, PlanPart.served]
    for other in validation.read_with(part):
        theirs = aliased(PlanPart)
        columns.append(
            select(theirs.version).where(theirs.plan_id == plan_id, theirs.part == other.value).scalar_subquery()
        )
    return columns


def served_from(part: PartName, context_version: int, values: Sequence[Any]) -> ServedPart:
    """The ServedPart of a row of served_columns, for a plan at `context_version`."""
    version, updated_at, kept_key, served = values[:4]
    key = validation.key_for(
        part, version, context_version, dict(zip(validation.read_with(part), values[4:], strict=True))
    )
    return ServedPart(version, updated_at, served if kept_key == key else None)


def _served_query(part: PartName) -> Any:
    plan_id: Any = bindparam("plan_id")
    return select(*served_columns(part, plan_id)).where(
        col(PlanPart.plan_id) == plan_id, col(PlanPart.part) == part.value
    )


# Built once per part: the statement and its cache key are the same at every read.
_SERVED = {part: _served_query(part) for part in PartName}


def served_part(plan: Plan, part: PartName, *, session: Session) -> ServedPart:
    """A part as a read sends it, in one query and without parsing anything; NotFound without the plan."""
    plan_id = id_of(plan)
    row = session.execute(_SERVED[part], {"plan_id": plan_id}).first()
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    return served_from(part, plan.context_version, row)
