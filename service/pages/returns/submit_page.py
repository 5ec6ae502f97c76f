"""Check a quarter's return and submit it, and the confirmation of what was submitted.

Whether it may be submitted is the domain's (service/returns/submissions.py and its rules); the page
shows the return and the rules' findings, and offers the button only when nothing blocks it.
"""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.quarterly_return import ACTION_STATUS_LABELS
from service.access.guards import Returner, ReturnerForm, Viewer
from service.access.identity import CurrentPrincipal
from service.pages.journey.attachment_pages import size_text
from service.pages.rendering import render
from service.planning.plans import PlanView
from service.planning.timetable import lateness, local_date
from service.platform.deps import SessionDep
from service.platform.errors import Conflict
from service.platform.ids import DbId
from service.returns import submission_documents
from service.returns.quarters import ensure_reporting, quarter_of
from service.returns.submissions import ReturnInvalid, check_return, submission, submit_return
from service.tables.columns import id_of, utc_now
from service.tables.returns import ReturnSubmission

router = APIRouter(include_in_schema=False)
Quarter = Annotated[int, Path(ge=1, le=4)]


@dataclass(frozen=True)
class Download:
    """A file of the submission as its link says it: what it is, its type and its size (as GOV.UK links files)."""

    title: str
    href: str
    format_name: str
    size: str


def downloads(view: PlanView, made: ReturnSubmission, *, session: Session) -> list[Download]:
    """The submission's Word document and, when the snapshot kept enough to make it, its spend workbook."""
    base = f"/api/v1/plans/{made.plan_id}/returns/{made.quarter}/submissions/{made.number}"
    document = submission_documents.return_document(view, made, session=session)
    files = [Download("The return as submitted", f"{base}/document", "Word document", size_text(len(document.content)))]
    workbook = submission_documents.spend_workbook(view, made)
    if workbook is not None:
        size = size_text(len(workbook.content))
        files.append(Download("The quarter's spend as submitted", f"{base}/spend.xlsx", "Excel workbook", size))
    return files


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


@router.get("/plans/{plan_id}/returns/{quarter}/submissions/{number}", response_class=HTMLResponse)
def submitted_page(
    request: Request, view: Viewer, caller: CurrentPrincipal, quarter: Quarter, number: DbId, session: SessionDep
) -> HTMLResponse:
    """What was submitted: its number, when, how late and its fingerprint."""
    made = submission(id_of(view.plan), quarter, number, session=session)
    context = {
        "caller": caller,
        "view": view,
        "plan_id": id_of(view.plan),
        "quarter": quarter_of(view.cycle, quarter),
        "submission": made,
        "lateness": lateness(made.days_late),
        "downloads": downloads(view, made, session=session),
    }
    return render(request, "returns/submitted.html", context)
