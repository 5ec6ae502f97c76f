"""A part read's caller, plan and part in one statement.

Reading a part is the API's busiest request. Through the ORM it took a statement for the token with the plan
(five entities loaded, the ORM's setup of each result costing more than the query) and another for the part.
Here a bearer token's read is one Core statement of plain columns: the token and its account, the plan's
scope, and what served_parts.served_part needs. Only the happy path is answered here; a refused token, a plan
the caller may not see or a plan that does not exist go the usual way (policy.visible_plan), which answers
and records them as every other route does.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import and_, bindparam, select
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.access import tokens
from service.access.identity import Member, bearer_secret, token_holder
from service.planning import plans, served_parts
from service.tables.access import ApiToken, Role, User
from service.tables.plans import Partnership, Plan, PlanPart


@dataclass(frozen=True)
class PartRead:
    """A part of a plan the caller may see, as a read sends it; the plan's view when the usual way found it."""

    member: Member
    plan_id: int
    served: served_parts.ServedPart
    view: plans.PlanView | None = None


@dataclass(frozen=True)
class Found:
    """What the one statement found: a usable token's holder, the plan's scope and its part."""

    member: Member
    plan_id: int
    partnership_id: int
    region_id: int
    served: served_parts.ServedPart


_TOKEN, _USER = ApiToken.__table__, User.__table__  # type: ignore[attr-defined]
_PLAN, _PARTNERSHIP, _PART = Plan.__table__, Partnership.__table__, PlanPart.__table__  # type: ignore[attr-defined]


def _statement(part: PartName) -> Any:
    """The token by its secret's hash, its account, and plan `plan_id` with its partnership and the part."""
    return (
        select(
            _TOKEN.c.id,
            _TOKEN.c.kind,
            _TOKEN.c.read_only,
            _TOKEN.c.expires_at,
            _TOKEN.c.revoked_at,
            _TOKEN.c.last_used_at,
            _USER.c.id,
            _USER.c.email,
            _USER.c.role,
            _USER.c.partnership_id,
            _USER.c.region_id,
            _USER.c.active,
            _PLAN.c.id,
            _PLAN.c.context_version,
            _PARTNERSHIP.c.id,
            _PARTNERSHIP.c.region_id,
            *served_parts.served_columns(part, _PLAN.c.id),
        )
        .select_from(
            _TOKEN.join(_USER, _USER.c.id == _TOKEN.c.user_id)
            .outerjoin(_PLAN, _PLAN.c.id == bindparam("plan_id"))
            .outerjoin(_PARTNERSHIP, _PARTNERSHIP.c.id == _PLAN.c.partnership_id)
            .outerjoin(_PART, and_(_PART.c.plan_id == _PLAN.c.id, _PART.c.part == part.value))
        )
        .where(_TOKEN.c.secret_hash == bindparam("hash"))
    )


# Built once per part: the statements and their cache keys are the same at every read.
_STATEMENTS = {part: _statement(part) for part in PartName}


def found_by_token(request: Request, plan_id: int, part: PartName, *, session: Session) -> Found | None:
    """A bearer token's holder with plan `plan_id` and its part, if the token is usable and the plan has that part;
    None for anything else (no bearer token, an unusable one, no such plan), for the usual way to answer."""
    secret = bearer_secret(request)
    if secret is None:
        return None
    # Plain rows from the connection: the session's execute sets up ORM loading even for a Core statement.
    parameters = {"hash": tokens.secret_hash(secret), "plan_id": plan_id}
    row = session.connection().execute(_STATEMENTS[part], parameters).first()
    if row is None:
        return None
    token_id, kind, read_only, expires_at, revoked_at, last_used_at = row[:6]
    user_id, email, role, partnership_id, region_id, active = row[6:12]
    found_plan, context_version, plan_partnership, plan_region = row[12:16]
    if found_plan is None or row[16] is None or not tokens.usable(revoked_at, expires_at, active=active):
        return None
    holder = Member("access-token", user_id, email, Role(role), partnership_id, region_id)
    member = token_holder(request, token_id, kind, last_used_at, holder, read_only)
    served = served_parts.served_from(part, context_version, row[16:])
    return Found(member, plan_id, plan_partnership, plan_region, served)
