"""Routes for a plan's quarters and the submissions of their returns: make one, read one."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from service.access.guards import Returner, Viewer
from service.api import openapi
from service.api.returns.section_routes import Quarter, ReturnFindingOut
from service.documents.filenames import file_disposition
from service.planning.exports import DOCX, XLSX
from service.planning.timetable import lateness, local_date
from service.platform.deps import SessionDep
from service.platform.errors import NotFound
from service.platform.ids import DbId
from service.returns import overview, reviews, submission_documents
from service.returns.quarters import ensure_reporting
from service.returns.submissions import submission, submit_return
from service.tables.columns import id_of, utc_now
from service.tables.returns import ReturnSubmission

router = APIRouter(tags=["quarterly returns"])


class QuarterOut(BaseModel):
    """A quarter's return: what it covers, when due, how far it has gone and how late its latest submission was."""

    quarter: int
    months: str
    ends: datetime.date
    due: datetime.date
    state: overview.ReturnState
    overdue: bool
    submissions: int
    lateness: str | None
    review_state: reviews.ReviewState = Field(
        description="Where the reviewer's review of the latest submission stands."
    )
    open_questions: int = Field(description="Questions the reviewer asked that are still open.")


class ReturnSubmissionOut(BaseModel):
    """An immutable snapshot of a quarter's return: its sections as sent, their SHA-256, who, when and how late."""

    plan_id: int
    quarter: int
    number: int
    submitted_at: datetime.datetime
    submitted_by: int
    due: datetime.date
    days_late: int
    lateness: str
    sections: dict[str, Any]
    findings: list[ReturnFindingOut]
    content_sha256: str


def submission_out(row: ReturnSubmission) -> ReturnSubmissionOut:
    """API form of a submitted return."""
    return ReturnSubmissionOut(
        **row.model_dump(exclude={"id", "findings"}),
        lateness=lateness(row.days_late),
        findings=[ReturnFindingOut(**finding) for finding in row.findings],
    )


@router.get("/plans/{plan_id}/returns", summary="List the plan's quarterly returns")
def list_returns(view: Viewer, session: SessionDep) -> list[QuarterOut]:
    """The plan year's four quarters: each return's due date, state and lateness."""
    ensure_reporting(view.plan)
    today = local_date(utc_now())
    return [
        QuarterOut(
            quarter=standing.quarter.quarter,
            months=standing.quarter.months,
            ends=standing.quarter.ends,
            due=standing.quarter.due,
            state=standing.state,
            overdue=standing.overdue,
            submissions=standing.submissions,
            lateness=standing.lateness,
            review_state=standing.review.state if standing.review else reviews.ReviewState.NOT_SUBMITTED,
            open_questions=standing.review.open_questions if standing.review else 0,
        )
        for standing in overview.standings(id_of(view.plan), view.cycle, today=today, session=session)
    ]


@router.post("/plans/{plan_id}/returns/{quarter}/submissions", status_code=201, summary="Submit the quarter's return")
def submit(returning: Returner, quarter: Quarter, response: Response, session: SessionDep) -> ReturnSubmissionOut:
    """Snapshot the return if the quarter has ended and the rules find no error; a changed return is the next number."""
    made = submit_return(returning.plan_id, quarter, submitted_by=returning.member.user_id, session=session)
    response.headers["Location"] = f"/api/v1/plans/{returning.plan_id}/returns/{quarter}/submissions/{made.number}"
    return submission_out(made)


@router.get(
    "/plans/{plan_id}/returns/{quarter}/submissions/{number}", summary="Read a submission of the quarter's return"
)
def read_submission(
    view: Viewer, quarter: Quarter, number: Annotated[DbId, Path()], session: SessionDep
) -> ReturnSubmissionOut:
    """One numbered submission of the quarter's return, exactly as it was sent."""
    return submission_out(submission(id_of(view.plan), quarter, number, session=session))


def _file(made: submission_documents.SubmissionFile) -> Response:
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": file_disposition(made.filename), "ETag": f'"{made.sha256}"'},
    )


@router.get(
    "/plans/{plan_id}/returns/{quarter}/submissions/{number}/document",
    summary="Download a submitted return as a Word document",
    response_class=Response,
    responses=openapi.files(DOCX, description="The return as submitted: actions, exceptions, commentary and spend."),
)
def download_return_document(
    view: Viewer, quarter: Quarter, number: Annotated[DbId, Path()], session: SessionDep
) -> Response:
    """The submission as a Word document, made from its snapshot alone: the same bytes every time (ETag: SHA-256)."""
    made = submission(id_of(view.plan), quarter, number, session=session)
    return _file(submission_documents.return_document(view, made, session=session))


@router.get(
    "/plans/{plan_id}/returns/{quarter}/submissions/{number}/spend.xlsx",
    summary="Download a submitted return's spend as a workbook",
    response_class=Response,
    responses=openapi.files(XLSX, description="The quarter's spend as submitted, as live formulas with their values."),
)
def download_spend_workbook(
    view: Viewer, quarter: Quarter, number: Annotated[DbId, Path()], session: SessionDep
) -> Response:
    """The submission's spend against its profile as an Excel workbook, made from its snapshot alone."""
    made = submission(id_of(view.plan), quarter, number, session=session)
    workbook = submission_documents.spend_workbook(view, made)
    if workbook is None:
        raise NotFound(f"Submission {number} of quarter {quarter}'s return kept no spend to make a workbook of.")
    return _file(workbook)
