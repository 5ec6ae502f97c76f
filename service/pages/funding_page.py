"""Part 4 (funding) as a page: Table 1 and Table 2 as one form, saved with the version it was opened at."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, PART_TITLES, PartName
from service import parts, plans, policy, validation, workflow
from service.deps import SessionDep
from service.errors import PreconditionFailed
from service.identity import CurrentPrincipal, Member, Principal
from service.models import id_of
from service.pages import funding_form as form
from service.pages.plan_pages import plan_heading
from service.pages.rendering import render
from validators.findings import Severity

router = APIRouter(include_in_schema=False)
PART = PartName.FUNDING


async def posted_fields(request: Request) -> dict[str, str]:
    """The posted form's text fields (Starlette has already parsed it for the CSRF field)."""
    posted = await request.form()
    return {name: value for name, value in posted.items() if isinstance(value, str)}


def field_labels(funding: Funding) -> dict[str, str]:
    """What each input is called in error messages: "1.6 Police, 2008/09"."""
    labels: dict[str, str] = {}
    for column in funding.table_1:
        for row in form.TABLE_1_INPUTS:
            labels[form.table_1_name(column.year, row.field)] = f"{row.code} {row.label}, {column.year}"
        labels[form.table_1_name(column.year, form.DESCRIPTION)] = f"1.12 description of other funding, {column.year}"
    for index, expenditure in enumerate(funding.table_2):
        for source in EXPENDITURE_SOURCES:
            name = form.table_2_name(index, source.field)
            labels[name] = f"{expenditure.category}: {source.code} {source.label}"
    for source in EXPENDITURE_SOURCES:
        labels[f"table_2-total-{source.field}"] = f"Table 2 total of {source.code} {source.label}"
    labels["table_2-total-total"] = "Table 2 grand total (N15)"
    return labels | {"table-1": "Table 1", "table-2": "Table 2"}


def _editing_refusal(view: plans.PlanView, caller: Principal, session: Session) -> str | None:
    """Why this caller cannot change Part 4 here, or None when they can (the POST policy decides for real)."""
    if not isinstance(caller, Member) or PART not in policy.PART_EDITORS[caller.role]:
        return "You can read Part 4 but your role does not change it."
    try:
        workflow.ensure_part_editable(view.plan, PART, session=session)
    except workflow.PlanLocked as locked:
        return locked.detail
    return None


def _page(
    request: Request,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    *,
    shown: Funding,
    values: dict[str, str],
    version: int,
    seen: dict[str, str],
    input_errors: dict[str, str] | None = None,
    changed: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> HTMLResponse:
    """The form with whatever it must show: typed values, their errors, findings, or someone else's changes."""
    findings: list[form.PlacedFinding] = []
    if not input_errors:
        stored = parts.read_part(id_of(view.plan), PART, session=session)
        document = shown.model_dump(mode="json")
        findings = form.place_findings(validation.part_findings(stored, view, session=session), document)
    labels = field_labels(shown)
    refusal = _editing_refusal(view, caller, session)
    errors = {name: [message] for name, message in (input_errors or {}).items()}
    errors = errors or form.messages_by_field(findings, Severity.ERROR)
    summary = [(f"{labels.get(name, name)}: {text}", name) for name, texts in errors.items() for text in texts]
    context = plan_heading(view, session=session) | {
        "caller": caller,
        "title": PART_TITLES[PART],
        "funding": shown,
        "table_1_rows": FUNDING_ROWS,
        "sources": EXPENDITURE_SOURCES,
        "names": form,
        "values": values,
        "errors": errors,
        "warnings": form.messages_by_field(findings, Severity.WARNING),
        "error_list": summary,
        "changed": changed or {},
        "labels": labels,
        "version": version,
        "seen_json": json.dumps(seen, separators=(",", ":")),
        "refusal": refusal,
        "editable": refusal is None,
        "notice": notice,
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "funding.html", context, status=status)


@router.get("/plans/{plan_id}/funding", response_class=HTMLResponse)
def funding_page(
    request: Request,
    view: Annotated[plans.PlanView, Depends(policy.visible_plan)],
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """Part 4 as stored, with its findings beside the figures they are about."""
    stored = parts.read_part(id_of(view.plan), PART, session=session)
    if not isinstance(stored.model, Funding):
        # Stored before a template change and no longer readable as Part 4: the API shows why.
        context = plan_heading(view, session=session) | {"caller": caller, "title": PART_TITLES[PART]}
        return render(request, "funding_unreadable.html", context, status=200)
    values = form.form_values(stored.model)
    return _page(request, view, caller, session, shown=stored.model, values=values, version=stored.version, seen=values)


@router.post("/plans/{plan_id}/funding", response_class=HTMLResponse)
def save_funding(
    request: Request,
    editing: Annotated[policy.OnPlan, Depends(policy.part_form_editor(PART))],
    posted: Annotated[dict[str, str], Depends(posted_fields)],
    session: SessionDep,
) -> Response:
    """Save Part 4 if nobody else has since the form was opened; otherwise show the form again, input kept."""
    view, plan_id = editing.view, editing.plan_id
    current = parts.read_part(plan_id, PART, session=session)
    if not isinstance(current.model, Funding):
        return RedirectResponse(f"/plans/{plan_id}/funding", status_code=303)
    result = form.read_posted(posted, current.model)
    version_text = posted.get("version", "")
    page: dict[str, Any] = {"shown": current.model, "values": result.values}
    seen = _seen(posted.get("seen", ""))
    if not version_text.isdigit():
        notice = "This form was incomplete, so nothing was saved. Check your figures and save again."
        page |= {"version": current.version, "seen": form.form_values(current.model), "notice": notice}
        return _page(request, view, editing.member, session, **page, status=422)
    if result.document is None:
        page |= {"version": int(version_text), "seen": seen, "input_errors": result.errors}
        return _page(request, view, editing.member, session, **page, status=422)
    try:
        parts.replace_part(
            plan_id,
            PART,
            result.document,
            expected_version=int(version_text),
            session=session,
            changed_by=editing.member.user_id,
        )
    except PreconditionFailed:
        return _stale(request, view, editing.member, session, posted, result)
    except workflow.PlanLocked as locked:
        page |= {"version": current.version, "seen": seen, "notice": locked.detail}
        return _page(request, view, editing.member, session, **page, status=409)
    # Post/redirect/get: reloading the saved page never posts the form twice.
    return RedirectResponse(f"/plans/{plan_id}/funding?saved=1", status_code=303)


def _seen(seen_json: str) -> dict[str, str]:
    try:
        seen = json.loads(seen_json)
    except ValueError:
        return {}
    return {str(name): str(value) for name, value in seen.items()} if isinstance(seen, dict) else {}


def _stale(
    request: Request,
    view: plans.PlanView,
    member: Member,
    session: Session,
    posted: dict[str, str],
    result: form.PostedFunding,
) -> HTMLResponse:
    """Someone saved first: keep what this user typed, show what the other person changed, offer to save over it."""
    plan_id = id_of(view.plan)
    now = parts.read_part(plan_id, PART, session=session)
    assert isinstance(now.model, Funding)  # noqa: S101 - a stale save means a newer save, which parsed
    stored_values = form.form_values(now.model)
    changed = form.changed_by_someone_else(posted.get("seen", ""), stored_values, result.values)
    cells = "1 figure" if len(changed) == 1 else f"{len(changed)} figures"
    notice = (
        f"Someone else saved Part 4 while you were editing it (it is now at version {now.version}), "
        f"changing {cells}. Your changes are not saved yet: they are kept below, with the other person's "
        "figures marked beside the cells they changed. Check them, then save again to keep yours."
    )
    # The next save is made against the version just shown, so it can only overwrite what this user has seen.
    shown = result.document or now.model
    return _page(
        request,
        view,
        member,
        session,
        shown=shown,
        values=result.values,
        version=now.version,
        seen=stored_values,
        changed=changed,
        notice=notice,
        status=409,
    )
