"""Reading the outbox as each demo account's inbox: what a person was sent, by subject, body and link."""

from sqlmodel import Session, col, select

from service.notifications import events
from service.tables.journey import SubmissionDocument
from service.tables.notifications import Message
from tests.conftest import ACTORS

EVERYONE = tuple(ACTORS)


def inbox(session: Session, actor: str) -> list[Message]:
    """The event messages stored for a demo account, oldest first."""
    query = (
        select(Message)
        .where(Message.address == ACTORS[actor], col(Message.kind).in_([event.value for event in events.Event]))
        .order_by(col(Message.id))
    )
    return list(session.exec(query).all())


def subjects(session: Session) -> dict[str, list[str]]:
    """Every demo account's event subjects, oldest first, leaving out those who were sent nothing."""
    by_actor = {actor: [message.subject for message in inbox(session, actor)] for actor in EVERYONE}
    return {actor: found for actor, found in by_actor.items() if found}


def only(session: Session, actor: str, kind: events.Event) -> Message:
    """The one message of a kind the account was sent (fails when there are none or several)."""
    [message] = [message for message in inbox(session, actor) if message.kind == kind.value]
    return message


def documents_of(session: Session, submission_id: int) -> list[SubmissionDocument]:
    """A submission's stored documents, with their file names and SHA-256."""
    return list(session.exec(select(SubmissionDocument).where(SubmissionDocument.submission_id == submission_id)).all())
