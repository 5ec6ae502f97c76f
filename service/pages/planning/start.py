"""The start page, and signing in and out with a session cookie."""

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from service.access import policy, web_sessions
from service.access.capabilities import starts_plans
from service.access.guards import Anyone, SignedInForm
from service.access.identity import SESSION_COOKIE, Member, Principal, client_address
from service.access.sign_in import sign_in
from service.journey import next_steps, progress
from service.pages.planning import personal_lists
from service.pages.rendering import render
from service.planning import plans, reference
from service.platform.deps import SessionDep, SettingsDep
from service.platform.errors import ServiceError
from service.platform.pagination import PageRequest
from service.platform.settings import Settings
from service.tables.access import User
from service.tables.columns import id_of
from service.tables.plans import Region

router = APIRouter(include_in_schema=False)
SIGN_IN_CSRF_COOKIE = "adtp_sign_in_csrf"


@dataclass(frozen=True)
class PlanRow:
    """One plan on the start page: whose, which year, and where it is on the timetable."""

    view: plans.PlanView
    progress: progress.Progress
    next_step: next_steps.NextStep


def _heading(member: Member, session: Session) -> str:
    """What the list of plans is, from the scope policy narrows it to."""
    only_partnership, only_region = policy.partnership_scope(member)
    if only_partnership is not None:
        return "Your partnership's plans"
    if only_region is not None:
        return f"Plans in {reference.get_region(only_region, session=session).name}"
    return "All plans"


def overseen_regions(member: Member, session: Session) -> list[Region]:
    """The regions whose dashboards the member sees, as policy decides: a reviewer's own, every one for an admin."""
    region_ids = policy.overseen_region_ids(member)
    if region_ids is None:
        return list(reference.list_regions(session=session, page=PageRequest(1, 100))[0])
    return [reference.get_region(region_id, session=session) for region_id in region_ids]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, caller: Anyone) -> HTMLResponse:
    """The start page: the plans the caller works on (by role and scope), or a way to sign in."""
    rows: list[PlanRow] = []
    heading = ""
    news = None
    deadlines = None
    if isinstance(caller, Member):
        news = personal_lists.what_is_new(caller, session)
        deadlines = personal_lists.your_deadlines(caller, session)
        only_partnership, only_region = policy.partnership_scope(caller)
        where = plans.PlanFilter(only_partnership=only_partnership, only_region=only_region)
        views, _ = plans.list_plans(session=session, page=PageRequest(1, 100), where=where)
        rows = [
            PlanRow(
                view, progress.plan_progress(view, session=session), next_steps.next_step(view, caller, session=session)
            )
            for view in views
        ]
        heading = _heading(caller, session)
    years = ", ".join(sorted({row.view.cycle.plan_year for row in rows}))
    dashboards = overseen_regions(caller, session) if isinstance(caller, Member) else []
    startable = _startable(caller, session)
    context = {
        "plans": rows,
        "attention": next_steps.attention_order([row.next_step for row in rows]),
        "plan_years": years,
        "heading": heading,
        "caller": caller,
        "dashboards": dashboards,
        "startable": startable,
        "news": news,
        "deadlines": deadlines,
        "no_earlier_plan": _no_earlier_plan(caller, session) if startable else "",
    }
    return render(request, "home.html", context)


def _startable(caller: Principal, session: Session) -> list[plans.Startable]:
    """The plans a planner could start for their partnership (admins, of no partnership, start them through the API)."""
    if not isinstance(caller, Member) or not starts_plans(caller) or caller.partnership_id is None:
        return []
    return plans.startable_cycles(caller.partnership_id, session=session)


def _no_earlier_plan(caller: Principal, session: Session) -> str:
    """What the start page says where there is no earlier plan to start from (a planner's own partnership)."""
    if not isinstance(caller, Member) or caller.partnership_id is None:
        return ""
    return plans.no_earlier_plan(reference.get_partnership(caller.partnership_id, session=session).name)


@router.post("/plans")
def start_plan(new: Annotated[plans.NewPlan, Depends(policy.plan_starter_form)], session: SessionDep) -> Response:
    """Start the partnership's plan for a cycle, empty or from last year's, and open its task list."""
    view = plans.create_plan(
        session=session, partnership_id=new.partnership_id, cycle_id=new.cycle_id, copy_previous=new.copy_previous
    )
    return RedirectResponse(f"/plans/{view.plan.id}", status_code=303)


def set_cookie(response: Response, name: str, value: str, settings: Settings, **options: object) -> None:
    """Set an HttpOnly cookie, Secure but on a developer's own machine."""
    # Plain http is only ever used on a developer's own machine; everywhere else (tests too), Secure.
    response.set_cookie(
        name,
        value,
        httponly=True,
        secure=settings.environment != "development",
        **options,  # type: ignore[arg-type]
    )


def clear_cookie(response: Response, name: str, settings: Settings, **options: object) -> None:
    """Tell the browser to forget a cookie."""
    set_cookie(response, name, "", settings, max_age=0, **options)


def _sign_in_form(
    request: Request,
    settings: Settings,
    *,
    error: str = "",
    email: str = "",
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    # Before sign-in there is no session to hold a CSRF token, so a cookie scoped to this form does.
    token = secrets.token_urlsafe(32)
    context = {"csrf_token": token, "error": error, "email": email, "caller": None}
    response = render(request, "sign_in.html", context, status=status)
    response.headers.update(headers or {})
    set_cookie(response, SIGN_IN_CSRF_COOKIE, token, settings, samesite="strict", path="/sign-in")
    return response


@router.get("/sign-in", response_class=HTMLResponse, dependencies=[Depends(policy.public)])
def sign_in_page(request: Request, settings: SettingsDep) -> Response:
    """The sign-in form."""
    return _sign_in_form(request, settings)


@router.post("/sign-in", dependencies=[Depends(policy.public)])
def sign_in_submit(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Check the credentials, start a fresh session and go to the start page."""
    expected = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return _sign_in_form(
            request, settings, error="Your sign-in form had expired. Try again.", email=email, status=403
        )
    try:
        user = sign_in(email, password, address=client_address(request), session=session)
    except ServiceError as refused:
        # Returned, not raised, so the failed attempt is committed and counted.
        # A throttled attempt says when to try again, as the API does (a Bearer challenge means nothing here).
        retry = {name: value for name, value in refused.headers.items() if name == "Retry-After"}
        return _sign_in_form(request, settings, error=refused.detail, email=email, status=refused.status, headers=retry)
    response = signed_in_response(user, request, session, settings)
    clear_cookie(response, SIGN_IN_CSRF_COOKIE, settings, samesite="strict", path="/sign-in")
    return response


def signed_in_response(user: User, request: Request, session: Session, settings: Settings) -> Response:
    """Off to the start page in a fresh session, ending the one this browser had (never reusing its id)."""
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        found = web_sessions.find_live(previous, session=session)
        if found is not None:
            web_sessions.end(id_of(found[0]), session=session)
    started = web_sessions.start(user, session=session)
    response = RedirectResponse("/", status_code=303)
    lifetime = int(web_sessions.ABSOLUTE_TIMEOUT.total_seconds())
    set_cookie(response, SESSION_COOKIE, started.secret, settings, samesite="lax", max_age=lifetime)
    return response


@router.post("/sign-out")
def sign_out(caller: SignedInForm, session: SessionDep, settings: SettingsDep) -> Response:
    """End the session, here and in the database."""
    if caller.session_id is not None:
        web_sessions.end(caller.session_id, session=session)
    response = RedirectResponse("/sign-in", status_code=303)
    clear_cookie(response, SESSION_COOKIE, settings, samesite="lax")
    return response
