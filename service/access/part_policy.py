"""Who may read and who may change a part: visible_plan's policy and plan_actor's, each answered in one statement
where a bearer token names the caller (part_reads, part_writes), the API's busiest requests.

Only what those statements find allowed is answered from them; anything else (another credential, a token not
usable, a plan that does not exist or that the caller may not see or change) goes the usual way, which refuses and
records it as every other route does.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.access import part_reads, part_writes
from service.access.identity import oauth2_scheme, principal_of
from service.access.part_reads import PartRead
from service.access.policy import (
    OnPlan,
    acting_on,
    find_visible_plan,
    may_change,
    member_of,
    part_editors,
    policy,
    sees,
)
from service.planning.served_parts import served_part
from service.platform.deps import SessionDep, database_work
from service.platform.ids import DbId
from service.tables.access import Role


def part_reader(part: PartName) -> Callable[..., Awaitable[PartRead]]:
    """The policy for reading one part: visible_plan's, with the part found in the same statement where it can be."""

    @policy
    async def may_read_part(
        plan_id: DbId,
        request: Request,
        session: SessionDep,
        _token: Annotated[str | None, Depends(oauth2_scheme)] = None,  # so that OpenAPI shows the route's security
    ) -> PartRead:
        return await database_work(request, session, _part_read, plan_id, part, request, session)

    return may_read_part


def found_part_read(request: Request, plan_id: int, part: PartName, session: Session) -> PartRead | None:
    """A bearer token's part read as its one statement (part_reads) finds it, if the caller may see the plan; else
    None, for the usual way to answer (and, if it refuses, to record it)."""
    found = part_reads.found_by_token(request, plan_id, part, session=session)
    if found is None or not sees(found.member, found.partnership_id, found.region_id):
        return None
    return PartRead(found.member, plan_id, found.served)


def _part_read(plan_id: int, part: PartName, request: Request, session: Session) -> PartRead:
    if (read := found_part_read(request, plan_id, part, session)) is not None:
        return read
    # Anything else the usual way, which refuses and records it as visible_plan does on every other route.
    view = find_visible_plan(plan_id, request, session)
    member = member_of(principal_of(request, session))
    return PartRead(member, plan_id, served_part(view.plan, part, session=session), view)


def part_editor(part: PartName) -> Callable[..., Awaitable[OnPlan]]:
    """The policy for changing one part: see the plan, and have a role that edits that part (plan_actor's); the
    plan's row locked for the save in the same statement where a bearer token names the caller."""
    editors = part_editors(part)

    @policy
    async def may_change_part(
        plan_id: DbId,
        request: Request,
        session: SessionDep,
        _token: Annotated[str | None, Depends(oauth2_scheme)] = None,  # so that OpenAPI shows the route's security
    ) -> OnPlan:
        return await database_work(request, session, _part_change, plan_id, part, editors, request, session)

    return may_change_part


def _part_change(plan_id: int, part: PartName, editors: tuple[Role, ...], request: Request, session: Session) -> OnPlan:
    found = part_writes.found_by_token(request, plan_id, part, session=session)
    if found is not None:
        member, partnership = found.member, found.view.partnership
        if sees(member, partnership.id, partnership.region_id) and member.role in editors and not member.read_only:
            return OnPlan(found.view, member, found.locked)
    # Anything else the usual way, which refuses and records it as plan_actor does on every other route.
    view = find_visible_plan(plan_id, request, session)
    return acting_on(view, member_of(principal_of(request, session)), editors, may_change(part), request)
