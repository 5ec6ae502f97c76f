"""The form reporting progress on the plan's actions, grouped by grid and objective, every problem named at once.

The actions, their numbers and the rules on progress are the domain's (service/returns/actions.py,
validators/returns.py); the page reads the typed fields, shows what was typed when it is refused, and
names each problem, in page order, beside its field.
"""

import itertools
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from plan_schema.quarterly_return import ACTION_STATUS_LABELS, ActionProgress, ActionsProgress, ActionStatus
from service.access.guards import Returner, ReturnerForm
from service.pages.planning.part_editing import posted_fields
from service.pages.planning.part_form import date_from_parts, date_parts
from service.pages.rendering import render
from service.pages.returns.section_form import save_posted
from service.planning.plans import PlanView
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.returns import actions
from service.returns.quarters import ensure_reporting, quarter_of
from service.returns.submissions import check_return
from service.tables.columns import id_of, utc_now

router = APIRouter(include_in_schema=False)
Quarter = Annotated[int, Path(ge=1, le=4)]
FIELDS = ("status", "note", "evidence", "completed")


@dataclass(frozen=True)
class ObjectiveGroup:
    """One objective of one grid, with its actions' lines, as the form groups them."""

    grid: int
    grid_title: str
    objective: int
    objective_text: str
    lines: list[actions.ActionLine]


def field_name(field: str, line: actions.ActionLine) -> str:
    """ "status-1-2-3": a field of one action, named by the action's numbers."""
    return f"{field}-{line.planned.reference.replace('.', '-')}"


def objective_groups(lines: list[actions.ActionLine]) -> list[ObjectiveGroup]:
    """The lines grouped by objective, grid by grid, in plan order."""
    keyed = itertools.groupby(lines, key=lambda line: (line.planned.grid, line.planned.objective))
    found = []
    for _, grouped in keyed:
        members = list(grouped)
        first = members[0].planned
        found.append(ObjectiveGroup(first.grid, first.grid_title, first.objective, first.objective_text, members))
    return found


def _values(lines: list[actions.ActionLine]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for line in lines:
        progress = line.progress
        values[field_name("status", line)] = progress.status.value
        values[field_name("note", line)] = progress.note
        values[field_name("evidence", line)] = progress.evidence
        day, month, year = date_parts(progress.completed)
        values[field_name("completed", line)] = {"day": day, "month": month, "year": year}
    return values


def _page(
    request: Request, returning: Any, quarter: int, session: SessionDep, *, status: int = 200, **extra: Any
) -> HTMLResponse:
    view: PlanView = returning.view
    lines, stored = actions.read_actions(id_of(view.plan), quarter, session=session)
    checked = check_return(view, quarter, today=local_date(utc_now()), session=session)
    # The rules' findings on the saved progress, by field, in page order (the pointer's index is the line's).
    findings: dict[str, list[str]] = {}
    for finding in checked.findings:
        parts = finding.path.split("/")
        if finding.section == "actions" and len(parts) == 4:
            findings.setdefault(field_name(parts[3], lines[int(parts[2])]), []).append(finding.message)
    context = {
        "caller": returning.member,
        "view": view,
        "plan_id": id_of(view.plan),
        "quarter": quarter_of(view.cycle, quarter),
        "groups": objective_groups(lines),
        "field_name": field_name,
        "statuses": [(status.value, label) for status, label in ACTION_STATUS_LABELS.items()],
        "version": stored.version,
        "values": _values(lines),
        "errors": {},
        "findings": findings,
        "conflict": None,
        "saved": request.query_params.get("saved") == "1",
    } | extra
    # Typed mistakes when the form was refused, else the rules' findings on what is saved: in page order.
    shown = context["errors"] or findings
    context["shown"] = shown
    context["error_items"] = [
        (message, f"{name}-day" if field == "completed" else name)
        for line in lines
        for field in FIELDS
        for name in [field_name(field, line)]
        for message in shown.get(name, [])
    ]
    return render(request, "returns/actions.html", context, status=status)


@router.get("/plans/{plan_id}/returns/{quarter}/actions", response_class=HTMLResponse)
def actions_page(request: Request, returning: Returner, quarter: Quarter, session: SessionDep) -> HTMLResponse:
    """Progress on every Part 3 action, to say or change, with what the rules find in what was saved."""
    ensure_reporting(returning.view.plan)
    return _page(request, returning, quarter, session)


def _read_form(
    lines: list[actions.ActionLine], fields: dict[str, str]
) -> tuple[list[ActionProgress], dict[str, list[str]], dict[str, Any]]:
    """The typed progress, the problems with it by field, and the values to show again."""
    said: list[ActionProgress] = []
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for line in lines:
        names = {field: field_name(field, line) for field in FIELDS}
        typed = {field: fields.get(name, "") for field, name in names.items() if field != "completed"}
        parts = {part: fields.get(f"{names['completed']}-{part}", "") for part in ("day", "month", "year")}
        values |= {names[field]: text for field, text in typed.items()} | {names["completed"]: parts}
        completed, problem = date_from_parts(parts["day"], parts["month"], parts["year"])
        if problem:
            errors[names["completed"]] = [f"Action {line.planned.reference}: {problem.lower()}"]
        if typed["status"] not in {status.value for status in ActionStatus}:
            errors[names["status"]] = [f"Choose where action {line.planned.reference} stands"]
            continue
        try:
            said.append(
                ActionProgress(
                    grid=line.planned.grid,
                    objective=line.planned.objective,
                    action=line.planned.action,
                    status=ActionStatus(typed["status"]),
                    note=typed["note"],
                    evidence=typed["evidence"],
                    completed=completed,
                )
            )
        except ValidationError as invalid:
            for refused in invalid.errors():
                field = str(refused["loc"][0])
                what = str(refused["msg"]).removeprefix("Value error, ")
                errors.setdefault(names.get(field, names["note"]), []).append(
                    f"Action {line.planned.reference}: {what}"
                )
    return said, errors, values


@router.post("/plans/{plan_id}/returns/{quarter}/actions", response_class=HTMLResponse)
def save_actions(
    request: Request,
    returning: ReturnerForm,
    quarter: Quarter,
    fields: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save the progress typed; a mistake, or someone's save since the form was opened, keeps what was typed."""
    ensure_reporting(returning.view.plan)
    lines, stored = actions.read_actions(returning.plan_id, quarter, session=session)
    said, errors, values = _read_form(lines, fields)

    def save(version: int) -> None:
        progress = ActionsProgress(actions=said)
        by = returning.member.user_id
        actions.save_actions(returning.plan_id, quarter, progress, expected_version=version, by=by, session=session)

    return save_posted(
        save,
        fields,
        errors=errors,
        values=values,
        what="progress",
        stored_version=stored.version,
        show=partial(_page, request, returning, quarter, session),
        saved=f"/plans/{returning.plan_id}/returns/{quarter}/actions?saved=1",
    )
