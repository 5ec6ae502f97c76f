"""Where the review of a quarter's return stands: the one place its state is worked out, for a plan or many.

The state is that of the return's latest submission: accepted when the reviewer accepted that very
submission; questions open while any question on the return is open; otherwise submitted (awaiting
review). A newer submission made after an acceptance is not accepted until the reviewer accepts it, so
the return goes back to submitted; questions asked on an earlier submission stay open across a newer one
(a resubmission answers nothing by itself) and name the submission they were asked on.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from service.platform.errors import NotFound
from service.returns.anchors import Anchor
from service.tables.return_reviews import (
    AnchorKind,
    ClosedHow,
    ReturnAcceptance,
    ReturnQuestion,
    ReturnQuestionReply,
)
from service.tables.returns import ReturnSubmission


class ReviewState(StrEnum):
    """Where the reviewer's review of a quarter's return stands."""

    NOT_SUBMITTED = "not-submitted"
    SUBMITTED = "submitted"
    QUESTIONS_OPEN = "questions-open"
    ACCEPTED = "accepted"


REVIEW_STATE_LABELS = {
    ReviewState.NOT_SUBMITTED: "Not submitted",
    ReviewState.SUBMITTED: "Submitted",
    ReviewState.QUESTIONS_OPEN: "Questions open",
    ReviewState.ACCEPTED: "Accepted",
}


@dataclass(frozen=True)
class ReviewSummary:
    """A quarter's return under review: its latest submission, its state, and how many questions are open."""

    plan_id: int
    quarter: int
    state: ReviewState
    latest_submission: int | None = None
    open_questions: int = 0
    questions: int = 0
    accepted_submission: int | None = None  # the newest accepted submission: older than the latest after a resubmission

    @property
    def state_label(self) -> str:
        """ "Questions open": the state in words."""
        return REVIEW_STATE_LABELS[self.state]


def _state(latest: int, accepted: int | None, open_questions: int) -> ReviewState:
    if accepted == latest:
        return ReviewState.ACCEPTED
    return ReviewState.QUESTIONS_OPEN if open_questions else ReviewState.SUBMITTED


def review_summaries(
    plan_ids: Collection[int], *, session: Session, quarter: int | None = None
) -> dict[tuple[int, int], ReviewSummary]:
    """Every submitted return of the plans, by (plan, quarter), in three queries however many plans.

    A return with no submission is absent: it is not submitted (ReviewState.NOT_SUBMITTED).
    """
    if not plan_ids:
        return {}
    ids = list(plan_ids)
    quarters = [quarter] if quarter is not None else [1, 2, 3, 4]
    latest = session.exec(
        select(ReturnSubmission.plan_id, ReturnSubmission.quarter, func.max(ReturnSubmission.number))
        .where(col(ReturnSubmission.plan_id).in_(ids), col(ReturnSubmission.quarter).in_(quarters))
        .group_by(col(ReturnSubmission.plan_id), col(ReturnSubmission.quarter))
    ).all()
    accepted = {
        (plan, q): number
        for plan, q, number in session.exec(
            select(ReturnAcceptance.plan_id, ReturnAcceptance.quarter, func.max(ReturnSubmission.number))
            .join(ReturnSubmission, col(ReturnAcceptance.submission_id) == col(ReturnSubmission.id))
            .where(col(ReturnAcceptance.plan_id).in_(ids), col(ReturnAcceptance.quarter).in_(quarters))
            .group_by(col(ReturnAcceptance.plan_id), col(ReturnAcceptance.quarter))
        ).all()
    }
    still_open = func.sum(case((col(ReturnQuestion.closed_at).is_(None), 1), else_=0))
    counted = {
        (plan, q): (int(total), int(open_count or 0))
        for plan, q, total, open_count in session.exec(
            select(ReturnQuestion.plan_id, ReturnQuestion.quarter, func.count(), still_open)
            .where(col(ReturnQuestion.plan_id).in_(ids), col(ReturnQuestion.quarter).in_(quarters))
            .group_by(col(ReturnQuestion.plan_id), col(ReturnQuestion.quarter))
        ).all()
    }
    found: dict[tuple[int, int], ReviewSummary] = {}
    for plan, q, number in latest:
        total, open_count = counted.get((plan, q), (0, 0))
        state = _state(number, accepted.get((plan, q)), open_count)
        found[plan, q] = ReviewSummary(plan, q, state, number, open_count, total, accepted.get((plan, q)))
    return found


def review_summary(plan_id: int, quarter: int, *, session: Session) -> ReviewSummary:
    """Where the review of one quarter's return stands (not submitted before its first submission)."""
    found = review_summaries([plan_id], session=session, quarter=quarter)
    return found.get((plan_id, quarter), ReviewSummary(plan_id, quarter, ReviewState.NOT_SUBMITTED))


@dataclass(frozen=True)
class Thread:
    """A question, the number of the submission it was asked on, and its replies, oldest first."""

    question: ReturnQuestion
    asked_on: int
    replies: list[ReturnQuestionReply] = field(default_factory=list)

    @property
    def anchor(self) -> Anchor:
        """What the question is about."""
        question = self.question
        return Anchor(AnchorKind(question.anchor_kind), question.anchor_key, question.anchor_category)

    @property
    def is_open(self) -> bool:
        """True until the reviewer marks it resolved or accepts the return."""
        return self.question.closed_at is None

    @property
    def closed_how(self) -> ClosedHow | None:
        """Resolved, or closed by the return's acceptance; None while open."""
        return ClosedHow(self.question.closed_how) if self.question.closed_how else None


def threads_of(
    plan_id: int, quarter: int, *, session: Session, up_to: int | None = None, question_id: int | None = None
) -> list[Thread]:
    """The return's questions with their replies, oldest first (two queries); those asked on submissions ≤ `up_to`."""
    query = (
        select(ReturnQuestion, ReturnSubmission.number)
        .join(ReturnSubmission, col(ReturnQuestion.submission_id) == col(ReturnSubmission.id))
        .where(ReturnQuestion.plan_id == plan_id, ReturnQuestion.quarter == quarter)
    )
    if up_to is not None:
        query = query.where(ReturnSubmission.number <= up_to)
    if question_id is not None:
        query = query.where(ReturnQuestion.id == question_id)
    asked = session.exec(query.order_by(col(ReturnQuestion.id)).execution_options(populate_existing=True)).all()
    threads = {question.id: Thread(question, number) for question, number in asked}
    if threads:
        replies = session.exec(
            select(ReturnQuestionReply)
            .where(col(ReturnQuestionReply.question_id).in_(list(threads)))
            .order_by(col(ReturnQuestionReply.id))
        ).all()
        for reply in replies:
            threads[reply.question_id].replies.append(reply)
    return list(threads.values())


def thread_of(plan_id: int, quarter: int, question_id: int, *, session: Session) -> Thread:
    """One question of the quarter's return with its replies."""
    found = threads_of(plan_id, quarter, session=session, question_id=question_id)
    if not found:
        raise NotFound(f"Quarter {quarter}'s return of plan {plan_id} has no question {question_id}.")
    return found[0]


@dataclass(frozen=True)
class Acceptance:
    """A submission the reviewer accepted: its number, who and when."""

    submission: int
    accepted_by: int
    accepted_at: datetime.datetime


def acceptances_of(plan_id: int, quarter: int, *, session: Session) -> list[Acceptance]:
    """Every acceptance of the return's submissions, oldest first: a resubmission never erases one."""
    rows = session.exec(
        select(ReturnAcceptance, ReturnSubmission.number)
        .join(ReturnSubmission, col(ReturnAcceptance.submission_id) == col(ReturnSubmission.id))
        .where(ReturnAcceptance.plan_id == plan_id, ReturnAcceptance.quarter == quarter)
        .order_by(col(ReturnSubmission.number))
    ).all()
    return [Acceptance(number, row.accepted_by, row.accepted_at) for row, number in rows]
