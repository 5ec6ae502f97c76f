"""Where a return's review stands, worked out in one place for one plan or many, and what the review refuses."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import delete, event, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from service.platform.errors import Conflict
from service.returns import review_actions, reviews
from service.returns.anchors import Anchor
from service.returns.submissions import submit_return
from service.tables.columns import id_of
from service.tables.return_reviews import AnchorKind, ReturnAcceptance, ReturnQuestionReply
from tests.conftest import Demo
from tests.returns.submitted_return import SHARED_CARE, member, submitted_return, user_id

ON_ACTION = Anchor(AnchorKind.ACTION, "1.1.1")
ON_CELL = Anchor(AnchorKind.SPEND_CELL, "police", SHARED_CARE)


@contextmanager
def counted_queries(session: Session) -> Iterator[list[str]]:
    """The SQL statements the session's connection runs inside the block."""
    statements: list[str] = []
    engine = session.connection().engine

    def note(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_the_review_of_many_plans_returns_is_worked_out_in_three_queries(session: Session, demo: Demo) -> None:
    view = submitted_return(session)
    plan_id = id_of(view.plan)
    submit_return(plan_id, 2, submitted_by=user_id(session, "planner_a"), session=session)
    reviewer = member(session, "reviewer_x")
    review_actions.ask(plan_id, 1, 1, ON_ACTION, "Recruited?", by=reviewer, session=session)
    review_actions.ask(plan_id, 1, 1, ON_CELL, "Nothing spent?", by=reviewer, session=session)
    review_actions.accept(plan_id, 2, 1, by=reviewer, session=session)
    session.flush()

    with counted_queries(session) as statements:
        found = reviews.review_summaries([plan_id, demo.filled_plan_id, demo.empty_plan_id], session=session)

    assert len(statements) == 3
    assert set(found) == {(plan_id, 1), (plan_id, 2)}  # nothing submitted elsewhere: absent, not submitted
    q1, q2 = found[plan_id, 1], found[plan_id, 2]
    assert (q1.state, q1.open_questions, q1.questions, q1.latest_submission) == (
        reviews.ReviewState.QUESTIONS_OPEN,
        2,
        2,
        1,
    )
    assert (q2.state, q2.accepted_submission) == (reviews.ReviewState.ACCEPTED, 1)
    assert reviews.review_summary(plan_id, 3, session=session).state is reviews.ReviewState.NOT_SUBMITTED


def test_resolving_the_last_open_question_leaves_the_return_submitted_and_resolving_again_changes_nothing(
    session: Session,
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer, admin = member(session, "reviewer_x"), member(session, "admin")
    asked = review_actions.ask(plan_id, 1, 1, ON_ACTION, "Recruited?", by=reviewer, session=session)
    question_id = id_of(asked.question)

    first = review_actions.resolve(plan_id, 1, question_id, by=reviewer, session=session)
    again = review_actions.resolve(plan_id, 1, question_id, by=admin, session=session)

    assert reviews.review_summary(plan_id, 1, session=session).state is reviews.ReviewState.SUBMITTED
    assert (again.question.closed_by, again.question.closed_at) == (first.question.closed_by, first.question.closed_at)
    with pytest.raises(review_actions.QuestionClosed, match="marked it resolved"):
        review_actions.reply(plan_id, 1, question_id, "Late", by=member(session, "planner_a"), session=session)


def test_an_accepted_submission_takes_no_question_and_is_not_accepted_twice(session: Session) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer = member(session, "reviewer_x")
    review_actions.accept(plan_id, 1, 1, by=reviewer, session=session)

    with pytest.raises(review_actions.AlreadyAccepted):
        review_actions.ask(plan_id, 1, 1, ON_ACTION, "One more?", by=reviewer, session=session)
    with pytest.raises(Conflict, match="already accepted"):
        review_actions.accept(plan_id, 1, 1, by=reviewer, session=session)


@pytest.mark.parametrize("row", [ReturnQuestionReply, ReturnAcceptance])
@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_database_itself_refuses_to_change_a_reply_or_an_acceptance(
    session: Session, row: Any, change: str
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer = member(session, "reviewer_x")
    asked = review_actions.ask(plan_id, 1, 1, ON_ACTION, "Recruited?", by=reviewer, session=session)
    review_actions.reply(plan_id, 1, id_of(asked.question), "Yes", by=member(session, "planner_a"), session=session)
    review_actions.accept(plan_id, 1, 1, by=reviewer, session=session)
    session.flush()
    statement = update(row).values(id=row.id) if change == "update" else delete(row)

    savepoint = session.connection().begin_nested()
    with pytest.raises(DBAPIError, match="immutable"):
        session.connection().execute(statement)
    savepoint.rollback()
