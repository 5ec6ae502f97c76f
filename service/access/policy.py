"""Who may see and do what: the one place access is decided, declared on every route.

Every route depends on exactly one policy below or in a module beside this built from them (part_policy for a
part's read and save, question_policy for a return's questions); create_app refuses a route without one.
An object the caller may not see answers 404, so ids never leak; an action on an object
they can see but may not take answers 403. Refusals are written to the audit log.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""

import hmac
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn, TypeVar

from fastapi import Depends, Form, Request
from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from service.access import audit
from service.access.identity import (
    CurrentPrincipal,
    Member,
    Principal,
    client_address,
    oauth2_scheme,
    principal_of,
    principal_with_plan,
)
from service.access.plan_rows import NOTHING_MORE, Asked, PlanFact
from service.access.role_groups import OVERSEERS, PART_EDITORS, PLAN_STARTERS, TARGET_SETTERS
from service.planning import plans
from service.platform.deps import SAFE_METHODS, SessionDep, database_work, note
from service.platform.errors import Forbidden, InvalidInput, NotFound, ServiceError, Unauthenticated
from service.platform.ids import DbId
from service.tables.access import Role
from service.tables.columns import id_of
from service.tables.plans import Partnership

POLICY_MARK = "__adtp_policy__"
Policy = TypeVar("Policy", bound=Callable[..., Any])


def policy(function: Policy) -> Policy:
    """Mark a dependency as an access policy (what the every-route check looks for)."""
    setattr(function, POLICY_MARK, True)
    return function


def refuse(error: ServiceError, request: Request, principal: Principal, **what: Any) -> NoReturn:
    """Refuse, writing the refusal to the audit log: as every policy here does, and policies in modules beside this."""
    user_id, email = (principal.user_id, principal.email) if isinstance(principal, Member) else (None, None)
    address = client_address(request)
    detail = {"method": request.method, "path": request.url.path, "status": error.status, **what}

    def record(session: Session) -> None:
        audit.record("authorization-refused", session=session, user_id=user_id, email=email, address=address, **detail)

    # Written although the request is refused (and its own transaction rolled back).
    note(request, record)
    raise error


def member_of(principal: Principal) -> Member:
    """The caller as a member; 401 for the public."""
    if not isinstance(principal, Member):
        raise Unauthenticated("Sign in, or send a bearer token, to use this.")
    return principal


def _require_write_credential(request: Request, principal: Member, csrf_token: str | None = None) -> None:
    if request.method in SAFE_METHODS:
        return
    if principal.read_only:
        refuse(Forbidden("This token is read-only: it cannot change anything."), request, principal)
    # A browser session must prove the request came from our own page (CSRF): pages send
    # the session's token as a form field, scripts as the X-CSRF-Token header.
    presented = csrf_token or request.headers.get("x-csrf-token")
    if principal.credential == "session" and not _same(presented, principal.csrf_token):
        missing = Forbidden("The request is missing its CSRF token. Reload the page and try again.")
        refuse(missing, request, principal)


def _same(presented: str | None, expected: str | None) -> bool:
    return presented is not None and expected is not None and hmac.compare_digest(presented, expected)


@policy
def signed_in_form(request: Request, caller: CurrentPrincipal, csrf_token: Annotated[str, Form()] = "") -> Member:
    """A signed-in user posting one of our forms, with the session's CSRF token."""
    principal = member_of(caller)
    _require_write_credential(request, principal, csrf_token)
    return principal


def can_see_partnership(principal: Member, partnership: Partnership) -> bool:
    """Planners and finance see their partnership, reviewers their region, admins all."""
    return sees(principal, partnership.id, partnership.region_id)


def sees(principal: Member, partnership_id: int | None, region_id: int | None) -> bool:
    """Whether the member may see a partnership (or a plan of it) with these ids."""
    if principal.role is Role.ADMIN:
        return True
    if principal.role in (Role.PLANNER, Role.FINANCE):
        return partnership_id == principal.partnership_id
    return principal.role is Role.REVIEWER and region_id == principal.region_id


def partnership_scope(principal: Member) -> tuple[int | None, int | None]:
    """The (partnership_id, region_id) every list must be narrowed to for this caller."""
    if principal.role in (Role.PLANNER, Role.FINANCE):
        return principal.partnership_id, None
    if principal.role is Role.REVIEWER:
        return None, principal.region_id
    return None, None


def overseen_region_ids(principal: Member) -> tuple[int, ...] | None:
    """The regions whose dashboards the member may open (as region_overseer decides): None is every region."""
    if principal.role is Role.ADMIN:
        return None
    if principal.role in OVERSEERS and principal.region_id is not None:
        return (principal.region_id,)
    return ()


@policy
def public() -> None:
    """Anyone, signed in or not."""


@policy
def anyone(caller: CurrentPrincipal) -> Principal:
    """Anyone: pages that show the public what is published and members what is theirs."""
    return caller


@policy
def signed_in(request: Request, caller: CurrentPrincipal) -> Member:
    """Any signed-in user; writes need a credential that may write."""
    principal = member_of(caller)
    _require_write_credential(request, principal)
    return principal


@policy
def admin(request: Request, caller: CurrentPrincipal) -> Member:
    """Administrators only."""
    principal = member_of(caller)
    if principal.role is not Role.ADMIN:
        refuse(Forbidden("Only an administrator can do this."), request, principal)
    _require_write_credential(request, principal)
    return principal


@policy
def visible_partnership(
    partnership_id: DbId, request: Request, caller: CurrentPrincipal, session: SessionDep
) -> Partnership:
    """A partnership the caller may see."""
    principal = member_of(caller)
    partnership = session.get(Partnership, partnership_id)
    if partnership is None or not can_see_partnership(principal, partnership):
        unknown = NotFound(f"There is no partnership {partnership_id}.")
        refuse(unknown, request, principal, object_type="partnership", object_id=str(partnership_id))
    return partnership


def can_set_targets(principal: Member, partnership: Partnership) -> bool:
    """Whether the member may set the partnership's local targets (what its pages offer)."""
    return principal.role in TARGET_SETTERS and can_see_partnership(principal, partnership)


def _may_set_targets(partnership: Partnership, request: Request, principal: Member) -> Member:
    if not can_set_targets(principal, partnership):
        refusal = Forbidden(f"Your role ({principal.role.value}) cannot set a partnership's targets.")
        refuse(refusal, request, principal, object_type="partnership", object_id=str(partnership.id))
    return principal


@policy
def partnership_target_setter(
    partnership: Annotated[Partnership, Depends(visible_partnership)], request: Request, caller: CurrentPrincipal
) -> Member:
    """Planners of the partnership and admins set its local targets (its other viewers 403, anyone else 404)."""
    principal = member_of(caller)
    _require_write_credential(request, principal)
    return _may_set_targets(partnership, request, principal)


@policy
def partnership_target_setter_form(
    partnership: Annotated[Partnership, Depends(visible_partnership)],
    request: Request,
    member: Annotated[Member, Depends(signed_in_form)],
) -> Member:
    """partnership_target_setter for the targets page's form, with the session's CSRF token."""
    return _may_set_targets(partnership, request, member)


def _plan_seen_by(principal: Member, plan_id: int, request: Request, session: Session) -> plans.PlanView:
    try:
        view = plans.get_plan(plan_id, session=session)
    except NotFound:
        return _seen_by(principal, plan_id, request, None)
    return _seen_by(principal, plan_id, request, view)


def _seen_by(principal: Member, plan_id: int, request: Request, view: plans.PlanView | None) -> plans.PlanView:
    """The plan if there is one and the caller may see it; the same 404 (recorded) either way otherwise."""
    if view is None or not can_see_partnership(principal, view.partnership):
        refuse(NotFound(f"There is no plan {plan_id}."), request, principal, object_type="plan", object_id=str(plan_id))
    return view


def plan_viewer(*facts: PlanFact, parts: tuple[PartName, ...] = ()) -> Callable[..., Awaitable[plans.PlanView]]:
    """visible_plan's policy, with `facts` about the plan and its `parts` read in the caller's statement (plan_rows)."""
    asked = Asked(facts, parts)

    @policy
    async def visible_plan(
        plan_id: DbId,
        request: Request,
        session: SessionDep,
        _token: Annotated[str | None, Depends(oauth2_scheme)] = None,  # so that OpenAPI shows the route's security
    ) -> plans.PlanView:
        """A plan the caller may see (404 for any other, existing or not)."""
        return await database_work(request, session, find_visible_plan, plan_id, request, session, asked)

    return visible_plan


visible_plan = plan_viewer()


def find_visible_plan(plan_id: int, request: Request, session: Session, asked: Asked = NOTHING_MORE) -> plans.PlanView:
    """visible_plan's policy as a function, for a policy that found no plan its own way."""
    # The caller found here rather than by a dependency (one trip through the thread pool for both),
    # and with the plan in the same query where the credential allows.
    both = principal_with_plan(request, session, plan_id, asked)
    if both is None:
        principal = member_of(principal_of(request, session))
        view = _plan_seen_by(principal, plan_id, request, session)
    else:
        principal = member_of(both[0])
        view = _seen_by(principal, plan_id, request, None if both[1] is None else plans.PlanView(*both[1]))
    _require_write_credential(request, principal)
    return view


@dataclass(frozen=True)
class OnPlan:
    """A member allowed to act on a plan, and the plan."""

    view: plans.PlanView
    member: Member
    # The plan's and a part's rows as a save's lock reads them, when the caller's statement took it (part_writes).
    locked: Mapping[str, Any] | None = None

    @property
    def plan_id(self) -> int:
        """The plan's id."""
        return id_of(self.view.plan)


def may_change(part: PartName) -> str:
    """What changing `part` is called when a role may not."""
    return f"change {PART_SHORT_TITLES[part]}"


def part_editors(part: PartName) -> tuple[Role, ...]:
    """The roles that edit `part`."""
    return tuple(role for role, editable in PART_EDITORS.items() if part in editable)


def part_form_editor(part: PartName) -> Callable[..., OnPlan]:
    """part_editor for a page's form, which carries the CSRF token as a field (no JavaScript, no header)."""
    return plan_form_actor(*part_editors(part), what=may_change(part))


def plan_form_actor(*roles: Role, what: str) -> Callable[..., OnPlan]:
    """plan_actor for a page's form: the CSRF token comes as the form's `csrf_token` field."""

    @policy
    def may_act_by_form(
        plan_id: DbId,
        request: Request,
        member: Annotated[Member, Depends(signed_in_form)],
        session: SessionDep,
    ) -> OnPlan:
        view = _plan_seen_by(member, plan_id, request, session)
        if member.role not in roles:
            refusal = Forbidden(f"Your role ({member.role.value}) cannot {what}.")
            refuse(refusal, request, member, object_type="plan", object_id=str(plan_id))
        return OnPlan(view, member)

    return may_act_by_form


@policy
def admin_form(request: Request, member: Annotated[Member, Depends(signed_in_form)]) -> Member:
    """An administrator posting one of our forms, with the session's CSRF token."""
    if member.role is not Role.ADMIN:
        refuse(Forbidden("Only an administrator can do this."), request, member)
    return member


def plan_actor(*roles: Role, what: str) -> Callable[..., Awaitable[OnPlan]]:
    """The policy for acting on a plan one can see, in one of `roles` (e.g. what the workflow table allows)."""

    @policy
    async def may_act(
        view: Annotated[plans.PlanView, Depends(visible_plan)], request: Request, session: SessionDep
    ) -> OnPlan:
        # A coroutine, so no trip through the thread pool: visible_plan, solved first, has found the caller.
        return acting_on(view, member_of(principal_of(request, session)), roles, what, request)

    return may_act


def acting_on(view: plans.PlanView, principal: Member, roles: tuple[Role, ...], what: str, request: Request) -> OnPlan:
    """The member acting on a plan they can see, if they have one of `roles`; refused (403) otherwise."""
    if principal.role not in roles:
        refusal = Forbidden(f"Your role ({principal.role.value}) cannot {what}.")
        refuse(refusal, request, principal, object_type="plan", object_id=str(view.plan.id))
    return OnPlan(view, principal)


@policy
def region_overseer(region_id: DbId, request: Request, caller: CurrentPrincipal) -> Member:
    """Reviewers of the region and admins; other regions' reviewers are told it does not exist."""
    principal = member_of(caller)
    if principal.role not in OVERSEERS:
        refuse(Forbidden("Only reviewers and administrators see region dashboards."), request, principal)
    if principal.role is Role.REVIEWER and principal.region_id != region_id:
        unknown = NotFound(f"There is no region {region_id}.")
        refuse(unknown, request, principal, object_type="region", object_id=str(region_id))
    return principal


@policy
def plan_starter(body: plans.NewPlan, request: Request, caller: CurrentPrincipal, session: SessionDep) -> plans.NewPlan:
    """Planners start plans for their own partnership, admins for any."""
    principal = member_of(caller)
    _require_write_credential(request, principal)
    return _may_start(body, request, principal, session)


@policy
def plan_starter_form(
    request: Request,
    member: Annotated[Member, Depends(signed_in_form)],
    session: SessionDep,
    partnership_id: Annotated[DbId, Form()],
    cycle_id: Annotated[DbId, Form()],
    copy_previous: Annotated[bool, Form()] = False,
) -> plans.NewPlan:
    """plan_starter for the start page's form."""
    body = plans.NewPlan(partnership_id=partnership_id, cycle_id=cycle_id, copy_previous=copy_previous)
    return _may_start(body, request, member, session)


def _may_start(body: plans.NewPlan, request: Request, principal: Member, session: Session) -> plans.NewPlan:
    if principal.role not in PLAN_STARTERS:
        refuse(Forbidden("Only a planner or an administrator can start a plan."), request, principal)
    partnership = session.get(Partnership, body.partnership_id)
    if partnership is not None and not can_see_partnership(principal, partnership):
        # Answered exactly as a partnership that does not exist, so ids do not leak.
        refusal = InvalidInput.at("/partnership_id", f"there is no partnership {body.partnership_id}")
        refuse(refusal, request, principal, object_type="partnership", object_id=str(body.partnership_id))
    return body
