"""Check a quarter's return and submit it, and the confirmation of what was submitted.

Whether it may be submitted is the domain's (service/returns/submissions.py and its rules); the page
shows the return and the rules' findings, and offers the button only when nothing blocks it.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plan_schema.quarterly_return import ACTION_STATUS_LABELS
from service.access.guards import Returner, ReturnerForm
from service.pages.rendering import render
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.errors import Conflict
from service.returns.quarters import ensure_reporting
from service.returns.submissions import ReturnInvalid, check_return, submit_return
from service.tables.columns import id_of, utc_now

router = APIRouter(include_in_schema=False)
Quarter = Annotated[int, Path(ge=1, le=4)]


def _page(request: Request, returning: Any, quarter: int, session: SessionDep, **extra: Any) -> HTMLResponse:
    view = returning.view
    checked = check_return(view, quarter, today=local_date(utc_now()), session=session)
    context = {
        "caller": returning.member,
        "view": view,
        "plan_id": id_of(view.plan),
        "quarter": checked.quarter,
        "action_lines": checked.action_lines,
        "metric_lines": [line for line in checked.metric_lines if line.judgement.red or line.report.commentary],
        "status_labels": ACTION_STATUS_LABELS,
        "errors": checked.errors,
        "warnings": [finding for finding in checked.findings if finding not in checked.errors],
        "refusal": None,
    } | extra
    # Each blocking finding links to the part of the page it is about; a refusal to the button.
    anchors = {"actions": "actions-summary", "exceptions": "exceptions-summary"}
    context["error_items"] = ([(context["refusal"], "submit-return")] if context["refusal"] else []) + [
        (finding.message, anchors.get(finding.section, "submit-return")) for finding in checked.errors
    ]
    return render(request, "returns/submit.html", context, status=422 if extra.get("refusal") else 200)


@router.get("/plans/{plan_id}/returns/{quarter}/submit", response_class=HTMLResponse)
def check_page(request: Request, returning: Returner, quarter: Quarter, session: SessionDep) -> HTMLResponse:
    """The return as it stands, what the rules find in it, and the button to submit it when nothing blocks."""
    ensure_reporting(returning.view.plan)
    return _page(request, returning, quarter, session)


@router.post("/plans/{plan_id}/returns/{quarter}/submit", response_class=HTMLResponse)
def submit(request: Request, returning: ReturnerForm, quarter: Quarter, session: SessionDep) -> Response:
    """Submit the return; refused with the reason on the page when the rules or an unchanged return stop it."""
    try:
        made = submit_return(returning.plan_id, quarter, submitted_by=returning.member.user_id, session=session)
    except (ReturnInvalid, Conflict) as refused:
        if not isinstance(refused, ReturnInvalid) and "Nothing has changed" not in refused.detail:
            raise
        return _page(request, returning, quarter, session, refusal=refused.detail)
    return RedirectResponse(f"/plans/{returning.plan_id}/returns/{quarter}/submissions/{made.number}", status_code=303)
