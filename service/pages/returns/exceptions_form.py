"""The form giving a commentary on each scorecard metric and an exception for each red one, every problem at once.

Which metrics are red in the quarter, and what an exception needs, are the domain's (service/returns/
exceptions.py, validators/returns.py); the page reads the typed fields, keeps them when refused, and
names each problem, in page order, beside its field.
"""

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from plan_schema.quarterly_return import MetricReport, MetricReports
from service.access.guards import Returner, ReturnerForm
from service.pages.planning.part_editing import posted_fields
from service.pages.planning.part_form import date_from_parts, date_parts
from service.pages.rendering import render
from service.pages.returns.section_form import save_posted
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.returns import exceptions
from service.returns.quarters import ensure_reporting, quarter_of
from service.returns.submissions import check_return
from service.tables.columns import id_of, utc_now

router = APIRouter(include_in_schema=False)
Quarter = Annotated[int, Path(ge=1, le=4)]
TEXT_FIELDS = ("commentary", "reason", "recovery_action", "owner")
FIELDS = (*TEXT_FIELDS, "recovery_date")


def field_name(field: str, line: exceptions.MetricLine) -> str:
    """ "reason-OF-16": a field of one metric, named by the metric's code."""
    return f"{field}-{line.judgement.code}"


def _values(lines: list[exceptions.MetricLine]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for line in lines:
        report = line.report
        values |= {field_name(field, line): getattr(report, field) for field in TEXT_FIELDS}
        day, month, year = date_parts(report.recovery_date)
        values[field_name("recovery_date", line)] = {"day": day, "month": month, "year": year}
    return values


def _page(
    request: Request, returning: Any, quarter: int, session: SessionDep, *, status: int = 200, **extra: Any
) -> HTMLResponse:
    view = returning.view
    lines, stored = exceptions.read_exceptions(view, quarter_of(view.cycle, quarter), session=session)
    checked = check_return(view, quarter, today=local_date(utc_now()), session=session)
    findings: dict[str, list[str]] = {}
    for finding in checked.findings:
        parts = finding.path.split("/")
        if finding.section == "exceptions" and len(parts) == 4:
            findings.setdefault(field_name(parts[3], lines[int(parts[2])]), []).append(finding.message)
    errors: dict[str, list[str]] = extra.pop("errors", {})
    shown = errors or findings
    context = {
        "caller": returning.member,
        "view": view,
        "plan_id": id_of(view.plan),
        "quarter": quarter_of(view.cycle, quarter),
        "lines": lines,
        "field_name": field_name,
        "version": stored.version,
        "values": _values(lines),
        "shown": shown,
        "conflict": None,
        "saved": request.query_params.get("saved") == "1",
        "error_items": [
            (message, f"{name}-day" if field == "recovery_date" else name)
            for line in lines
            for field in FIELDS
            for name in [field_name(field, line)]
            for message in shown.get(name, [])
        ],
    } | extra
    return render(request, "returns/exceptions.html", context, status=status)


@router.get("/plans/{plan_id}/returns/{quarter}/exceptions", response_class=HTMLResponse)
def exceptions_page(request: Request, returning: Returner, quarter: Quarter, session: SessionDep) -> HTMLResponse:
    """Each scorecard metric as judged in the quarter, to comment on; each red one needs its exception."""
    ensure_reporting(returning.view.plan)
    return _page(request, returning, quarter, session)


def _read_form(
    lines: list[exceptions.MetricLine], fields: dict[str, str]
) -> tuple[list[MetricReport], dict[str, list[str]], dict[str, Any]]:
    """The typed reports, the problems with them by field, and the values to show again."""
    said: list[MetricReport] = []
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for line in lines:
        code = line.judgement.code
        names = {field: field_name(field, line) for field in FIELDS}
        typed = {field: fields.get(names[field], "") for field in TEXT_FIELDS}
        parts = {part: fields.get(f"{names['recovery_date']}-{part}", "") for part in ("day", "month", "year")}
        values |= {names[field]: text for field, text in typed.items()} | {names["recovery_date"]: parts}
        recovery_date, problem = date_from_parts(parts["day"], parts["month"], parts["year"])
        if problem:
            errors[names["recovery_date"]] = [f"{code}: {problem.lower()}"]
        try:
            said.append(MetricReport(metric=code, recovery_date=recovery_date, **typed))
        except ValidationError as invalid:
            for refused in invalid.errors():
                field = str(refused["loc"][0])
                what = str(refused["msg"]).removeprefix("Value error, ")
                errors.setdefault(names.get(field, names["commentary"]), []).append(f"{code}: {what}")
    return said, errors, values


@router.post("/plans/{plan_id}/returns/{quarter}/exceptions", response_class=HTMLResponse)
def save_exceptions(
    request: Request,
    returning: ReturnerForm,
    quarter: Quarter,
    fields: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save the commentaries and exceptions typed; a mistake, or someone's save meanwhile, keeps what was typed."""
    ensure_reporting(returning.view.plan)
    asked = quarter_of(returning.view.cycle, quarter)
    lines, stored = exceptions.read_exceptions(returning.view, asked, session=session)
    said, errors, values = _read_form(lines, fields)

    def save(version: int) -> None:
        reports = MetricReports(metrics=said)
        by = returning.member.user_id
        exceptions.save_exceptions(returning.view, asked, reports, expected_version=version, by=by, session=session)

    return save_posted(
        save,
        fields,
        errors=errors,
        values=values,
        what="exceptions",
        stored_version=stored.version,
        show=partial(_page, request, returning, quarter, session),
        saved=f"/plans/{returning.plan_id}/returns/{quarter}/exceptions?saved=1",
    )
