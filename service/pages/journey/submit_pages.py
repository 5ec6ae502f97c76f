"""The submission journey: check your answers and declare, submit, and the confirmation.

The page shows what the domain decides (service/journey/submissions.py, validators/readiness.py,
the workflow's transition table); it never decides on its own whether a plan may be submitted.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PART_TITLES, PartName, SubmissionStage
from service.access.capabilities import Capability, capabilities, role_may
from service.access.guards import SubmitterForm, Viewer
from service.access.identity import CurrentPrincipal, Principal
from service.journey import progress, submissions
from service.pages.journey.check_answers import AnswerRow, part_answers
from service.pages.planning.plan_pages import PART_PAGES, STATUS_TAGS, heading_context
from service.pages.planning.plan_sections import stage_parts_text, submitted_entry
from service.pages.rendering import render
from service.planning import parts, plans, validation, workflow
from service.planning.part_status import PartStatus, part_status
from service.platform.deps import SessionDep
from service.platform.errors import Conflict, NotFound
from service.platform.ids import DbId
from service.tables.columns import id_of
from validators.findings import Finding, errors_of, warnings_of
from validators.readiness import not_started_reason

router = APIRouter(include_in_schema=False)
DECLARED = "confirmed"
DECLARATION_MISSING = "Confirm the declaration to make the submission"
SELF_AUDIT_MISSING = "Attach the harm reduction strategy self-audit: the initial submission needs it"


def submission_stage(text: str) -> SubmissionStage:
    """The stage a URL names (initial or final); any other is a page that does not exist."""
    try:
        return SubmissionStage(text)
    except ValueError:
        raise NotFound(f"There is no {text} submission: submissions are initial or final.") from None


@dataclass(frozen=True)
class PartAnswers:
    """One part the submission carries, as the check-your-answers page shows it."""

    part: PartName
    title: str
    status: PartStatus
    errors: list[Finding]
    warnings: list[Finding]
    href: str | None
    rows: list[AnswerRow]

    @property
    def tag_classes(self) -> str | None:
        """The GOV.UK tag colour of the status, as on the task list."""
        return STATUS_TAGS[self.status]


def _answers(
    stored: Mapping[PartName, parts.StoredPart],
    checked: validation.PlanValidation,
    stage: SubmissionStage,
    plan_year: str,
) -> list[PartAnswers]:
    plan_id = checked.plan_id
    answers = []
    for part in checked.stages[stage].parts:
        findings = checked.findings[part]
        page = PART_PAGES.get(part)
        href = f"/plans/{plan_id}/{page}" if page else None
        answers.append(
            PartAnswers(
                part=part,
                title=PART_TITLES[part],
                status=part_status(stored[part], findings, started=checked.started(part)),
                errors=errors_of(findings),
                warnings=warnings_of(findings),
                href=href,
                rows=part_answers(part, stored[part].model, href=href, plan_year=plan_year) if href else [],
            )
        )
    return answers


SUBMIT = {SubmissionStage.INITIAL: Capability.SUBMIT_INITIAL, SubmissionStage.FINAL: Capability.SUBMIT_FINAL}


def _refusal(view: plans.PlanView, caller: Principal, stage: SubmissionStage) -> str | None:
    """Why this caller cannot make this submission now, or None when they can (what policy.capabilities says)."""
    if SUBMIT[stage] in capabilities(caller, view):
        return None
    if not role_may(caller, SUBMIT[stage]):
        return "Only the partnership's planner can make a submission; you can check what it would carry."
    return _workflow_refusal(view, stage)


def _workflow_refusal(view: plans.PlanView, stage: SubmissionStage) -> str | None:
    """Why the timetable does not allow this submission now, or None when it does."""
    try:
        workflow.ensure_allowed(view.plan, workflow.STAGE_ACTIONS[stage])
    except workflow.InvalidTransition as refused:
        return refused.detail
    return None


def _check_page(
    request: Request,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    stage: SubmissionStage,
    *,
    error_list: list[tuple[str, str]] | None = None,
    invalid: submissions.PlanInvalid | None = None,
    declaration_error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    state = progress.plan_state(view, session=session)
    stored, checked = state.stored, state.checked
    if invalid is not None:
        error_list = _blocking_summary(invalid, stage, _self_audit_missing(stage, checked))
    readiness = checked.stages[stage]
    refusal = _refusal(view, caller, stage)
    context = heading_context(view, state.progress) | {
        "caller": caller,
        "title": f"Check your answers before making the {stage.value} submission",
        "stage": stage.value,
        "parts_text": stage_parts_text(stage),
        "answers": _answers(stored, checked, stage, view.cycle.plan_year),
        "blocking": readiness.blocking,
        "self_audit_required": _self_audit_required(stage, checked),
        "self_audit_attached": checked.self_audit_attached,
        "refusal": refusal,
        "can_submit": refusal is None and readiness.ready,
        "error_list": error_list or [],
        "declaration_error": declaration_error,
    }
    return render(request, "submit.html", context, status=status)


@router.get("/plans/{plan_id}/submit/{stage}", response_class=HTMLResponse)
def check_answers(
    stage: str,
    request: Request,
    view: Viewer,
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """The parts the stage carries with their findings, what stops the submission, and the declaration."""
    return _check_page(request, view, caller, session, submission_stage(stage))


@router.post("/plans/{plan_id}/submit/{stage}", response_class=HTMLResponse)
def make_submission(
    stage: str,
    request: Request,
    submitting: SubmitterForm,
    session: SessionDep,
    declaration: Annotated[str, Form()] = "",
) -> Response:
    """Submit once the declaration is ticked; a refusal shows the page again, naming what to put right."""
    chosen = submission_stage(stage)
    view, member = submitting.view, submitting.member
    if declaration != DECLARED:
        summary = [(DECLARATION_MISSING, "declaration")]
        return _check_page(
            request,
            view,
            member,
            session,
            chosen,
            error_list=summary,
            declaration_error=DECLARATION_MISSING,
            status=422,
        )
    try:
        made = submissions.submit(submitting.plan_id, chosen, submitted_by=member.user_id, session=session)
    except submissions.PlanInvalid as invalid:
        return _check_page(request, view, member, session, chosen, invalid=invalid, status=422)
    except Conflict as refused:  # the timetable does not allow it now, or nothing changed since the last one
        # A refusal by the timetable is explained beside the parts; "nothing changed" beside the declaration.
        target = "refusal" if isinstance(refused, workflow.InvalidTransition) else "declaration"
        return _check_page(request, view, member, session, chosen, error_list=[(refused.detail, target)], status=409)
    # Post/redirect/get: reloading the confirmation never submits twice.
    return RedirectResponse(f"/plans/{submitting.plan_id}/submissions/{made.id}", status_code=303)


def _blocking_summary(
    invalid: submissions.PlanInvalid, stage: SubmissionStage, self_audit_missing: bool
) -> list[tuple[str, str]]:
    """Each part not started and each finding that blocked the submission, linked to its part; then the self-audit."""
    empty = [PartName(part) for part in invalid.extensions.get("not_started", [])]
    found: list[dict[str, Any]] = invalid.extensions.get("findings", [])
    summary = [(not_started_reason(part, stage), part.value) for part in empty]
    # A part not started is named once, above, rather than by every blank its rules found.
    summary += [
        (f"{PART_SHORT_TITLES[PartName(item['part'])]}: {item['message']}", f"{item['part']}-errors")
        for item in found
        if PartName(item["part"]) not in empty
    ]
    return summary + ([(SELF_AUDIT_MISSING, "self-audit")] if self_audit_missing else [])


def _self_audit_required(stage: SubmissionStage, checked: validation.PlanValidation) -> bool:
    """Whether this stage carries the self-audit, as the rules were told (the cycle's setting)."""
    return stage is SubmissionStage.INITIAL and checked.self_audit_required


def _self_audit_missing(stage: SubmissionStage, checked: validation.PlanValidation) -> bool:
    """The page's own words for a missing self-audit: required for this stage and not attached."""
    return _self_audit_required(stage, checked) and not checked.self_audit_attached


@router.get("/plans/{plan_id}/submissions/{submission_id}", response_class=HTMLResponse)
def submission_made(
    submission_id: DbId,
    request: Request,
    view: Viewer,
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """A submission as made: its number, whether it was on time, its documents, and what happens next."""
    submission = submissions.get(id_of(view.plan), submission_id, session=session)
    entry = submitted_entry(submission, session=session)
    context = {
        "caller": caller,
        "view": view,
        "plan_id": id_of(view.plan),
        "entry": entry,
        "submission": submission,
        "parts_text": stage_parts_text(SubmissionStage(submission.stage)),
        "progress": progress.plan_progress(view, session=session),
    }
    return render(request, "submitted.html", context)
