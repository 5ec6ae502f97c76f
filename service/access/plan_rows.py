"""A credential's query with the plan a request names joined in: the caller and the plan's scope in one query.

Nearly every request names a plan, and its policy needs both who is calling and the plan's partnership
(to see whether the caller may see it). Asked apart they were two round trips and two ORM loads.

A page may have more read in the same statement (Asked): facts about the plan (PlanFact), questions it asks at
every showing such as whether the plan has open comments, and the parts it shows. Each was a statement of its own,
and on PostgreSQL a statement cost a page about a third of a millisecond of CPU beyond its work: the task list's
three facts were a quarter of it, a part page's comments and part more than that (bench/README.md, "tenth session"). The
answers travel with the plan (plans.PlanView.facts and .parts): whoever would have asked takes them from there, or
asks the database when the plan was found another way. Each fact is declared beside the rule it answers, so that
the rule is written once. Four parts are better read apart: a row for each repeats the caller's columns, and cost
the task list as much as the statement they saved.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from plan_schema.vocabulary import PartName
from service.tables.access import ApiToken, User, WebSession
from service.tables.plans import Partnership, Plan, PlanCycle, PlanPart


@dataclass(frozen=True)
class PlanFact:
    """A question about a plan, as a scalar SQL expression of the plan's id (a column or a bound parameter)."""

    name: str
    of_plan: Callable[[Any], Any]

    def column(self, plan_id: Any) -> Any:
        """The fact as a labelled column of a statement that names the plan as `plan_id`."""
        return self.of_plan(plan_id).label(self.name)


Facts = tuple[PlanFact, ...]
# The plan, its partnership and cycle, the facts asked for with it by name, and the parts asked for by name.
PlanRow = tuple[Plan, Partnership, PlanCycle, dict[str, Any], dict[str, PlanPart]]


@dataclass(frozen=True)
class Asked:
    """What a page reads with the plan: facts about it, and some of its parts (a row for each)."""

    facts: Facts = ()
    parts: tuple[PartName, ...] = ()


NOTHING_MORE = Asked()


def joined(query: Any, plan_id: Any, asked: Asked = NOTHING_MORE) -> Any:
    """`query` with plan `plan_id` (a number, or a bound parameter), its partnership and cycle outer-joined, and
    what is `asked` about it: its facts' columns, and a row for each part asked for."""
    query = (
        query.add_columns(Plan, Partnership, PlanCycle, *(fact.column(plan_id) for fact in asked.facts))
        .outerjoin(Plan, col(Plan.id) == plan_id)
        .outerjoin(Partnership, col(Partnership.id) == col(Plan.partnership_id))
        .outerjoin(PlanCycle, col(PlanCycle.id) == col(Plan.cycle_id))
    )
    if not asked.parts:
        return query
    wanted = [part.value for part in asked.parts]
    # `served` (the part as the API sends it, as long as the document) is left unread, as parts.read_parts does.
    return (
        query.add_columns(PlanPart)
        .outerjoin(PlanPart, and_(col(PlanPart.plan_id) == col(Plan.id), col(PlanPart.part).in_(wanted)))
        .options(defer(PlanPart.served))  # type: ignore[arg-type]  # SQLModel types it as str
    )


def plan_row(rows: Sequence[Any], start: int, asked: Asked = NOTHING_MORE) -> PlanRow | None:
    """The plan, partnership, cycle, facts and parts from `start` on in the rows of a joined query; None when there
    is no such plan."""
    plan, partnership, cycle = rows[0][start : start + 3]
    facts = asked.facts
    answers = dict(zip((fact.name for fact in facts), rows[0][start + 3 : start + 3 + len(facts)], strict=True))
    parts = {row[-1].part: row[-1] for row in rows if row[-1] is not None} if asked.parts else {}
    return None if plan is None else (plan, partnership, cycle, answers, parts)


class CredentialLookup:
    """A credential (a token or a web session) and its user by the credential's secret's hash, with or without
    a plan: the statements built once, as their cache keys are the same at every request (building them was a
    tenth of a read)."""

    def __init__(self, credential: type[ApiToken] | type[WebSession]) -> None:
        self._with_user = select(credential, User).join(User, col(credential.user_id) == col(User.id))
        self._by_hash = col(credential.secret_hash) == bindparam("hash")
        self._alone = self._with_user.where(self._by_hash)
        # By what is asked with the plan: each page asks for the same.
        self._with_plan: dict[Asked, Any] = {}

    def _statement(self, plan_id: int | None, asked: Asked) -> Any:
        if plan_id is None:
            return self._alone
        statement = self._with_plan.get(asked)
        if statement is None:  # built at a page's first showing; another thread building it too does no harm
            with_plan = joined(self._with_user, bindparam("plan_id"), asked)
            statement = self._with_plan[asked] = with_plan.where(self._by_hash)
        return statement

    def __call__(
        self, secret_hash: str, plan_id: int | None, *, session: Session, asked: Asked = NOTHING_MORE
    ) -> tuple[Any, User, PlanRow | None] | None:
        """The credential, its user and (when asked) the plan with what is `asked` about it; None when no credential
        has that hash."""
        statement = self._statement(plan_id, asked)
        rows = session.exec(statement, params={"hash": secret_hash, "plan_id": plan_id}).all()
        if not rows:
            return None
        return rows[0][0], rows[0][1], None if plan_id is None else plan_row(rows, 2, asked)
