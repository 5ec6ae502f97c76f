"""The regional panel's assessments (of the initial submission, and of a final one made after revisions
were requested), and comments anchored to fields."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from plan_schema.vocabulary import PartName, SubmissionStage
from service.access import audit
from service.access.identity import Member
from service.access.plan_rows import PlanFact
from service.notifications import events
from service.planning import plans, submitted, workflow
from service.platform.errors import Conflict, InvalidInput, NotFound
from service.tables.columns import id_of, utc_now
from service.tables.journey import Assessment, Comment, Submission
from service.tables.plans import Plan


class Decision(StrEnum):
    """What the panel decides about the submission awaiting its assessment."""

    ACCEPTED = "accepted"
    REVISIONS_REQUESTED = "revisions-requested"


DECISION_ACTIONS = {
    Decision.ACCEPTED: workflow.Action.ACCEPT,
    Decision.REVISIONS_REQUESTED: workflow.Action.REQUEST_REVISIONS,
}
# A decision in words, by the stage of the submission it was about: on a final submission the panel
# is assessing the revisions it asked for.
DECISION_LABELS: dict[tuple[SubmissionStage, Decision], str] = {
    (SubmissionStage.INITIAL, Decision.ACCEPTED): "Accepted",
    (SubmissionStage.INITIAL, Decision.REVISIONS_REQUESTED): "Revisions requested",
    (SubmissionStage.FINAL, Decision.ACCEPTED): "Revisions accepted",
    (SubmissionStage.FINAL, Decision.REVISIONS_REQUESTED): "Further revisions requested",
}


def decision_choices(stage: SubmissionStage) -> list[tuple[str, str]]:
    """The decisions the panel can make about a submission of this stage, as (value, words)."""
    return [(decision.value, DECISION_LABELS[stage, decision]) for decision in Decision]


@dataclass(frozen=True)
class PanelAssessment:
    """An assessment and the submission it assessed."""

    assessment: Assessment
    submission: Submission

    @property
    def label(self) -> str:
        """The decision in words: "Revisions accepted", "Revisions requested"…"""
        return DECISION_LABELS[SubmissionStage(self.submission.stage), Decision(self.assessment.decision)]

    @property
    def decision(self) -> Decision:
        """What the panel decided."""
        return Decision(self.assessment.decision)


class NothingToAssess(Conflict):
    """An assessment with no submission to assess (the table allows none without one)."""


def check_decision(decision: Decision, comment: str) -> None:
    """Refuse a decision that lacks what it needs: revisions requested say what needs revising."""
    if decision is Decision.REVISIONS_REQUESTED and not comment.strip():
        raise InvalidInput.at("/comment", "say what needs revising: a comment is required when revisions are requested")


def assess(
    plan_id: int,
    decision: Decision,
    comment: str,
    anchored: Sequence[tuple[PartName, str, str]],
    *,
    reviewer: Member,
    session: Session,
) -> PanelAssessment:
    """Record the panel's decision on the submission awaiting it, with any field comments.

    That is the latest submission: the one that put the plan in a state awaiting assessment (the initial
    submission, or a final one made after revisions were requested), and the assessment names it.
    """
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, DECISION_ACTIONS[decision])
    check_decision(decision, comment)
    newest = submitted.latest(plan_id, session=session)
    if newest is None:
        raise NothingToAssess("The plan has no submission for the panel to assess.")
    assessment = Assessment(
        plan_id=plan_id,
        submission_id=id_of(newest),
        decision=decision.value,
        comment=comment,
        assessed_by=reviewer.user_id,
    )
    session.add(assessment)
    for part, path, body in anchored:
        add_comment(
            plan_id, body, author=reviewer, session=session, part=part, path=path, submission_id=newest.id, tell=False
        )
    status = workflow.advance(plan, DECISION_ACTIONS[decision], session=session)
    audit.record(
        "panel-assessment",
        session=session,
        user_id=reviewer.user_id,
        object_type="plan",
        object_id=plan_id,
        decision=decision.value,
        submission=newest.number,
    )
    view = plans.get_plan(plan_id, session=session)
    events.plan_assessed(view, assessment, newest, status, field_comments=len(anchored), session=session)
    return PanelAssessment(assessment, newest)


def panel_assessments(plan_id: int, *, session: Session) -> list[PanelAssessment]:
    """Every assessment of a plan with the submission it assessed, oldest first: the history is never overwritten."""
    query = (
        select(Assessment, Submission)
        .join(Submission, col(Assessment.submission_id) == col(Submission.id))
        .where(Assessment.plan_id == plan_id)
        .order_by(col(Assessment.assessed_at), col(Assessment.id))
    )
    return [PanelAssessment(assessment, submission) for assessment, submission in session.exec(query).all()]


# Built once, as every page showing a plan asks: building a statement costs more than running it.
_LATEST_ASSESSMENT = (
    select(Assessment, Submission)
    .join(Submission, col(Assessment.submission_id) == col(Submission.id))
    .where(col(Assessment.plan_id) == bindparam("plan_id"))
    .order_by(col(Assessment.assessed_at).desc(), col(Assessment.id).desc())
)


def latest_assessment(plan_id: int, *, session: Session) -> PanelAssessment | None:
    """The panel's current view of the plan: its newest assessment, or None before any."""
    row = session.exec(_LATEST_ASSESSMENT, params={"plan_id": plan_id}).first()
    return PanelAssessment(*row) if row else None


_ASSESSED = aliased(Submission)
# The plan's newest submission and newest assessment (with what it assessed) side by side, each as
# submitted.latest and latest_assessment choose it: one query where every page showing a plan made two.
_NEWEST = (
    select(Submission, Assessment, _ASSESSED)
    .select_from(Plan)
    .outerjoin(Submission, col(Submission.id) == submitted.newest_id())
    .outerjoin(
        Assessment,
        col(Assessment.id)
        == _LATEST_ASSESSMENT.with_only_columns(col(Assessment.id)).limit(1).correlate(None).scalar_subquery(),
    )
    .outerjoin(_ASSESSED, col(_ASSESSED.id) == col(Assessment.submission_id))
    .where(col(Plan.id) == bindparam("plan_id"))
)


def newest(plan_id: int, *, session: Session) -> tuple[Submission | None, PanelAssessment | None]:
    """submitted.latest and latest_assessment of a plan, read together."""
    row = session.exec(_NEWEST, params={"plan_id": plan_id}).first()
    if row is None:
        return None, None
    latest, assessment, assessed = row
    return latest, PanelAssessment(assessment, assessed) if assessment is not None and assessed is not None else None


def add_comment(
    plan_id: int,
    body: str,
    *,
    author: Member,
    session: Session,
    part: PartName | None = None,
    path: str | None = None,
    reply_to: int | None = None,
    submission_id: int | None = None,
    tell: bool = True,
) -> Comment:
    """A comment on a part's field, or a reply (which takes its thread's anchor).

    Those it concerns are told (`tell`), unless the comment is part of the panel's assessment, whose message counts it.
    """
    if not body.strip():
        raise InvalidInput.at("/body", "a comment needs some text")
    if reply_to is not None:
        parent = comment_of(plan_id, reply_to, session=session)
        part, path, submission_id = PartName(parent.part) if parent.part else None, parent.path, parent.submission_id
    if path is not None and path and not path.startswith("/"):
        raise InvalidInput.at("/path", "is a JSON Pointer into the part, such as /table_1/1/police")
    comment = Comment(
        plan_id=plan_id,
        submission_id=submission_id,
        reply_to=reply_to,
        part=part.value if part else None,
        path=path,
        body=body,
        author_id=author.user_id,
    )
    session.add(comment)
    session.flush()
    audit.record(
        "comment-added",
        session=session,
        user_id=author.user_id,
        object_type="plan",
        object_id=plan_id,
        comment=comment.id,
        part=comment.part,
        path=path,
    )
    if tell:
        events.commented(plans.get_plan(plan_id, session=session), comment, session=session)
    return comment


def comment_of(plan_id: int, comment_id: int, *, session: Session) -> Comment:
    """One of a plan's comments."""
    comment = session.get(Comment, comment_id)
    if comment is None or comment.plan_id != plan_id:
        raise NotFound(f"Plan {plan_id} has no comment {comment_id}.")
    return comment


def resolve(plan_id: int, comment_id: int, *, by: Member, session: Session) -> Comment:
    """Mark a comment resolved (once; the comment itself is never changed)."""
    comment = comment_of(plan_id, comment_id, session=session)
    if comment.resolved_at is None:
        comment.resolved_at = utc_now()
        comment.resolved_by = by.user_id
        session.add(comment)
        session.flush()
        audit.record(
            "comment-resolved",
            session=session,
            user_id=by.user_id,
            object_type="plan",
            object_id=plan_id,
            comment=comment_id,
        )
    return comment


_COMMENTS = select(Comment).where(col(Comment.plan_id) == bindparam("plan_id")).order_by(col(Comment.id))


def comments_of(plan_id: int, *, session: Session) -> Sequence[Comment]:
    """All of a plan's comments and replies, oldest first."""
    return session.exec(_COMMENTS, params={"plan_id": plan_id}).all()


def _open_on(plan_id: Any) -> SelectOfScalar[Comment]:
    """A plan's open comments: not resolved, and not replies (a reply is part of its comment's thread)."""
    return select(Comment).where(
        col(Comment.plan_id) == plan_id, col(Comment.reply_to).is_(None), col(Comment.resolved_at).is_(None)
    )


ANY_OPEN_COMMENT = PlanFact("any_open_comment", lambda plan_id: exists(_open_on(plan_id)))
_OPEN_COMMENTS = _open_on(bindparam("plan_id")).order_by(col(Comment.id))  # built once, as _COMMENTS


def open_comments_of(view: plans.PlanView, *, session: Session) -> Sequence[Comment]:
    """The plan's open comments, oldest first (none asked for when the plan was read knowing there are none)."""
    if view.known(ANY_OPEN_COMMENT) is False:
        return []
    return session.exec(_OPEN_COMMENTS, params={"plan_id": id_of(view.plan)}).all()
