"""Routes for the reviewer's review of a quarter's return: where it stands, questions anchored to what the
latest submission holds, replies, resolutions and acceptance."""

import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.text import NonBlankNarrative, ShortText
from service.access.guards import QuestionReplier, ReturnReviewer, Viewer
from service.api.returns.section_routes import Quarter
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.returns import review_actions, reviews
from service.returns.anchors import Anchor
from service.returns.quarters import ensure_reporting
from service.tables.columns import id_of
from service.tables.return_reviews import AnchorKind, ClosedHow, ReturnQuestionReply

router = APIRouter(tags=["quarterly returns"])
QuestionId = Annotated[DbId, Path(description="The question's id, as asking it answered.")]
SubmissionNumber = Annotated[
    DbId, Field(description="The number of the submission reviewed: it must be the return's latest.")
]


class ActionAnchorIn(BaseModel):
    """A Part 3 action, by its reference in the submission's actions section."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["action"]
    action: Annotated[str, Field(pattern=r"^\d{1,3}\.\d{1,3}\.\d{1,3}$", description='Its reference, e.g. "1.2.3".')]


class MetricAnchorIn(BaseModel):
    """A scorecard metric, by its code in the submission's exceptions section."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["metric"]
    metric: Annotated[
        str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", description='Its code, e.g. "OF-16".')
    ]


class SpendCellAnchorIn(BaseModel):
    """A cell of the quarter's spend grid: a Table 2 funding source (column) and a category (row)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["spend-cell"]
    source: Annotated[str, Field(json_schema_extra={"enum": list(SOURCE_FIELDS)}, description="The source's field.")]
    category: Annotated[ShortText, Field(min_length=1, description="The category as the submission's grid names it.")]


AnchorIn = Annotated[ActionAnchorIn | MetricAnchorIn | SpendCellAnchorIn, Field(discriminator="kind")]


class QuestionRequest(BaseModel):
    """A question on one thing the return's latest submission holds."""

    model_config = ConfigDict(extra="forbid")

    submission: SubmissionNumber
    anchor: AnchorIn
    body: NonBlankNarrative


class ReplyRequest(BaseModel):
    """A reply in a question's thread."""

    model_config = ConfigDict(extra="forbid")

    body: NonBlankNarrative


class AcceptanceRequest(BaseModel):
    """The reviewer's acceptance of the return's latest submission, named so a newer one is never accepted unseen."""

    model_config = ConfigDict(extra="forbid")

    submission: SubmissionNumber


class AnchorOut(BaseModel):
    """What a question is about: `action`, `metric`, or `source` and `category`, by its kind."""

    kind: AnchorKind
    action: str | None = None
    metric: str | None = None
    source: str | None = None
    category: str | None = None


class ReplyOut(BaseModel):
    """A reply, as written, with who and when: never changed."""

    id: int
    question_id: int
    body: str
    author_id: int
    created_at: datetime.datetime


class QuestionOut(BaseModel):
    """A question, the submission it was asked on, its replies, and whether and how its thread is closed."""

    id: int
    plan_id: int
    quarter: int
    asked_on_submission: int
    anchor: AnchorOut
    body: str
    asked_by: int
    asked_at: datetime.datetime
    open: bool
    closed_at: datetime.datetime | None
    closed_by: int | None
    closed_how: ClosedHow | None = Field(description="resolved by the reviewer, or closed by accepting the return")
    replies: list[ReplyOut]


class AcceptanceOut(BaseModel):
    """A submission the reviewer accepted: which, who and when."""

    submission: int
    accepted_by: int
    accepted_at: datetime.datetime


class ReviewOut(BaseModel):
    """Where the review of a quarter's return stands, and every acceptance of its submissions."""

    plan_id: int
    quarter: int
    state: reviews.ReviewState
    state_label: str
    latest_submission: int | None
    open_questions: int
    questions: int
    accepted_submission: int | None = Field(description="The newest accepted submission, even if one came after it.")
    acceptances: list[AcceptanceOut]


def _anchor_out(anchor: Anchor) -> AnchorOut:
    if anchor.kind is AnchorKind.ACTION:
        return AnchorOut(kind=anchor.kind, action=anchor.key)
    if anchor.kind is AnchorKind.METRIC:
        return AnchorOut(kind=anchor.kind, metric=anchor.key)
    return AnchorOut(kind=anchor.kind, source=anchor.key, category=anchor.category)


def _anchor_in(anchor: ActionAnchorIn | MetricAnchorIn | SpendCellAnchorIn) -> Anchor:
    if isinstance(anchor, ActionAnchorIn):
        return Anchor(AnchorKind.ACTION, anchor.action)
    if isinstance(anchor, MetricAnchorIn):
        return Anchor(AnchorKind.METRIC, anchor.metric)
    return Anchor(AnchorKind.SPEND_CELL, anchor.source, anchor.category)


def _reply_out(reply: ReturnQuestionReply) -> ReplyOut:
    return ReplyOut.model_validate(reply, from_attributes=True)


def question_out(thread: reviews.Thread) -> QuestionOut:
    """API form of a question's thread."""
    question = thread.question
    return QuestionOut(
        id=id_of(question),
        plan_id=question.plan_id,
        quarter=question.quarter,
        asked_on_submission=thread.asked_on,
        anchor=_anchor_out(thread.anchor),
        body=question.body,
        asked_by=question.asked_by,
        asked_at=question.asked_at,
        open=thread.is_open,
        closed_at=question.closed_at,
        closed_by=question.closed_by,
        closed_how=thread.closed_how,
        replies=[_reply_out(reply) for reply in thread.replies],
    )


def _acceptance_out(acceptance: reviews.Acceptance) -> AcceptanceOut:
    return AcceptanceOut(
        submission=acceptance.submission, accepted_by=acceptance.accepted_by, accepted_at=acceptance.accepted_at
    )


@router.get("/plans/{plan_id}/returns/{quarter}/review", summary="Where the review of the quarter's return stands")
def read_review(view: Viewer, quarter: Quarter, session: SessionDep) -> ReviewOut:
    """Submitted, questions open or accepted (of the latest submission), open questions, and every acceptance."""
    ensure_reporting(view.plan)
    plan_id = id_of(view.plan)
    summary = reviews.review_summary(plan_id, quarter, session=session)
    return ReviewOut(
        plan_id=plan_id,
        quarter=quarter,
        state=summary.state,
        state_label=summary.state_label,
        latest_submission=summary.latest_submission,
        open_questions=summary.open_questions,
        questions=summary.questions,
        accepted_submission=summary.accepted_submission,
        acceptances=[_acceptance_out(a) for a in reviews.acceptances_of(plan_id, quarter, session=session)],
    )


@router.post(
    "/plans/{plan_id}/returns/{quarter}/acceptance", status_code=201, summary="Accept the return's latest submission"
)
def accept(body: AcceptanceRequest, reviewer: ReturnReviewer, quarter: Quarter, session: SessionDep) -> AcceptanceOut:
    """Accept the submission named, which must be the latest; every question still open on the return is closed."""
    made = review_actions.accept(reviewer.plan_id, quarter, body.submission, by=reviewer.member, session=session)
    return _acceptance_out(made)


@router.get("/plans/{plan_id}/returns/{quarter}/questions", summary="The questions on the quarter's return")
def list_questions(view: Viewer, quarter: Quarter, session: SessionDep) -> list[QuestionOut]:
    """Every question, open or closed, oldest first, each with the submission it was asked on and its replies."""
    ensure_reporting(view.plan)
    return [question_out(t) for t in reviews.threads_of(id_of(view.plan), quarter, session=session)]


@router.post("/plans/{plan_id}/returns/{quarter}/questions", status_code=201, summary="Ask a question on the return")
def ask(
    body: QuestionRequest, reviewer: ReturnReviewer, quarter: Quarter, response: Response, session: SessionDep
) -> QuestionOut:
    """A question anchored to an action, a metric or a spend cell that the latest submission holds."""
    thread = review_actions.ask(
        reviewer.plan_id,
        quarter,
        body.submission,
        _anchor_in(body.anchor),
        body.body,
        by=reviewer.member,
        session=session,
    )
    response.headers["Location"] = (
        f"/api/v1/plans/{reviewer.plan_id}/returns/{quarter}/questions/{id_of(thread.question)}"
    )
    return question_out(thread)


@router.get("/plans/{plan_id}/returns/{quarter}/questions/{question_id}", summary="Read a question and its replies")
def read_question(view: Viewer, quarter: Quarter, question_id: QuestionId, session: SessionDep) -> QuestionOut:
    """One question of the return with its replies."""
    ensure_reporting(view.plan)
    return question_out(reviews.thread_of(id_of(view.plan), quarter, question_id, session=session))


@router.post(
    "/plans/{plan_id}/returns/{quarter}/questions/{question_id}/replies",
    status_code=201,
    summary="Reply to a question on the return",
)
def reply(
    body: ReplyRequest, by: QuestionReplier, quarter: Quarter, question_id: QuestionId, session: SessionDep
) -> ReplyOut:
    """A reply in an open question's thread: planners answer any, finance officers those on spend cells."""
    made = review_actions.reply(by.plan_id, quarter, question_id, body.body, by=by.member, session=session)
    return _reply_out(made)


@router.post(
    "/plans/{plan_id}/returns/{quarter}/questions/{question_id}/resolution", summary="Mark a question resolved"
)
def resolve(reviewer: ReturnReviewer, quarter: Quarter, question_id: QuestionId, session: SessionDep) -> QuestionOut:
    """Close the question's thread as resolved; one already closed is answered as it was closed."""
    return question_out(
        review_actions.resolve(reviewer.plan_id, quarter, question_id, by=reviewer.member, session=session)
    )
