"""A part save's caller, plan and lock in one statement.

A save found its caller and the plan in one statement (the bearer token, its account, the plan, its partnership and
cycle), then locked the plan's row and read the part's in another (part_statements.LOCKED_ROW), in the same
transaction. On PostgreSQL a statement costs a save about a tenth of its CPU beyond its work: here a bearer token's
save does both in one, taking the plan's row lock (FOR UPDATE OF plan, as every change to a plan takes it first)
with the caller. Only the happy path is answered here, as part_reads answers a read: an unusable token, a plan that
does not exist or one the caller may not change go the usual way (policy.visible_plan), which answers and records
them as every other route does; the lock this statement took then ends with the refused request's transaction.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import and_, bindparam, select
from sqlmodel import Session, col

from plan_schema.vocabulary import PartName
from service.access import tokens
from service.access.identity import Member, bearer_secret, token_user_holder
from service.planning import part_statements, plans
from service.tables.access import ApiToken, User
from service.tables.plans import Partnership, Plan, PlanCycle, PlanPart


@dataclass(frozen=True)
class Found:
    """What the one statement found: a usable token's holder, the plan, and the plan's and the part's rows as the
    save's lock reads them (parts.replace_part's `locked`)."""

    member: Member
    view: plans.PlanView
    locked: Mapping[str, Any]


def _statement(part: PartName) -> Any:
    """The token by its secret's hash, its account, plan `plan_id` with its partnership and cycle, and the part's
    row: the plan's row locked. Inner joins, as FOR UPDATE may not lock the nullable side of an outer join: no row
    when there is no such plan, for the usual way to say so."""
    return (
        select(ApiToken, User, Plan, Partnership, PlanCycle, *part_statements.LOCKED_PART_COLUMNS)
        .join(User, col(User.id) == col(ApiToken.user_id))
        .join(Plan, col(Plan.id) == bindparam("plan_id"))
        .join(Partnership, col(Partnership.id) == col(Plan.partnership_id))
        .join(PlanCycle, col(PlanCycle.id) == col(Plan.cycle_id))
        .join(PlanPart, and_(col(PlanPart.plan_id) == col(Plan.id), col(PlanPart.part) == part.value))
        .where(col(ApiToken.secret_hash) == bindparam("hash"))
        .with_for_update(of=Plan)
        # A plan this session already holds is read afresh, as lock_plan reads it: the lock's is the plan now.
        .execution_options(populate_existing=True)
    )


# Built once per part: the statements and their cache keys are the same at every save.
_STATEMENTS = {part: _statement(part) for part in PartName}


def found_by_token(request: Request, plan_id: int, part: PartName, *, session: Session) -> Found | None:
    """A bearer token's holder with plan `plan_id`, its row locked, and its part, if the token is usable and the
    plan has that part; None for anything else (no bearer token, an unusable one, no such plan)."""
    secret = bearer_secret(request)
    if secret is None:
        return None
    parameters = {"hash": tokens.secret_hash(secret), "plan_id": plan_id}
    row = session.exec(_STATEMENTS[part], params=parameters).first()
    if row is None:
        return None
    token, user, plan, partnership, cycle = row[:5]
    if not tokens.usable(token.revoked_at, token.expires_at, active=user.active):
        return None
    locked = dict(zip(part_statements.LOCKED_PART, row[5:], strict=True))
    locked |= {"status": plan.status, "context_version": plan.context_version}
    return Found(token_user_holder(request, token, user), plans.PlanView(plan, partnership, cycle), locked)
