"""Administration: the index, plan cycles with their timetable and settings, and the partnerships."""

import datetime
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from plan_schema import wording
from service.access.guards import Admin, AdminForm
from service.access.identity import Member
from service.journey import progress
from service.pages.planning.part_editing import posted_fields
from service.pages.planning.part_form import date_from_parts, date_parts
from service.pages.rendering import render
from service.planning import cycles, plans, reference
from service.planning.timetable import Timetable
from service.platform.deps import SessionDep
from service.platform.errors import BrokenInvariant, Conflict, InvalidInput, ServiceError
from service.platform.ids import DbId
from service.platform.pagination import PageRequest
from service.tables.columns import id_of
from service.tables.plans import PlanCycle

router = APIRouter(include_in_schema=False)
ALL = PageRequest(1, 1000)  # reference lists are short: nine regions, a partnership per local area

# The timetable's dates in the order they fall, as the form asks for them (guidance, Treatment planning timetable).
DATE_LABELS: dict[str, str] = {
    "initial_submission_due": "Initial submission (Parts 1 and 4) due",
    "panel_response_due": "Panel assessment and response due",
    "final_submission_due": "Final submission (all four parts) due",
    "sign_off_due": "Sign-off due",
    "publication_due": "Publication due",
    "targets_agreed_due": "Agreement on the % planned change due",
    "baseline_due": "Annualised baseline due",
    "q1_return_due": "Quarter 1 return (April to June) due",
    "q2_return_due": "Quarter 2 return (July to September) due",
    "q3_return_due": "Quarter 3 return (October to December) due",
    "q4_return_due": "Quarter 4 return (January to March) due",
}
if tuple(DATE_LABELS) != tuple(Timetable.__dataclass_fields__):
    raise BrokenInvariant("each timetable date needs a label here, in the timetable's order")
UPLIFT = "inflation_uplift_pct"
SELF_AUDIT = "harm_reduction_self_audit_required"
PLAN_YEAR = "plan_year"
PLAN_YEAR_ERROR = "Enter the plan year as the year it starts and the next, like 2027/28"
UPLIFT_ERROR = "Enter the inflation uplift as a percentage from 0 to 100, with at most 2 decimal places, like 2.5"
TOLERANCE = "amber_tolerance"
TOLERANCE_KIND = "amber_tolerance_relative"
TOLERANCE_ERROR = "Enter the amber tolerance as a number from 0 to 100,000, with at most 2 decimal places, like 5"
TOLERANCE_KIND_ERROR = "Select whether the amber tolerance is a percentage of the value expected or in its own units"
SPEND_THRESHOLD = "spend_variance_threshold_pct"
SPEND_THRESHOLD_ERROR = (
    "Enter the spend variance threshold as a percentage from 0 to 100, with at most 2 decimal places, like 10"
)
SETTING_ERRORS = {UPLIFT: UPLIFT_ERROR, TOLERANCE: TOLERANCE_ERROR, SPEND_THRESHOLD: SPEND_THRESHOLD_ERROR}


@router.get("/admin", response_class=HTMLResponse)
def admin_index(request: Request, caller: Admin, session: SessionDep) -> HTMLResponse:
    """What an administrator looks after, and every plan with its publication and baselines pages."""
    views, _ = plans.list_plans(session=session, page=PageRequest(1, 100), where=plans.PlanFilter())
    rows = [(view, progress.plan_progress(view, session=session)) for view in views]
    return render(request, "admin/index.html", {"caller": caller, "plans": rows})


@router.get("/admin/cycles", response_class=HTMLResponse)
def cycle_list(request: Request, caller: Admin, session: SessionDep) -> HTMLResponse:
    """Every plan cycle with its timetable."""
    rows, _ = reference.list_cycles(session=session, page=ALL)
    return render(request, "admin/cycles.html", {"caller": caller, "cycles": rows, "date_labels": DATE_LABELS})


@dataclass
class CycleForm:
    """The cycle form as typed, its errors by field, and the changes once nothing is wrong."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)


def stored_values(cycle: PlanCycle) -> dict[str, Any]:
    """The form as it shows a stored cycle."""
    values: dict[str, Any] = {}
    for name in DATE_LABELS:
        day, month, year = date_parts(getattr(cycle, name))
        values[name] = {"day": day, "month": month, "year": year}
    values[UPLIFT] = format(cycle.inflation_uplift_pct, "f")
    values[SELF_AUDIT] = "yes" if cycle.harm_reduction_self_audit_required else "no"
    values[TOLERANCE] = format(cycle.amber_tolerance, "f")
    values[TOLERANCE_KIND] = "relative" if cycle.amber_tolerance_relative else "absolute"
    values[SPEND_THRESHOLD] = format(cycle.spend_variance_threshold_pct, "f")
    return values


def read_cycle_form(posted: dict[str, str]) -> CycleForm:
    """Every date and setting checked, every problem named by its field (cycles.CycleChange's rules, as the API's)."""
    form = CycleForm(values={})
    typed_dates: dict[str, datetime.date] = {}
    for name, label in DATE_LABELS.items():
        typed = {part: posted.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")}
        form.values[name] = typed
        date, problem = date_from_parts(typed["day"], typed["month"], typed["year"])
        if problem or date is None:
            form.errors[name] = f"{label}: {_lower_first(problem) if problem else 'enter a date'}"
        else:
            typed_dates[name] = date
    form.values[UPLIFT] = posted.get(UPLIFT, "").strip()
    form.values[SELF_AUDIT] = posted.get(SELF_AUDIT, "")
    if form.values[SELF_AUDIT] not in ("yes", "no"):
        form.errors[SELF_AUDIT] = "Select whether the harm reduction self-audit is required"
    form.values[TOLERANCE] = posted.get(TOLERANCE, "").strip()
    form.values[TOLERANCE_KIND] = posted.get(TOLERANCE_KIND, "")
    if form.values[TOLERANCE_KIND] not in ("relative", "absolute"):
        form.errors[TOLERANCE_KIND] = TOLERANCE_KIND_ERROR
    candidate: dict[str, Any] = typed_dates | {UPLIFT: form.values[UPLIFT] or None}
    candidate[SELF_AUDIT] = form.values[SELF_AUDIT] == "yes"
    candidate[TOLERANCE] = form.values[TOLERANCE] or None
    candidate[TOLERANCE_KIND] = form.values[TOLERANCE_KIND] == "relative"
    form.values[SPEND_THRESHOLD] = posted.get(SPEND_THRESHOLD, "").strip()
    candidate[SPEND_THRESHOLD] = form.values[SPEND_THRESHOLD] or None
    try:
        form.changes = cycles.CycleChange.model_validate(candidate).model_dump(exclude_none=True)
    except ValidationError as invalid:
        for refused in invalid.errors():
            name = str(refused["loc"][0])
            form.errors.setdefault(name, SETTING_ERRORS.get(name, UPLIFT_ERROR))
    for name, message in SETTING_ERRORS.items():
        if not form.values[name]:
            form.errors[name] = message
    return form


def read_new_cycle_form(posted: dict[str, str]) -> tuple[dict[str, str], dict[str, str], cycles.NewCycle | None]:
    """The new cycle form as typed, its errors by field, and the cycle to create once nothing is wrong."""
    values = {name: posted.get(name, "").strip() for name in (PLAN_YEAR, UPLIFT, SELF_AUDIT)}
    errors: dict[str, str] = {}
    if values[SELF_AUDIT] not in ("yes", "no"):
        errors[SELF_AUDIT] = "Select whether the harm reduction self-audit is required"
    if not values[UPLIFT]:
        errors[UPLIFT] = UPLIFT_ERROR
    candidate = {PLAN_YEAR: values[PLAN_YEAR], UPLIFT: values[UPLIFT] or None, SELF_AUDIT: values[SELF_AUDIT] == "yes"}
    try:
        body = cycles.NewCycle.model_validate(candidate)
    except ValidationError as invalid:
        messages = {PLAN_YEAR: PLAN_YEAR_ERROR, UPLIFT: UPLIFT_ERROR}
        for refused in invalid.errors():
            name = str(refused["loc"][0])
            errors.setdefault(name, messages.get(name, str(refused["msg"])))
        return values, errors, None
    return values, errors, (None if errors else body)


def _new_cycle_page(
    request: Request, caller: Member, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    context = {
        "caller": caller,
        "values": values,
        "errors": errors,
        "error_list": [(message, name) for name, message in errors.items()],
    }
    return render(request, "admin/new_cycle.html", context, status=status)


@router.get("/admin/cycles/new", response_class=HTMLResponse)
def new_cycle_page(request: Request, caller: Admin) -> HTMLResponse:
    """The form that opens a plan year: its year and settings (the timetable follows the guidance)."""
    defaults = {PLAN_YEAR: "", UPLIFT: format(cycles.DEFAULT_INFLATION_UPLIFT_PCT, "f"), SELF_AUDIT: "yes"}
    return _new_cycle_page(request, caller, defaults, {})


@router.post("/admin/cycles/new", response_class=HTMLResponse)
def create_cycle(
    request: Request,
    caller: AdminForm,
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Create the cycle (as POST /api/v1/cycles) and open its timetable; problems re-show the form as typed."""
    values, errors, body = read_new_cycle_form(posted)
    if body is None:
        return _new_cycle_page(request, caller, values, errors, status=422)
    try:
        cycle = cycles.new_cycle(body, by=caller.user_id, session=session)
    except (Conflict, InvalidInput) as refused:
        return _new_cycle_page(request, caller, values, _errors_by_field(refused), status=refused.status)
    return RedirectResponse(f"/admin/cycles/{cycle.id}?created=1", status_code=303)


def _errors_by_field(refused: ServiceError) -> dict[str, str]:
    """A refusal's errors by the field they name (the top-level name of each JSON Pointer)."""
    return {
        str(error["pointer"]).lstrip("/").split("/")[0]: wording.sentence(error["detail"])
        for error in refused.extensions.get("errors", [])
    } or {"": refused.detail}


def _cycle_page(
    request: Request,
    caller: Member,
    cycle: PlanCycle,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    status: int = 200,
    *,
    session: Session,
) -> HTMLResponse:
    errors = errors or {}
    anchors = {name: f"{name}-day" for name in DATE_LABELS}
    context = {
        "caller": caller,
        "cycle": cycle,
        "values": values,
        "errors": errors,
        "error_list": [(message, anchors.get(name, name)) for name, message in errors.items()],
        "date_labels": DATE_LABELS,
        "saved": request.query_params.get("saved") == "1",
        "created": request.query_params.get("created") == "1",
        "submitted": cycles.has_submissions(cycle, session=session),
    }
    return render(request, "admin/cycle.html", context, status=status)


@router.get("/admin/cycles/{cycle_id}", response_class=HTMLResponse)
def cycle_page(cycle_id: DbId, request: Request, caller: Admin, session: SessionDep) -> HTMLResponse:
    """A cycle's timetable and settings as a form."""
    cycle = reference.get_cycle(cycle_id, session=session)
    return _cycle_page(request, caller, cycle, stored_values(cycle), session=session)


@router.post("/admin/cycles/{cycle_id}", response_class=HTMLResponse)
def save_cycle(
    cycle_id: DbId,
    request: Request,
    caller: AdminForm,
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Change the dates and settings (as PATCH /api/v1/cycles/{id}); problems re-show the form as typed."""
    cycle = reference.get_cycle(cycle_id, session=session)
    form = read_cycle_form(posted)
    if form.errors:
        return _cycle_page(request, caller, cycle, form.values, form.errors, status=422, session=session)
    try:
        cycles.update_cycle(cycle, form.changes, by=caller.user_id, session=session)
    except (Conflict, InvalidInput) as refused:  # refused before anything changed
        errors = _errors_by_field(refused)
        return _cycle_page(request, caller, cycle, form.values, errors, status=refused.status, session=session)
    return RedirectResponse(f"/admin/cycles/{cycle_id}?saved=1", status_code=303)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@router.get("/admin/partnerships", response_class=HTMLResponse)
def partnership_list(request: Request, caller: Admin, session: SessionDep) -> HTMLResponse:
    """Every partnership with its region and the PCTs it covers."""
    regions = {id_of(region): region.name for region in reference.list_regions(session=session, page=ALL)[0]}
    partnerships, _ = reference.list_partnerships(session=session, page=ALL)
    rows = [
        (partnership, regions.get(partnership.region_id, ""), reference.pcts_of(id_of(partnership), session=session))
        for partnership in partnerships
    ]
    return render(request, "admin/partnerships.html", {"caller": caller, "partnerships": rows})
