"""A credential's query with the plan a request names joined in: the caller and the plan's scope in one query.

Nearly every request names a plan, and its policy needs both who is calling and the plan's partnership
(to see whether the caller may see it). Asked apart they were two round trips and two ORM loads.
"""

from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from service.tables.access import ApiToken, User, WebSession
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


class CredentialLookup:
    """A credential (a token or a web session) and its user by the credential's secret's hash, with or without
    a plan: the statements built once, as their cache keys are the same at every request (building them was a
    tenth of a read)."""

    def __init__(self, credential: type[ApiToken] | type[WebSession]) -> None:
        with_user = select(credential, User).join(User, col(credential.user_id) == col(User.id))
        by_hash = col(credential.secret_hash) == bindparam("hash")
        self._alone = with_user.where(by_hash)
        self._with_plan = joined(with_user, bindparam("plan_id")).where(by_hash)

    def __call__(
        self, secret_hash: str, plan_id: int | None, *, session: Session
    ) -> tuple[Any, User, PlanRow | None] | None:
        """The credential, its user and (when asked) the plan; None when no credential has that hash."""
        query = self._alone if plan_id is None else self._with_plan
        row = session.exec(query, params={"hash": secret_hash, "plan_id": plan_id}).first()
        if row is None:
            return None
        return row[0], row[1], None if plan_id is None else plan_row(row, 2)
