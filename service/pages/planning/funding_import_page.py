"""Part 4 from a filled workbook, as a page: all or nothing, every problem named as Sheet!Cell.

Reading the workbook is service/documents/funding_import.py's, as for the API's import route; the
page sends the Part 4 version it was opened at, so an upload never silently overwrites a newer save.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from plan_schema.wording import plural
from service.access import policy
from service.access.identity import CurrentPrincipal, Principal
from service.documents.funding_import import WorkbookRejected
from service.documents.workbook_container import MAX_UPLOAD_BYTES
from service.pages.planning.part_editing import editing_refusal
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.planning import parts, plans, workflow
from service.planning.funding_import import import_funding_workbook
from service.platform.deps import SessionDep
from service.platform.errors import PreconditionFailed
from service.platform.ids import db_integer
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)
PART = PartName.FUNDING
NO_FILE = "Select a filled Part 4 workbook to upload"
INCOMPLETE = "This form was incomplete, so nothing was imported. Select the workbook and upload it again."


def _page(
    request: Request,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    *,
    problems: list[str] | None = None,
    summary: str = "",
    status: int = 200,
) -> HTMLResponse:
    """The upload form, with the problems of the last upload if it was refused."""
    plan_id = id_of(view.plan)
    problems = problems or []
    context = plan_heading(view, session=session) | {
        "caller": caller,
        "title": "Upload a filled Part 4 workbook",
        "version": parts.read_part(plan_id, PART, session=session).version,
        "refusal": editing_refusal(view, caller, PART, session),
        "problems": problems,
        "summary": summary,
        "error_list": [(problem, "workbook") for problem in problems],
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "funding_import.html", context, status=status)


@router.get("/plans/{plan_id}/funding/import", response_class=HTMLResponse)
def import_page(
    request: Request,
    view: Annotated[plans.PlanView, Depends(policy.visible_plan)],
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """The form to upload a filled Part 4 workbook, with the workbooks to start from."""
    return _page(request, view, caller, session)


@router.post("/plans/{plan_id}/funding/import", response_class=HTMLResponse)
def import_workbook(
    request: Request,
    editing: Annotated[policy.OnPlan, Depends(policy.part_form_editor(PART))],
    session: SessionDep,
    workbook: Annotated[UploadFile | None, File()] = None,
    version: Annotated[str, Form()] = "",
) -> Response:
    """Replace Part 4 with the workbook's figures if every cell is right and nobody saved since; else say why."""
    view, member = editing.view, editing.member
    data = workbook.file.read(MAX_UPLOAD_BYTES + 1) if workbook is not None else b""
    if workbook is None or not (workbook.filename or data):
        return _page(request, view, member, session, problems=[NO_FILE], summary=NO_FILE, status=422)
    expected_version = db_integer(version)
    if expected_version is None:
        return _page(request, view, member, session, problems=[INCOMPLETE], summary=INCOMPLETE, status=422)
    try:
        import_funding_workbook(view, data, expected_version=expected_version, by=member.user_id, session=session)
    except WorkbookRejected as rejected:
        count = len(rejected.problems)
        summary = f"The workbook has {plural(count, 'problem')}, listed above. Nothing was imported."
        return _page(request, view, member, session, problems=rejected.problems, summary=summary, status=422)
    except PreconditionFailed:
        stale = (
            "Someone else saved Part 4 after you opened this page, so nothing was imported. "
            "Check Part 4 as it is now, then upload the workbook again if it should replace it."
        )
        return _page(request, view, member, session, problems=[stale], summary=stale, status=409)
    except workflow.PlanLocked as locked:
        return _page(request, view, member, session, problems=[locked.detail], summary=locked.detail, status=409)
    # Post/redirect/get, to Part 4 with its saved banner: the figures now are the workbook's.
    return RedirectResponse(f"/plans/{editing.plan_id}/funding?imported=1", status_code=303)
