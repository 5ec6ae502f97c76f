"""A partnership's footprint as a page for administrators: the areas its figures are built from, year by year.

The rules (an area known, a stretch ending after it starts, two stretches of one area never sharing a
year) are service/monitoring/areas.py's, as for the API; this page shows them and carries the forms there.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema import wording
from plan_schema.plan_year import check_plan_year
from service.access.guards import Admin, AdminForm
from service.access.identity import Member
from service.monitoring import areas
from service.monitoring.catalogue import Geography
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, InvalidInput, NotFound, ServiceError
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.plans import Partnership

router = APIRouter(include_in_schema=False)
# The kinds of area a footprint is made of (regions' and England's own areas come with the regions).
FOOTPRINT_KINDS = (Geography.LOCAL_AUTHORITY, Geography.PRIMARY_CARE_TRUST, Geography.PARTNERSHIP)
PLAN_YEAR_HINT = "The plan year as the year it starts and the next, like 2027/28"
NO_AREA = "Select the area to add"
FIELD_WORDS = {"valid_from": "first plan year covered", "valid_to": "last plan year covered"}


def _partnership(partnership_id: int, session: Session) -> Partnership:
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        raise NotFound(f"There is no partnership {partnership_id}.")
    return partnership


def _errors(refused: ServiceError, *, suffix: str = "") -> dict[str, str]:
    """A refusal's messages by the id of the field each is about (a clash is about the area chosen)."""
    named = {
        str(error["pointer"]).lstrip("/") + suffix: wording.sentence(str(error["detail"]))
        for error in refused.extensions.get("errors", [])
    }
    return named or {("valid_to" + suffix) if suffix else "area_code": refused.detail}


def _page(
    request: Request,
    caller: Member,
    partnership: Partnership,
    session: Session,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    saved: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    problems = errors or {}
    choices = [
        area for kind in FOOTPRINT_KINDS for area in areas.list_areas(kind, offset=0, limit=10_000, session=session)[0]
    ]
    context: dict[str, Any] = {
        "caller": caller,
        "partnership": partnership,
        "footprint": areas.footprint_of(id_of(partnership), session=session),
        "choices": sorted(choices, key=lambda area: area.name),
        "values": values or {},
        "errors": problems,
        "error_list": [(text, field) for field, text in problems.items()],
        "saved": saved,
        "plan_year_hint": PLAN_YEAR_HINT,
    }
    return render(request, "admin/footprint.html", context, status=status)


@router.get("/admin/partnerships/{partnership_id}/footprint", response_class=HTMLResponse)
def footprint_page(
    request: Request, partnership_id: DbId, caller: Admin, session: SessionDep, saved: str | None = None
) -> HTMLResponse:
    """The areas a partnership covers, with when, and the forms to add an area or end a stretch."""
    shown = saved if saved in ("added", "ended") else None
    return _page(request, caller, _partnership(partnership_id, session), session, saved=shown)


@router.post("/admin/partnerships/{partnership_id}/footprint", response_class=HTMLResponse)
def add_to_footprint(
    request: Request,
    partnership_id: DbId,
    caller: AdminForm,
    session: SessionDep,
    area_code: Annotated[str, Form()] = "",
    valid_from: Annotated[str, Form()] = "",
    valid_to: Annotated[str, Form()] = "",
) -> Response:
    """Add an area from a plan year (to another, or open-ended), if it shares no year with a stretch of it."""
    partnership = _partnership(partnership_id, session)
    values = {"area_code": area_code, "valid_from": valid_from.strip(), "valid_to": valid_to.strip()}
    errors = _field_errors(values, session)
    if errors:
        return _page(request, caller, partnership, session, values=values, errors=errors, status=422)
    area = areas.area_by_code(area_code, session=session)
    try:
        areas.cover(
            partnership_id, id_of(area), values["valid_from"], valid_to=values["valid_to"] or None, session=session
        )
    except (InvalidInput, Conflict) as refused:
        return _page(
            request, caller, partnership, session, values=values, errors=_errors(refused), status=refused.status
        )
    return RedirectResponse(f"/admin/partnerships/{partnership_id}/footprint?saved=added", status_code=303)


def _field_errors(values: dict[str, str], session: Session) -> dict[str, str]:
    """Each field's own problem, all at once, before the footprint is asked whether the stretch fits."""
    errors: dict[str, str] = {}
    if not values["area_code"]:
        errors["area_code"] = NO_AREA
    else:
        try:
            areas.area_by_code(values["area_code"], session=session)
        except InvalidInput as unknown:
            errors |= _errors(unknown)
    for name in ("valid_from", "valid_to"):
        if values[name] or name == "valid_from":
            try:
                check_plan_year(values[name])
            except ValueError:
                errors[name] = f"Enter the {FIELD_WORDS[name]} as the year it starts and the next, like 2027/28"
    return errors


@router.post("/admin/partnerships/{partnership_id}/footprint/{coverage_id}", response_class=HTMLResponse)
def end_stretch(
    request: Request,
    partnership_id: DbId,
    coverage_id: DbId,
    caller: AdminForm,
    session: SessionDep,
    valid_to: Annotated[str, Form()] = "",
) -> Response:
    """Set the last plan year a stretch covers its area."""
    partnership = _partnership(partnership_id, session)
    try:
        areas.end_cover(partnership_id, coverage_id, valid_to.strip(), session=session)
    except (InvalidInput, Conflict) as refused:
        suffix = f"-{coverage_id}"
        values = {f"valid_to{suffix}": valid_to.strip()}
        errors = _errors(refused, suffix=suffix)
        return _page(request, caller, partnership, session, values=values, errors=errors, status=refused.status)
    return RedirectResponse(f"/admin/partnerships/{partnership_id}/footprint?saved=ended", status_code=303)
