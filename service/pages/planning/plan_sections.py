"""What the plan page shows beside its parts: the next submission, what was submitted, and the files.

"Submitted" is kept apart from each part's "completed": a part is completed when it has no errors,
and it is submitted only once a submission has carried a snapshot of it.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PART_TITLES, STAGE_PARTS, PartName, SubmissionStage
from service.journey import submissions
from service.planning import exports, plans, timetable, validation, workflow
from service.tables.columns import id_of
from service.tables.journey import Submission
from service.tables.plans import Plan

FORMAT_NAMES = {"docx": "Word", "xlsx": "Excel"}
# Where a final submission is already made and awaits signatures: making it again corrects it.
CORRECTING = frozenset(
    {
        workflow.PlanStatus.FINAL_SUBMITTED,
        workflow.PlanStatus.SIGNED_BY_PARTNERSHIP,
        workflow.PlanStatus.SIGNED_BY_REGION,
    }
)


def stage_parts_text(stage: SubmissionStage) -> str:
    """ "Parts 1 and 4": the parts a stage carries, in words."""
    numbers = [PART_SHORT_TITLES[part].removeprefix("Part ") for part in STAGE_PARTS[stage]]
    return f"Parts {', '.join(numbers[:-1])} and {numbers[-1]}"


def next_stage(plan: Plan) -> SubmissionStage | None:
    """The submission the workflow's transition table allows next from the plan's status, if any."""
    return next((stage for stage, action in workflow.STAGE_ACTIONS.items() if workflow.allows(plan, action)), None)


@dataclass(frozen=True)
class DocumentLink:
    """A part's file to download: which part, in which format, from where."""

    part: PartName
    title: str
    format_name: str
    href: str


def draft_documents(plan_id: int) -> list[DocumentLink]:
    """The current draft of each part as Word or Excel (the API renders them on request)."""
    return [
        DocumentLink(
            part=part,
            title=PART_TITLES[part],
            format_name=FORMAT_NAMES[exports.FORMATS[part][0]],
            href=f"/api/v1/plans/{plan_id}/documents/{part.value}",
        )
        for part in PartName
    ]


@dataclass(frozen=True)
class SubmittedEntry:
    """One submission in the history: the snapshot's number, stage, date, lateness and documents."""

    submission: Submission
    href: str
    documents: list[DocumentLink]

    @property
    def lateness(self) -> str:
        """ "On time" or "3 days late"."""
        return timetable.lateness(self.submission.days_late).capitalize()


def submitted_entry(submission: Submission, *, session: Session) -> SubmittedEntry:
    """A submission with links to the documents rendered when it was made, in plan order."""
    plan_id = submission.plan_id
    base = f"/api/v1/plans/{plan_id}/submissions/{submission.id}/documents"
    stored = {document.part for document in submissions.documents_of(id_of(submission), session=session)}
    documents = [
        DocumentLink(part, PART_TITLES[part], FORMAT_NAMES[exports.FORMATS[part][0]], f"{base}/{part.value}")
        for part in PartName
        if part.value in stored
    ]
    return SubmittedEntry(submission, f"/plans/{plan_id}/submissions/{submission.id}", documents)


def submission_history(plan_id: int, *, session: Session) -> list[SubmittedEntry]:
    """Every submission of the plan, newest first, as the plan page and the review page both show it."""
    return [
        submitted_entry(submission, session=session)
        for submission in reversed(submissions.list_for(plan_id, session=session))
    ]


@dataclass(frozen=True)
class NextSubmission:
    """The submission the plan is waiting for, and what (if anything) stops it going now."""

    stage: SubmissionStage
    parts_text: str
    href: str
    blocking: tuple[str, ...]
    correction: bool = False  # the final submission is made: another one only corrects it


def next_submission(view: plans.PlanView, checked: validation.PlanValidation) -> NextSubmission | None:
    """The next submission and its readiness, as the domain judges it; None while none is possible."""
    stage = next_stage(view.plan)
    if stage is None:
        return None
    plan_id = id_of(view.plan)
    blocking = checked.stages[stage].blocking
    correction = workflow.status_of(view.plan) in CORRECTING
    href = f"/plans/{plan_id}/submit/{stage.value}"
    return NextSubmission(stage, stage_parts_text(stage), href, blocking, correction)


def plan_sections(view: plans.PlanView, checked: validation.PlanValidation, *, session: Session) -> dict[str, Any]:
    """The context of templates/_plan_sections.html, given the plan's validation."""
    plan_id = id_of(view.plan)
    return {
        "next_submission": next_submission(view, checked),
        "history": submission_history(plan_id, session=session) if workflow.has_submitted(view.plan) else [],
        "drafts": draft_documents(plan_id),
    }
