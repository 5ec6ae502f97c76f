"""An administrator's pages on one plan: publishing it once signed off, and entering the August baselines."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from plan_schema.typed_numbers import whole_number
from plan_schema.vocabulary import INDICATOR_TITLES, PART_TITLES, PUBLIC_PARTS
from service.access import policy
from service.access.capabilities import Capability, capabilities
from service.access.guards import BaselineEnterer, BaselineEntererForm, Publisher, PublisherForm
from service.access.identity import Member
from service.journey import agreed_targets, sign_off
from service.oversight import public_plans
from service.pages.journey.confirmation import CONFIRMED, Question, confirmation_page
from service.pages.planning.part_editing import posted_fields
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.planning import plans, workflow
from service.platform.deps import SessionDep
from service.platform.errors import NotFound
from service.tables.columns import id_of
from service.tables.plans import Plan

router = APIRouter(include_in_schema=False)
Posted = Annotated[dict[str, str], Depends(posted_fields)]
ShortField = Annotated[str, Form(max_length=500)]
BASELINE_ERROR = f"Enter the baseline as a whole number of people, from 0 to {agreed_targets.MAX_BASELINE:,}"


def _refusal(plan: Plan, action: workflow.Action, why: str = "") -> str:
    """Why the plan's status does not allow the action now ("" when it does), as a refused post would say."""
    if workflow.allows(plan, action):
        return ""
    return workflow.InvalidTransition(workflow.status_of(plan), action, why=why).detail


def _publication_page(
    request: Request, on: policy.OnPlan, session: Session, *, error: str = "", status: int = 200
) -> HTMLResponse:
    plan_id = on.plan_id
    published_at = None
    if workflow.status_of(on.view.plan) in (workflow.PlanStatus.PUBLISHED, workflow.PlanStatus.TARGETS_AGREED):
        try:
            published_at = public_plans.published(plan_id, session=session).published_at
        except NotFound:
            published_at = None
    context = plan_heading(on.view, session=session) | {
        "caller": on.member,
        "title": "Publication",
        "can_publish": Capability.PUBLISH in capabilities(on.member, on.view),
        "refusal": _refusal(on.view.plan, workflow.Action.PUBLISH),
        "published_at": published_at,
        "public_titles": [PART_TITLES[part] for part in PUBLIC_PARTS],
        "error_list": [(error, "publish")] if error else [],
        "saved": request.query_params.get("published") == "1",
    }
    return render(request, "plan_publication.html", context, status=status)


def _publication_question(on: policy.OnPlan) -> Question:
    """Are you sure? What publishing makes public, to whom, and that it cannot be reopened after."""
    titles = ", ".join(PART_TITLES[part] for part in PUBLIC_PARTS)
    return Question(
        question="Are you sure you want to publish the plan?",
        consequences=(
            f"These parts of the signed-off final submission become public, for anyone to read without signing in: "
            f"{titles}. Part 3 (the planning grids) is not published.",
            "The partnership and the region see the plan as published, and the plan cannot be reopened after.",
        ),
        action=f"/plans/{on.plan_id}/publication",
        button="Yes, publish Parts 1, 2 and 4",
        back=f"/plans/{on.plan_id}/publication",
    )


@router.get("/plans/{plan_id}/publication", response_class=HTMLResponse)
def publication_page(request: Request, on: Publisher, session: SessionDep) -> HTMLResponse:
    """Whether the plan can be published, and if it is, since when and where."""
    return _publication_page(request, on, session)


@router.post("/plans/{plan_id}/publication", response_class=HTMLResponse)
def publish(request: Request, on: PublisherForm, session: SessionDep, confirmed: ShortField = "") -> Response:
    """Publish Parts 1, 2 and 4 of the signed-off submission once sure (as POST /api/v1/plans/{id}/publication)."""
    if confirmed != CONFIRMED:
        refusal = _refusal(on.view.plan, workflow.Action.PUBLISH)
        if refusal:
            return _publication_page(request, on, session, error=refusal, status=409)
        return confirmation_page(request, on.view, on.member, session, _publication_question(on))
    try:
        sign_off.publish(on.plan_id, by=on.member, session=session)
    except workflow.InvalidTransition as not_now:
        return _publication_page(request, on, session, error=not_now.detail, status=409)
    return RedirectResponse(f"/plans/{on.plan_id}/publication?published=1", status_code=303)


def _baselines_page(
    request: Request,
    view: plans.PlanView,
    member: Member,
    session: Session,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    targets = agreed_targets.current(id_of(view.plan), session=session)
    indicators = [indicator.value for indicator in agreed_targets.AGREED_INDICATORS]
    stored = {key: str(number) for key, number in targets.baselines.items()}
    errors = errors or {}
    context: dict[str, Any] = plan_heading(view, session=session) | {
        "caller": member,
        "title": "Annualised baselines",
        "can_enter": Capability.ENTER_BASELINES in capabilities(member, view),
        "refusal": _refusal(view.plan, workflow.Action.ENTER_BASELINES, agreed_targets.WHEN_BASELINES),
        "indicators": [
            (key, INDICATOR_TITLES[indicator])
            for key, indicator in zip(indicators, agreed_targets.AGREED_INDICATORS, strict=True)
        ],
        "targets": targets,
        "numbers": agreed_targets.numbers(targets),
        "values": values if values is not None else stored,
        "errors": errors,
        "error_list": [(message, field_name(key)) for key, message in errors.items()]
        + ([(error, "baselines")] if error else []),
        "field_name": field_name,
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "plan_baselines.html", context, status=status)


def field_name(indicator: str) -> str:
    """The form field of an indicator's baseline: 1.1 → baseline-1-1."""
    return "baseline-" + indicator.replace(".", "-")


@router.get("/plans/{plan_id}/baselines", response_class=HTMLResponse)
def baselines_page(request: Request, on: BaselineEnterer, session: SessionDep) -> HTMLResponse:
    """The agreed % planned change, the baselines entered so far, and the targets as numbers."""
    return _baselines_page(request, on.view, on.member, session)


@router.post("/plans/{plan_id}/baselines", response_class=HTMLResponse)
def save_baselines(request: Request, on: BaselineEntererForm, posted: Posted, session: SessionDep) -> Response:
    """Enter the baselines (as PUT /api/v1/plans/{id}/baselines); a blank one is not known yet."""
    values = {
        indicator.value: posted.get(field_name(indicator.value), "").strip()
        for indicator in agreed_targets.AGREED_INDICATORS
    }
    baselines: dict[str, int] = {}
    errors: dict[str, str] = {}
    for key, typed in values.items():
        number, problem = whole_number(typed)
        if problem:
            errors[key] = f"{key}: {BASELINE_ERROR}"
        elif number is not None:
            baselines[key] = number
    try:
        baselines = agreed_targets.BaselinesRequest(baselines=baselines).baselines
    except ValidationError as invalid:
        for refused in invalid.errors():
            key = str(refused["loc"][-1])
            errors.setdefault(key, f"{key}: {BASELINE_ERROR}")
    if errors:
        return _baselines_page(request, on.view, on.member, session, values=values, errors=errors, status=422)
    try:
        agreed_targets.enter_baselines(on.plan_id, baselines, admin=on.member, session=session)
    except workflow.InvalidTransition as not_now:
        return _baselines_page(request, on.view, on.member, session, values=values, error=not_now.detail, status=409)
    return RedirectResponse(f"/plans/{on.plan_id}/baselines?saved=1", status_code=303)
