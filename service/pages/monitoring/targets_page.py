"""The local targets page: a planner of the partnership (or an admin) sets, replaces or removes its own targets."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from service.access.guards import LocalTargetSetter, LocalTargetSetterForm
from service.monitoring import targets, wording
from service.pages.monitoring.scorecard_page import YearQuery, year_or_current
from service.pages.planning.part_editing import posted_fields
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, NotFound
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.plans import Partnership

router = APIRouter(include_in_schema=False)

# The form's fields, and the pointer each is named by when the domain refuses a value.
NUMBER_FIELDS = {"baseline": "Baseline", "annual": "Target for the year"}
MILESTONE_FIELDS = {f"milestone-{quarter}": quarter for quarter in (1, 2, 3)}
LABELS = {"code": "Metric"} | NUMBER_FIELDS | {name: f"Quarter {q}'s milestone" for name, q in MILESTONE_FIELDS.items()}
POINTERS = {"/code": "code", "/baseline": "baseline", "/annual": "annual", "/year": "code"} | {
    f"/milestones/{quarter}": name for name, quarter in MILESTONE_FIELDS.items()
}


def _number(text: str, label: str) -> tuple[float | None, str | None]:
    """A typed number ("42.5", "1,200") or why it is not one."""
    try:
        return float(text.replace(",", "").strip()), None
    except ValueError:
        return None, f"{label} must be a number, like 42.5"


def targets_context(partnership: Partnership, plan_year: str, *, session: Session) -> dict[str, Any]:
    """The page's lists: the partnership's own targets, Part 2's agreed ones, and the metrics a target may be set on."""
    metrics = targets.targetable_metrics(plan_year, session=session)
    by_code = {metric.code: metric for metric in metrics}
    local = targets.local_targets(id_of(partnership), plan_year, session=session)
    return {
        "partnership": partnership,
        "plan_year": plan_year,
        "local": [(by_code[code], local[code]) for code in sorted(local) if code in by_code],
        "agreed": targets.part_2_targets(id_of(partnership), plan_year, session=session),
        "agreed_note": targets.AGREED_NOTE,
        "metric_choices": [("", "Choose a metric")] + [(m.code, f"{m.code}: {m.name}") for m in metrics],
        "value_text": wording.value_text,
        "by_code": by_code,
    }


def _page(request: Request, partnership: Partnership, plan_year: str, session: Session, **extra: Any) -> HTMLResponse:
    context = targets_context(partnership, plan_year, session=session) | {"values": {}, "errors": {}} | extra
    context["error_items"] = [(text, field) for field, text in context["errors"].items()]
    return render(request, "monitoring/targets.html", context, status=422 if context["errors"] else 200)


@router.get("/partnerships/{partnership_id}/targets", response_class=HTMLResponse)
def targets_page(
    request: Request, partnership_id: DbId, setter: LocalTargetSetter, session: SessionDep, year: YearQuery = None
) -> HTMLResponse:
    """The partnership's local targets for a plan year, and the form to set one."""
    partnership, plan_year = _partnership(partnership_id, session), year_or_current(year)
    saved = request.query_params.get("saved")  # shown only when it names a metric the page lists
    return _page(request, partnership, plan_year, session, caller=setter, saved=saved)


@router.post("/partnerships/{partnership_id}/targets", response_class=HTMLResponse)
def set_target(
    request: Request,
    partnership_id: DbId,
    setter: LocalTargetSetterForm,
    fields: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
    year: YearQuery = None,
) -> Response:
    """Set or replace one local target; every problem is named beside its field."""
    plan_year, partnership = year_or_current(year), _partnership(partnership_id, session)
    errors: dict[str, str] = {}
    code = fields.get("code", "")
    if not code:
        errors["code"] = "Choose the metric the target is for"
    numbers: dict[str, float] = {}
    for name, label in NUMBER_FIELDS.items():
        value, problem = _number(fields.get(name, ""), label)
        if value is None:
            errors[name] = problem or f"Enter the {label.lower()}"
        else:
            numbers[name] = value
    milestones: dict[int, float] = {}
    for name, quarter in MILESTONE_FIELDS.items():
        if fields.get(name, "").strip():
            value, problem = _number(fields[name], LABELS[name])
            if value is None:
                errors[name] = problem or ""
            else:
                milestones[quarter] = value
    if not errors:
        try:
            targets.set_local_target(
                partnership_id, code, plan_year, milestones=milestones, by=setter.user_id, session=session, **numbers
            )
        except (InvalidInput, NotFound) as refused:
            pointer = str(refused.extensions.get("errors", [{}])[0].get("pointer", "/code"))
            field = POINTERS.get(pointer, "code")
            errors[field] = f"{LABELS[field]}: {refused.detail.removeprefix(f'{pointer}: ')}"
    if errors:
        return _page(request, partnership, plan_year, session, caller=setter, values=fields, errors=errors)
    return RedirectResponse(f"/partnerships/{partnership_id}/targets?year={plan_year}&saved={code}", status_code=303)


@router.post("/partnerships/{partnership_id}/targets/{code}/removal")
def remove_target(
    partnership_id: DbId, code: str, _setter: LocalTargetSetterForm, session: SessionDep, year: YearQuery = None
) -> Response:
    """Remove one local target."""
    plan_year = year_or_current(year)
    targets.remove_local_target(partnership_id, code, plan_year, session=session)
    return RedirectResponse(f"/partnerships/{partnership_id}/targets?year={plan_year}", status_code=303)


def _partnership(partnership_id: int, session: Session) -> Partnership:
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:  # the policy has found it already; this is for the type checker's sake
        raise NotFound(f"There is no partnership {partnership_id}.")
    return partnership
