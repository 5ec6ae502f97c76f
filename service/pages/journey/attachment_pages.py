"""A plan's attachments as a page: the harm reduction self-audit and supporting files, uploaded and listed.

The file's type is judged by its content and its size checked in service/journey/attachments.py; the page
only shows what the domain refused, beside the file field.
"""

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from service.access.capabilities import Capability, capabilities, role_may
from service.access.guards import AttacherForm, Viewer
from service.access.identity import CurrentPrincipal, Principal
from service.journey import attachments
from service.journey.attachment_types import ALLOWED_TYPES, MAX_ATTACHMENT_BYTES
from service.pages.journey.confirmation import CONFIRMED, Question, confirmation_page
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.planning import plans, workflow
from service.platform.deps import SessionDep
from service.platform.errors import Conflict
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment

router = APIRouter(include_in_schema=False)
KIND_CHOICES = (
    (SELF_AUDIT, "The harm reduction strategy self-audit"),
    ("supporting", "A supporting file"),
)
KIND_NAMES = dict(KIND_CHOICES)
NO_FILE = "Select a file to upload"
NO_KIND = "Select what the file is"


def size_text(size: int) -> str:
    """A file size as people read it: 512 bytes, 40 KB, 2.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _refusal(view: plans.PlanView, caller: Principal, session: Session) -> str | None:
    """Why this caller cannot attach files here, or None when they can (what policy.capabilities says)."""
    if Capability.ATTACH in capabilities(caller, view):
        return None
    if not role_may(caller, Capability.ATTACH):
        return "You can download the plan's attachments, but only the partnership's planner attaches files."
    try:
        workflow.ensure_attachable(view.plan, session=session)
    except workflow.PlanLocked as locked:
        return locked.detail
    return None


def _page(
    request: Request,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    *,
    kind: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    plan_id = id_of(view.plan)
    errors = errors or {}
    refusal = _refusal(view, caller, session)
    listed = attachments.attachments_of(plan_id, session=session)
    context = plan_heading(view, session=session) | {
        "caller": caller,
        "title": "Attachments",
        "attachments": listed,
        "kind_names": KIND_NAMES,
        "kind_choices": KIND_CHOICES,
        "kind": kind,
        "allowed": ", ".join(allowed.label for allowed in ALLOWED_TYPES),
        "max_mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
        "self_audit_required": view.cycle.harm_reduction_self_audit_required,
        "size_text": size_text,
        "errors": errors,
        "error_list": [(message, field) for field, message in errors.items()],
        "refusal": refusal,
        "added": request.query_params.get("added") == "1",
        "removed": request.query_params.get("removed") == "1",
        # Offered only to those who may attach, for files no submission has carried yet.
        "removable": set() if refusal else attachments.removable(view.plan, listed, session=session),
    }
    return render(request, "attachments.html", context, status=status)


@router.get("/plans/{plan_id}/attachments", response_class=HTMLResponse)
def attachments_page(
    request: Request,
    view: Viewer,
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """The plan's attachments with download links, and the form to upload another."""
    return _page(request, view, caller, session)


@router.post("/plans/{plan_id}/attachments", response_class=HTMLResponse)
def upload_attachment(
    request: Request,
    attaching: AttacherForm,
    session: SessionDep,
    file: Annotated[UploadFile | None, File()] = None,
    kind: Annotated[str, Form()] = "",
) -> Response:
    """Attach the file if the domain accepts it; otherwise show the form again saying why."""
    view, member = attaching.view, attaching.member
    errors: dict[str, str] = {}
    if kind not in KIND_NAMES:
        errors["kind"] = NO_KIND
    content = file.file.read(MAX_ATTACHMENT_BYTES + 1) if file is not None else b""
    if file is None or not (file.filename or content):
        errors["file"] = NO_FILE
    if errors or file is None:  # no file is always an error above; saying so again tells mypy
        return _page(request, view, member, session, kind=kind, errors=errors, status=422)
    try:
        attachments.attach(view.plan, kind, file.filename or "attachment", content, by=member.user_id, session=session)
    except (attachments.UnsupportedFile, attachments.FileTooLarge, workflow.PlanLocked) as refused:
        return _page(request, view, member, session, kind=kind, errors={"file": refused.detail}, status=refused.status)
    # Post/redirect/get: reloading the list never uploads the file twice.
    return RedirectResponse(f"/plans/{attaching.plan_id}/attachments?added=1", status_code=303)


@router.post("/plans/{plan_id}/attachments/{attachment_id}/remove", response_class=HTMLResponse)
def remove_attachment(
    attachment_id: DbId,
    request: Request,
    attaching: AttacherForm,
    session: SessionDep,
    confirmed: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Take back a file no submission has carried, once the planner is sure; say why when it cannot be."""
    view, member = attaching.view, attaching.member
    attachment = attachments.attachment_of(attaching.plan_id, attachment_id, session=session)
    try:
        if confirmed != CONFIRMED:
            attachments.ensure_removable(view.plan, attachment, session=session)  # refuse now, not after "yes"
            return confirmation_page(request, view, member, session, _removal_question(attaching.plan_id, attachment))
        attachments.remove(view.plan, attachment_id, by=member.user_id, session=session)
    except (Conflict, workflow.PlanLocked) as refused:
        return _page(request, view, member, session, errors={"attachment-list": refused.detail}, status=refused.status)
    return RedirectResponse(f"/plans/{attaching.plan_id}/attachments?removed=1", status_code=303)


def _removal_question(plan_id: int, attachment: Attachment) -> Question:
    return Question(
        question=f"Are you sure you want to remove {attachment.filename}?",
        consequences=(
            f"{KIND_NAMES.get(attachment.kind, 'The file')} is taken off the plan: nobody can download it any more, "
            "and the audit log records that you removed it.",
            "No submission has carried it yet, so the panel has not seen it.",
        ),
        action=f"/plans/{plan_id}/attachments/{attachment.id}/remove",
        button="Yes, remove the file",
        back=f"/plans/{plan_id}/attachments",
    )
