"""A return's review as the partnership hears of it: each question to those who answer it, the acceptance to all."""

from sqlmodel import Session, col, select

from service.notifications.events import Event
from service.returns import review_actions
from service.returns.anchors import Anchor
from service.tables.columns import id_of
from service.tables.notifications import Message
from service.tables.return_reviews import AnchorKind
from tests.conftest import ACTORS
from tests.returns.submitted_return import SHARED_CARE, member, submitted_return


def _told(session: Session, kind: Event) -> dict[str, Message]:
    """The messages of a kind, by their recipient's address."""
    found = session.exec(select(Message).where(Message.kind == kind.value).order_by(col(Message.id))).all()
    return {message.address: message for message in found}


def test_a_question_on_an_action_goes_to_the_planners_and_one_on_spend_to_finance_too(session: Session) -> None:
    view = submitted_return(session)
    plan_id, reviewer = id_of(view.plan), member(session, "reviewer_x")

    on_action = review_actions.ask(
        plan_id, 1, 1, Anchor(AnchorKind.ACTION, "1.1.1"), "Has the post been filled?", by=reviewer, session=session
    )

    told = _told(session, Event.RETURN_QUESTION)
    assert set(told) == {ACTORS["planner_a"]}
    message = told[ACTORS["planner_a"]]
    assert message.subject.endswith("plan: a question on the quarter 1 return")
    assert "(submission 1), about action 1.1.1: " in message.body
    assert "    Has the post been filled?" in message.body
    assert message.link == f"/plans/{plan_id}/returns/1/submissions/1#question-{on_action.question.id}"

    review_actions.ask(
        plan_id,
        1,
        1,
        Anchor(AnchorKind.SPEND_CELL, "police", SHARED_CARE),
        "Nothing spent?",
        by=reviewer,
        session=session,
    )
    on_spend = session.exec(select(Message).where(Message.kind == Event.RETURN_QUESTION.value)).all()
    assert {m.address for m in on_spend if "Nothing spent?" in m.body} == {ACTORS["planner_a"], ACTORS["finance_a"]}
    assert ACTORS["reviewer_x"] not in {m.address for m in on_spend}


def test_the_acceptance_tells_the_partnership_once_and_not_the_reviewer(session: Session) -> None:
    view = submitted_return(session)
    plan_id = id_of(view.plan)

    review_actions.accept(plan_id, 1, 1, by=member(session, "reviewer_x"), session=session)

    told = _told(session, Event.RETURN_ACCEPTED)
    assert set(told) == {ACTORS["planner_a"], ACTORS["finance_a"]}
    assert told[ACTORS["finance_a"]].subject.endswith("plan: quarter 1 return accepted")
    assert "nothing more to do for this quarter" in told[ACTORS["finance_a"]].body
    assert told[ACTORS["finance_a"]].link == f"/plans/{plan_id}/returns/1/submissions/1"
