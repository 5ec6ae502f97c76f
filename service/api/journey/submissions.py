"""Routes for submissions: make one (idempotently), list, read, download its documents, compare two."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from plan_schema.vocabulary import PartName, SubmissionStage
from service.access.guards import Submitter, Viewer
from service.api import openapi
from service.api.idempotency import IdempotencyKey
from service.api.journey.review import AssessmentOut, assessment_out
from service.documents.context import one_line
from service.documents.filenames import document_filename, file_disposition
from service.journey import snapshot_diff, submissions
from service.journey.progress import plan_progress
from service.planning import exports, workflow
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import Submission

router = APIRouter(tags=["submissions"])


class SubmissionRequest(BaseModel):
    """Which stage to submit."""

    model_config = ConfigDict(extra="forbid")

    stage: SubmissionStage


class DocumentLink(BaseModel):
    """A document rendered when the submission was made."""

    part: PartName
    filename: str
    media_type: str
    sha256: str
    href: str


class SubmissionSummary(BaseModel):
    """A submission without its contents."""

    id: int
    number: int
    stage: SubmissionStage
    submitted_at: datetime.datetime
    submitted_by: int
    due: datetime.date
    late: bool
    days_late: int
    content_sha256: str


class SubmissionOut(SubmissionSummary):
    """A submission: the snapshot of its parts, their findings, and its documents."""

    parts: dict[str, Any]
    findings: list[dict[str, Any]]
    documents: list[DocumentLink]


def summary_out(submission: Submission) -> SubmissionSummary:
    """API form of a submission, without contents."""
    return SubmissionSummary(
        id=id_of(submission),
        number=submission.number,
        stage=SubmissionStage(submission.stage),
        submitted_at=submission.submitted_at,
        submitted_by=submission.submitted_by,
        due=submission.due,
        late=submission.days_late > 0,
        days_late=submission.days_late,
        content_sha256=submission.content_sha256,
    )


def submission_out(submission: Submission, session: SessionDep) -> SubmissionOut:
    """API form of a submission with its snapshot and documents."""
    base = f"/api/v1/plans/{submission.plan_id}/submissions/{submission.id}/documents"
    documents = [
        DocumentLink(
            part=PartName(document.part),
            filename=document.filename,
            media_type=document.media_type,
            sha256=document.sha256,
            href=f"{base}/{document.part}",
        )
        for document in submissions.documents_of(id_of(submission), session=session)
    ]
    return SubmissionOut(
        **summary_out(submission).model_dump(),
        parts=submission.parts,
        findings=submission.findings,
        documents=documents,
    )


@router.post("/plans/{plan_id}/submissions", status_code=201, summary="Submit a plan")
def submit(body: SubmissionRequest, submitter: Submitter, session: SessionDep, idempotency: IdempotencyKey) -> Response:
    """Snapshot the parts the stage carries (initial: Parts 1 and 4; final: all four), if started and error-free.

    Send an `Idempotency-Key` header to make retries safe: a retry returns the original result.
    """
    member = submitter.member
    submission = submissions.submit(submitter.plan_id, body.stage, submitted_by=member.user_id, session=session)
    payload = submission_out(submission, session).model_dump(mode="json")
    idempotency.complete(201, payload, session=session)
    location = f"/api/v1/plans/{submitter.plan_id}/submissions/{submission.id}"
    return JSONResponse(payload, status_code=201, headers={"Location": location})


@router.get("/plans/{plan_id}/submissions", summary="List a plan's submissions")
def list_submissions(view: Viewer, session: SessionDep) -> list[SubmissionSummary]:
    """Every submission of the plan, oldest first."""
    return [summary_out(submission) for submission in submissions.list_for(id_of(view.plan), session=session)]


@router.get("/plans/{plan_id}/submissions/{submission_id}", summary="Read a submission")
def read_submission(submission_id: DbId, view: Viewer, session: SessionDep) -> SubmissionOut:
    """The snapshot as submitted, with its findings and the documents rendered then."""
    return submission_out(submissions.get(id_of(view.plan), submission_id, session=session), session)


@router.get(
    "/plans/{plan_id}/submissions/{submission_id}/documents/{part}",
    summary="Download a submitted document",
    response_class=Response,
    responses=openapi.files(exports.DOCX, exports.XLSX, description="Parts 1-3 as Word, Part 4 as Excel."),
)
def download_document(submission_id: DbId, part: PartName, view: Viewer, session: SessionDep) -> Response:
    """The Word or Excel file exactly as rendered at submission (its SHA-256 is in the ETag)."""
    submission = submissions.get(id_of(view.plan), submission_id, session=session)
    document = submissions.document(id_of(submission), part, session=session)
    extension = document.filename.rsplit(".", 1)[-1]
    label = submissions.submitted_as(submission).label
    name = document_filename(one_line(view.partnership.name), view.cycle.plan_year, part, label, extension)
    disposition = file_disposition(name)
    return Response(
        document.content,
        media_type=document.media_type,
        headers={"Content-Disposition": disposition, "ETag": f'"{document.sha256}"'},
    )


class ChangeOut(BaseModel):
    """One field that differs between two submissions."""

    part: str
    path: str
    change: str
    before: Any
    after: Any


class DiffOut(BaseModel):
    """What changed between two submissions, field by field."""

    from_submission: int
    to_submission: int
    counts: dict[str, int]
    changes: list[ChangeOut]


@router.get("/plans/{plan_id}/diff", summary="Compare two submissions")
def compare(
    view: Viewer,
    session: SessionDep,
    from_submission: Annotated[DbId | None, Query(alias="from")] = None,
    to_submission: Annotated[DbId | None, Query(alias="to")] = None,
) -> DiffOut:
    """Per-field changes; by default from the latest initial to the latest final submission."""
    plan_id = id_of(view.plan)
    before, after = submissions.compared(plan_id, from_submission, to_submission, session=session)
    changes = snapshot_diff.diff_parts(before.parts, after.parts)
    return DiffOut(
        from_submission=id_of(before),
        to_submission=id_of(after),
        counts=snapshot_diff.summarise(changes),
        changes=[ChangeOut(**vars(change)) for change in changes],
    )


class ProgressOut(BaseModel):
    """Where a plan is on the timetable and what is due next."""

    status: workflow.PlanStatus
    label: str
    next_deadline: str | None
    next_deadline_due: datetime.date | None
    days_left: int | None
    deadline_text: str | None
    latest_submission: SubmissionSummary | None
    panel_assessment: AssessmentOut | None = Field(description="The panel's latest assessment: its current view.")


@router.get("/plans/{plan_id}/progress", summary="Status and next deadline")
def progress(view: Viewer, session: SessionDep) -> ProgressOut:
    """The plan's status, its next deadline (due in N days or overdue by N days), its latest submission."""
    found = plan_progress(view, session=session)
    return ProgressOut(
        status=found.status,
        label=found.label,
        next_deadline=found.deadline.what if found.deadline else None,
        next_deadline_due=found.deadline.due if found.deadline else None,
        days_left=found.days_left,
        deadline_text=found.deadline_text,
        latest_submission=summary_out(found.latest) if found.latest else None,
        panel_assessment=assessment_out(found.assessment) if found.assessment else None,
    )
