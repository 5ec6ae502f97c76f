"""Routes for the panel and sign-off: assessments, comments, signatures, reopening, publication, targets."""

import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from plan_schema.decimals import decimal_json_schema
from plan_schema.target_numbers import MAX_PLANNED_CHANGE_PCT, MIN_PLANNED_CHANGE_PCT
from plan_schema.text import NON_BLANK_TEXT_PATTERN, Narrative, NonBlankNarrative, PointerText
from plan_schema.vocabulary import PartName, SubmissionStage
from service.access.guards import (
    Assessor,
    BaselineEnterer,
    Discussant,
    Publisher,
    Reopener,
    Signatory,
    TargetConfirmer,
    TargetRecorder,
    Viewer,
)
from service.journey import agreed_targets, reviews, sign_off
from service.planning import workflow
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import AgreedTargets, Comment

router = APIRouter(tags=["review and sign-off"])


# What agreed_targets checks, stated in the schema: each target a planned change from -100% to +500%.
AgreedPct = Annotated[
    Decimal,
    decimal_json_schema(
        minimum=int(MIN_PLANNED_CHANGE_PCT),
        maximum=int(MAX_PLANNED_CHANGE_PCT),
        places=None,
        string_pattern=r"^(-100(\.0+)?|-\d{1,2}(\.\d+)?|500(\.0+)?|[0-4]?\d{1,2}(\.\d+)?)$",
    ),
]


class AnchoredComment(BaseModel):
    """A comment on one field of one part."""

    model_config = ConfigDict(extra="forbid")

    part: PartName
    path: PointerText = Field("", description="JSON Pointer into the part, e.g. /table_1/1/police.")
    body: NonBlankNarrative


class AssessmentRequest(BaseModel):
    """The panel's decision on the submission awaiting it: the initial one, or a final one with revisions."""

    # Requesting revisions needs a comment saying what to revise (reviews.assess refuses it without).
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "if": {
                "required": ["decision"],
                "properties": {"decision": {"const": reviews.Decision.REVISIONS_REQUESTED.value}},
            },
            "then": {"required": ["comment"], "properties": {"comment": {"pattern": NON_BLANK_TEXT_PATTERN}}},
        },
    )

    decision: reviews.Decision
    comment: Narrative = ""
    comments: list[AnchoredComment] = Field(default_factory=list, max_length=200)


class AssessmentOut(BaseModel):
    """A recorded decision, and the submission it was about."""

    id: int
    submission_id: int
    submission_number: int
    stage: SubmissionStage
    decision: reviews.Decision
    label: str = Field(description='The decision in words: "Accepted", "Revisions accepted"…')
    comment: str
    assessed_by: int
    assessed_at: datetime.datetime


class CommentRequest(BaseModel):
    """A new comment on a field, or a reply to a comment."""

    model_config = ConfigDict(extra="forbid")

    body: NonBlankNarrative
    part: PartName | None = None
    path: PointerText | None = None
    reply_to: DbId | None = None


class CommentOut(BaseModel):
    """A comment or reply."""

    id: int
    reply_to: int | None
    submission_id: int | None
    part: str | None
    path: str | None
    body: str
    author_id: int
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    resolved_by: int | None


class SignOffOut(BaseModel):
    """A signature and where the plan now stands."""

    side: str
    signed_by: int
    signed_at: datetime.datetime
    status: workflow.PlanStatus


class ReopenRequest(BaseModel):
    """Why a signed-off plan is reopened."""

    model_config = ConfigDict(extra="forbid")

    reason: NonBlankNarrative


class TargetsRequest(BaseModel):
    """The agreed % planned change per indicator (1.1 and 1.2)."""

    model_config = ConfigDict(extra="forbid")

    planned_change_pct: Annotated[dict[str, AgreedPct], Field(json_schema_extra=agreed_targets.ONLY_AGREED_INDICATORS)]


class TargetsOut(BaseModel):
    """Agreed targets: %, who recorded and confirmed them, baselines and targets as numbers."""

    planned_change_pct: dict[str, str]
    recorded_by: int | None
    recorded_at: datetime.datetime | None
    confirmed_by: int | None
    confirmed_at: datetime.datetime | None
    baselines: dict[str, int]
    targets_as_numbers: dict[str, int]


def assessment_out(panel: reviews.PanelAssessment) -> AssessmentOut:
    """API form of an assessment."""
    assessment = panel.assessment
    return AssessmentOut(
        id=id_of(assessment),
        submission_id=assessment.submission_id,
        submission_number=panel.submission.number,
        stage=SubmissionStage(panel.submission.stage),
        decision=panel.decision,
        label=panel.label,
        comment=assessment.comment,
        assessed_by=assessment.assessed_by,
        assessed_at=assessment.assessed_at,
    )


def _comment_out(comment: Comment) -> CommentOut:
    return CommentOut.model_validate(comment, from_attributes=True)


def _targets_out(targets: AgreedTargets) -> TargetsOut:
    return TargetsOut(
        **targets.model_dump(include=set(TargetsOut.model_fields) - {"targets_as_numbers"}),
        targets_as_numbers=agreed_targets.numbers(targets),
    )


@router.post("/plans/{plan_id}/assessments", status_code=201, summary="Record the panel's assessment")
def assess(body: AssessmentRequest, reviewer: Assessor, session: SessionDep) -> AssessmentOut:
    """Accept the submission awaiting assessment, or request revisions (a comment is then required).

    After revisions were requested, the final submission awaits assessment too: accepting it (the
    revisions) lets both sides sign; requesting revisions again sends it back to the partnership.
    """
    anchored = [(comment.part, comment.path, comment.body) for comment in body.comments]
    assessment = reviews.assess(
        reviewer.plan_id, body.decision, body.comment, anchored, reviewer=reviewer.member, session=session
    )
    return assessment_out(assessment)


@router.get("/plans/{plan_id}/assessments", summary="The panel's assessments")
def list_assessments(view: Viewer, session: SessionDep) -> list[AssessmentOut]:
    """Every decision, oldest first: the last is the panel's current view."""
    return [assessment_out(panel) for panel in reviews.panel_assessments(id_of(view.plan), session=session)]


@router.post("/plans/{plan_id}/comments", status_code=201, summary="Comment, or reply to a comment")
def add_comment(body: CommentRequest, by: Discussant, session: SessionDep) -> CommentOut:
    """A comment anchored to a part and field, or a reply in a comment's thread."""
    comment = reviews.add_comment(
        by.plan_id, body.body, author=by.member, session=session, part=body.part, path=body.path, reply_to=body.reply_to
    )
    return _comment_out(comment)


@router.get("/plans/{plan_id}/comments", summary="Comments and replies")
def list_comments(view: Viewer, session: SessionDep) -> list[CommentOut]:
    """Every comment and reply, oldest first, resolved ones included."""
    return [_comment_out(c) for c in reviews.comments_of(id_of(view.plan), session=session)]


@router.post("/plans/{plan_id}/comments/{comment_id}/resolution", summary="Resolve a comment")
def resolve_comment(comment_id: DbId, by: Discussant, session: SessionDep) -> CommentOut:
    """Either side marks a comment resolved; the comment stays in the history."""
    return _comment_out(reviews.resolve(by.plan_id, comment_id, by=by.member, session=session))


@router.post("/plans/{plan_id}/sign-offs", status_code=201, summary="Sign off the final submission")
def sign(signer: Signatory, session: SessionDep) -> SignOffOut:
    """A planner signs for the partnership, a reviewer for the region; both signatures lock the plan."""
    action = sign_off.SIGNING_ACTIONS[signer.member.role]
    signature = sign_off.sign(signer.plan_id, action, signer=signer.member, session=session)
    return SignOffOut(
        side=signature.side,
        signed_by=signature.signed_by,
        signed_at=signature.signed_at,
        status=workflow.status_of(signer.view.plan),
    )


@router.post("/plans/{plan_id}/reopenings", status_code=201, summary="Reopen a signed-off plan")
def reopen(body: ReopenRequest, by: Reopener, session: SessionDep) -> dict[str, str]:
    """Before publication, with a reason that is kept; the planner then submits again."""
    sign_off.reopen(by.plan_id, body.reason, by=by.member, session=session)
    return {"status": workflow.status_of(by.view.plan).value}


@router.post("/plans/{plan_id}/publication", status_code=201, summary="Publish a signed-off plan")
def publish(by: Publisher, session: SessionDep) -> dict[str, str]:
    """Parts 1, 2 and 4 of the signed-off submission become public."""
    publication = sign_off.publish(by.plan_id, by=by.member, session=session)
    return {
        "status": workflow.status_of(by.view.plan).value,
        "public_url": f"/api/v1/public/plans/{publication.plan_id}",
    }


@router.get("/plans/{plan_id}/agreed-targets", summary="Agreed targets")
def read_targets(view: Viewer, session: SessionDep) -> TargetsOut:
    """The agreed % per indicator, and once baselines are in, the targets as numbers of people."""
    return _targets_out(agreed_targets.current(id_of(view.plan), session=session))


@router.put("/plans/{plan_id}/agreed-targets", summary="Record agreed targets")
def record_targets(body: TargetsRequest, reviewer: TargetRecorder, session: SessionDep) -> TargetsOut:
    """The reviewer records the % change agreed for indicators 1.1 and 1.2 (by the end of May)."""
    targets = agreed_targets.record(
        reviewer.plan_id, body.planned_change_pct, reviewer=reviewer.member, session=session
    )
    return _targets_out(targets)


@router.post("/plans/{plan_id}/agreed-targets/confirmation", summary="Confirm agreed targets")
def confirm_targets(planner: TargetConfirmer, session: SessionDep) -> TargetsOut:
    """The planner confirms what the reviewer recorded."""
    return _targets_out(agreed_targets.confirm(planner.plan_id, planner=planner.member, session=session))


@router.put("/plans/{plan_id}/baselines", summary="Enter annualised baselines")
def enter_baselines(body: agreed_targets.BaselinesRequest, admin: BaselineEnterer, session: SessionDep) -> TargetsOut:
    """The annualised 2007/08 figures (August): the agreed % become numbers of people."""
    targets = agreed_targets.enter_baselines(admin.plan_id, body.baselines, admin=admin.member, session=session)
    return _targets_out(targets)
