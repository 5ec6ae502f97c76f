"""A credential's query with the plan a request names joined in: the caller and the plan's scope in one query.

Nearly every request names a plan, and its policy needs both who is calling and the plan's partnership
(to see whether the caller may see it). Asked apart they were two round trips and two ORM loads.
"""

from typing import Any

from sqlmodel import col

from service.tables.plans import Partnership, Plan, PlanCycle

PlanRow = tuple[Plan, Partnership, PlanCycle]


def joined(query: Any, plan_id: Any) -> Any:
    """`query` with plan `plan_id` (a number, or a bound parameter), its partnership and cycle outer-joined."""
    return (
        query.add_columns(Plan, Partnership, PlanCycle)
        .outerjoin(Plan, col(Plan.id) == plan_id)
        .outerjoin(Partnership, col(Partnership.id) == col(Plan.partnership_id))
        .outerjoin(PlanCycle, col(PlanCycle.id) == col(Plan.cycle_id))
    )


def plan_row(row: Any, start: int) -> PlanRow | None:
    """The plan, partnership and cycle from `start` on in a row of a joined query; None when there is no such plan."""
    plan, partnership, cycle = row[start : start + 3]
    return None if plan is None else (plan, partnership, cycle)
