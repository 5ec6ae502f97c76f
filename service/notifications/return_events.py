"""Event messages of a quarterly return's review: a question asked about it, and its acceptance.

Told as the plan's own events are (service/notifications/events.py), in the review's own transaction:
- A question goes to the partnership's planners, who answer any question, and to its finance officers
  too when it is about a spend cell (the half of the return they report; the review's rule).
- An acceptance goes to the partnership's planners and finance officers: the quarter is done with.
The reviewer who asked or accepted is never told of it.

May import: service.notifications, service.planning, service.tables.
"""

from sqlmodel import Session

from service.notifications import event_wording as words
from service.notifications.events import PARTNERSHIP, Event, name_of, named, people_of, tell
from service.planning import plans
from service.tables.access import Role
from service.tables.columns import id_of


def _submission_link(view: plans.PlanView, quarter: int, number: int, anchor: str = "") -> str:
    return f"/plans/{id_of(view.plan)}/returns/{quarter}/submissions/{number}{anchor}"


def question_asked(
    view: plans.PlanView,
    *,
    quarter: int,
    number: int,
    question_id: int,
    about: str,
    body: str,
    spend_cell: bool,
    asked_by: int,
    session: Session,
) -> None:
    """A reviewer's question on a submitted return, to those who answer it."""
    said = words.return_question(
        named(view), quarter=quarter, number=number, asker=name_of(asked_by, session), about=about, text=body
    )
    answerers = PARTNERSHIP if spend_cell else (Role.PLANNER,)
    link = _submission_link(view, quarter, number, f"#question-{question_id}")
    recipients = people_of(view, answerers, session=session)
    tell(
        session,
        Event.RETURN_QUESTION,
        f"return-question:{question_id}",
        recipients,
        lambda _: said,
        link,
        actor=asked_by,
    )


def return_accepted(
    view: plans.PlanView, *, quarter: int, number: int, acceptance_id: int, accepted_by: int, session: Session
) -> None:
    """The region accepted a quarter's return: to the partnership."""
    said = words.return_accepted(named(view), quarter=quarter, number=number, reviewer=name_of(accepted_by, session))
    link = _submission_link(view, quarter, number)
    recipients = people_of(view, PARTNERSHIP, session=session)
    key = f"return-accepted:{acceptance_id}"
    tell(session, Event.RETURN_ACCEPTED, key, recipients, lambda _: said, link, actor=accepted_by)
