"""Changing a stored plan's parts as a planner's save would, for the tests of rules that read them."""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service.planning import parts
from service.planning.plans import PlanView


def edit(session: Session, plan_id: int, part: PartName, change: Callable[[dict[str, Any]], None]) -> None:
    """Store a part with one change made to its document, as a planner's save would."""
    stored = parts.read_part(plan_id, part, session=session)
    document = stored.document
    change(document)
    parts.replace_part(plan_id, part, parse_part(part, document), expected_version=stored.version, session=session)


def plan_year_column(document: dict[str, Any], view: PlanView) -> dict[str, Any]:
    """Table 1's column for the plan's own year."""
    column: dict[str, Any] = next(c for c in document["table_1"] if c["year"] == view.cycle.plan_year)
    return column
