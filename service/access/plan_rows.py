"""A credential's query with the plan a request names joined in: the caller and the plan's scope in one query.

Nearly every request names a plan, and its policy needs both who is calling and the plan's partnership
(to see whether the caller may see it). Asked apart they were two round trips and two ORM loads.

A page may have more facts about the plan read in the same statement (PlanFact): questions it asks at every
showing, such as whether the plan has open comments, each of which was a statement of its own. On PostgreSQL a
statement cost a page about a third of a millisecond of CPU beyond its work; the task list's three such questions
were a quarter of it (bench/README.md, "tenth session"). The answers travel with the plan (plans.PlanView.facts):
whoever would have asked takes the answer from there, or asks the database when the plan was found another way.
Each fact is declared beside the rule it answers, so that the rule is written once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from service.tables.access import ApiToken, User, WebSession
from service.tables.plans import Partnership, Plan, PlanCycle


@dataclass(frozen=True)
class PlanFact:
    """A question about a plan, as a scalar SQL expression of the plan's id (a column or a bound parameter)."""

    name: str
    of_plan: Callable[[Any], Any]

    def column(self, plan_id: Any) -> Any:
        """The fact as a labelled column of a statement that names the plan as `plan_id`."""
        return self.of_plan(plan_id).label(self.name)


Facts = tuple[PlanFact, ...]
# The plan, its partnership and cycle, and the facts asked for with it, by name.
PlanRow = tuple[Plan, Partnership, PlanCycle, dict[str, Any]]


def joined(query: Any, plan_id: Any, facts: Facts = ()) -> Any:
    """`query` with plan `plan_id` (a number, or a bound parameter), its partnership and cycle outer-joined, and
    `facts` about it."""
    return (
        query.add_columns(Plan, Partnership, PlanCycle, *(fact.column(plan_id) for fact in facts))
        .outerjoin(Plan, col(Plan.id) == plan_id)
        .outerjoin(Partnership, col(Partnership.id) == col(Plan.partnership_id))
        .outerjoin(PlanCycle, col(PlanCycle.id) == col(Plan.cycle_id))
    )


def plan_row(row: Any, start: int, facts: Facts = ()) -> PlanRow | None:
    """The plan, partnership, cycle and facts from `start` on in a row of a joined query; None when there is no
    such plan."""
    plan, partnership, cycle = row[start : start + 3]
    answers = dict(zip((fact.name for fact in facts), row[start + 3 :], strict=True))
    return None if plan is None else (plan, partnership, cycle, answers)


class CredentialLookup:
    """A credential (a token or a web session) and its user by the credential's secret's hash, with or without
    a plan: the statements built once, as their cache keys are the same at every request (building them was a
    tenth of a read)."""

    def __init__(self, credential: type[ApiToken] | type[WebSession]) -> None:
        self._with_user = select(credential, User).join(User, col(credential.user_id) == col(User.id))
        self._by_hash = col(credential.secret_hash) == bindparam("hash")
        self._alone = self._with_user.where(self._by_hash)
        # By the facts asked for with the plan: each page asks for the same few.
        self._with_plan: dict[Facts, Any] = {}

    def _statement(self, plan_id: int | None, facts: Facts) -> Any:
        if plan_id is None:
            return self._alone
        statement = self._with_plan.get(facts)
        if statement is None:  # built at a page's first showing; another thread building it too does no harm
            statement = self._with_plan[facts] = joined(self._with_user, bindparam("plan_id"), facts).where(
                self._by_hash
            )
        return statement

    def __call__(
        self, secret_hash: str, plan_id: int | None, *, session: Session, facts: Facts = ()
    ) -> tuple[Any, User, PlanRow | None] | None:
        """The credential, its user and (when asked) the plan with `facts` about it; None when no credential has
        that hash."""
        row = session.exec(self._statement(plan_id, facts), params={"hash": secret_hash, "plan_id": plan_id}).first()
        if row is None:
            return None
        return row[0], row[1], None if plan_id is None else plan_row(row, 2, facts)
