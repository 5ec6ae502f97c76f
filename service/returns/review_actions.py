"""What the reviewer does with a submitted return: ask questions anchored to what it holds, accept it; and
the replies and resolutions that close each question's thread.

Who may do each is the access policy's (service/access/role_groups.py); here is what the return allows:
questions and acceptance concern the latest submission only (a reviewer looking at an older one is told
it was superseded, never silently answered about the newer), an accepted submission takes no more
questions, and a closed thread takes no more replies. Every change takes the plan's row first, as a
return's saves and submissions do, so an acceptance and a resubmission never interleave.
"""

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from service.access import audit
from service.access.identity import Member
from service.notifications import return_events
from service.planning import plans
from service.platform.errors import Conflict, InvalidInput
from service.returns import anchors, reviews, submissions
from service.returns.quarters import ensure_reporting
from service.tables.columns import id_of, utc_now
from service.tables.return_reviews import (
    AnchorKind,
    ClosedHow,
    ReturnAcceptance,
    ReturnQuestion,
    ReturnQuestionReply,
)
from service.tables.returns import ReturnSubmission


class NotTheLatest(Conflict):
    """A review action on a submission that a newer one has superseded."""

    title = "A newer submission of this return has been made"
    problem_type = "urn:adtp:problem:submission-superseded"


class AlreadyAccepted(Conflict):
    """A question on, or a second acceptance of, a submission the reviewer has accepted."""

    title = "This submission of the return is accepted"
    problem_type = "urn:adtp:problem:return-accepted"


class QuestionClosed(Conflict):
    """A reply to a question whose thread is closed."""

    title = "The question is closed"
    problem_type = "urn:adtp:problem:question-closed"


def _audited(event: str, *, by: Member, plan_id: int, quarter: int, session: Session, **detail: Any) -> None:
    """The review's audit row: who did what to which plan's quarter's return."""
    audit.record(
        event, session=session, user_id=by.user_id, object_type="plan", object_id=plan_id, quarter=quarter, **detail
    )


def _non_blank(body: str, pointer: str = "/body") -> str:
    if not body.strip():
        raise InvalidInput.at(pointer, "write something: it cannot be blank")
    return body


def _latest(plan_id: int, quarter: int, number: int, *, session: Session) -> ReturnSubmission:
    """Submission `number` if it is the return's latest; refused, naming the latest, when it is not."""
    ensure_reporting(plans.lock_plan(plan_id, session=session))
    newest = submissions.latest(plan_id, quarter, session=session)
    if newest is None or number > newest.number:
        raise InvalidInput.at("/submission", f"quarter {quarter}'s return has no submission {number}")
    if number != newest.number:
        raise NotTheLatest(
            f"Submission {number} has been superseded by submission {newest.number}: "
            f"review what submission {newest.number} holds.",
            latest_submission=newest.number,
        )
    return newest


def _accepted(submission: ReturnSubmission, *, session: Session) -> bool:
    query = select(ReturnAcceptance.id).where(ReturnAcceptance.submission_id == id_of(submission))
    return session.exec(query).first() is not None


def ask(
    plan_id: int, quarter: int, number: int, anchor: anchors.Anchor, body: str, *, by: Member, session: Session
) -> reviews.Thread:
    """Ask a question about one thing submission `number` holds; it must be the latest and not yet accepted."""
    submission = _latest(plan_id, quarter, number, session=session)
    if _accepted(submission, session=session):
        raise AlreadyAccepted(f"Submission {number} is accepted: it takes no more questions.")
    anchors.check_anchor(submission.sections, anchor, number)
    question = ReturnQuestion(
        plan_id=plan_id,
        quarter=quarter,
        submission_id=id_of(submission),
        anchor_kind=anchor.kind.value,
        anchor_key=anchor.key,
        anchor_category=anchor.category,
        body=_non_blank(body),
        asked_by=by.user_id,
    )
    session.add(question)
    session.flush()
    _audited(
        "return-question-asked",
        by=by,
        plan_id=plan_id,
        quarter=quarter,
        session=session,
        submission=number,
        question=question.id,
        anchor=anchor.kind.value,
        key=anchor.key,
        category=anchor.category,
    )
    return_events.question_asked(
        plans.get_plan(plan_id, session=session),
        quarter=quarter,
        number=number,
        question_id=id_of(question),
        about=anchors.label(anchor, submission.sections),
        body=question.body,
        spend_cell=anchor.kind is AnchorKind.SPEND_CELL,
        asked_by=by.user_id,
        session=session,
    )
    return reviews.thread_of(plan_id, quarter, id_of(question), session=session)


def reply(
    plan_id: int, quarter: int, question_id: int, body: str, *, by: Member, session: Session
) -> ReturnQuestionReply:
    """Reply in an open question's thread; the reply is kept as written, with who and when."""
    ensure_reporting(plans.lock_plan(plan_id, session=session))
    thread = reviews.thread_of(plan_id, quarter, question_id, session=session)
    if not thread.is_open:
        raise QuestionClosed(
            f"Question {question_id} is closed: the reviewer "
            f"{'accepted the return' if thread.closed_how is ClosedHow.ACCEPTED else 'marked it resolved'}. "
            "Anything more is a new question."
        )
    made = ReturnQuestionReply(question_id=question_id, body=_non_blank(body), author_id=by.user_id)
    session.add(made)
    session.flush()
    _audited(
        "return-question-replied",
        by=by,
        plan_id=plan_id,
        quarter=quarter,
        session=session,
        question=question_id,
        reply=made.id,
    )
    return made


def resolve(plan_id: int, quarter: int, question_id: int, *, by: Member, session: Session) -> reviews.Thread:
    """Close a question's thread as resolved (a closed one is left as it was closed)."""
    ensure_reporting(plans.lock_plan(plan_id, session=session))
    thread = reviews.thread_of(plan_id, quarter, question_id, session=session)
    if thread.is_open:
        _close(col(ReturnQuestion.id) == question_id, ClosedHow.RESOLVED, by=by, session=session)
        _audited(
            "return-question-resolved",
            by=by,
            plan_id=plan_id,
            quarter=quarter,
            session=session,
            question=question_id,
        )
    return reviews.thread_of(plan_id, quarter, question_id, session=session)


def _close(which: object, how: ClosedHow, *, by: Member, session: Session) -> int:
    """Close the open questions `which` selects; how many were closed."""
    result = session.execute(
        update(ReturnQuestion)
        .where(which, col(ReturnQuestion.closed_at).is_(None))  # type: ignore[arg-type]
        .values(closed_at=utc_now(), closed_by=by.user_id, closed_how=how.value)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def acceptable(plan_id: int, quarter: int, number: int, *, session: Session) -> ReturnSubmission:
    """Submission `number` if it may be accepted now (the latest, not yet accepted); refused, saying why, if not."""
    submission = _latest(plan_id, quarter, number, session=session)
    if _accepted(submission, session=session):
        raise AlreadyAccepted(f"Submission {number} is already accepted.")
    return submission


def accept(plan_id: int, quarter: int, number: int, *, by: Member, session: Session) -> reviews.Acceptance:
    """Accept submission `number`, the latest, closing every question still open on the return."""
    submission = acceptable(plan_id, quarter, number, session=session)
    acceptance = ReturnAcceptance(
        plan_id=plan_id, quarter=quarter, submission_id=id_of(submission), accepted_by=by.user_id
    )
    session.add(acceptance)
    session.flush()
    mine = (col(ReturnQuestion.plan_id) == plan_id) & (col(ReturnQuestion.quarter) == quarter)
    closed = _close(mine, ClosedHow.ACCEPTED, by=by, session=session)
    _audited(
        "return-accepted",
        by=by,
        plan_id=plan_id,
        quarter=quarter,
        session=session,
        submission=number,
        sha256=submission.content_sha256,
        questions_closed=closed,
    )
    return_events.return_accepted(
        plans.get_plan(plan_id, session=session),
        quarter=quarter,
        number=number,
        acceptance_id=id_of(acceptance),
        accepted_by=by.user_id,
        session=session,
    )
    return reviews.Acceptance(number, acceptance.accepted_by, acceptance.accepted_at)
