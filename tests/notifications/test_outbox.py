"""The outbox: a message is stored once per dedupe key, to a user or an address, held for a digest if chosen."""

import pytest
from sqlmodel import Session, select

from service.access.accounts import find_user
from service.notifications import outbox, preferences
from service.platform.errors import BrokenInvariant
from service.tables.access import User
from service.tables.notifications import Cadence, Message, MessageState
from tests.conftest import ACTORS


def _user(session: Session, actor: str) -> User:
    user = find_user(ACTORS[actor], session=session)
    assert user is not None
    return user


def _enqueue(session: Session, recipient: User | str, **given: object) -> Message | None:
    values: dict[str, object] = {
        "kind": "test",
        "subject": "Submit your plan by Friday 15 January 2027",
        "body": "Your plan's initial submission is due.",
        "link": "/plans/1",
    }
    return outbox.enqueue(session, recipient=recipient, **(values | given))  # type: ignore[arg-type]


def test_a_message_to_a_user_is_queued_to_their_address(session: Session) -> None:
    planner = _user(session, "planner_a")

    message = _enqueue(session, planner)

    assert message is not None
    assert (message.address, message.recipient_user_id, message.state) == (planner.email, planner.id, "queued")


def test_a_second_enqueue_with_the_same_dedupe_key_stores_nothing(session: Session) -> None:
    first = _enqueue(session, "someone@example.org", dedupe_key="reminder:plan-1:initial:14-days:someone")
    second = _enqueue(session, "someone@example.org", dedupe_key="reminder:plan-1:initial:14-days:someone")

    assert first is not None
    assert second is None
    stored = session.exec(select(Message).where(Message.address == "someone@example.org")).all()
    assert [message.id for message in stored] == [first.id]


def test_an_event_for_a_user_who_chose_the_weekly_digest_is_held_for_it(session: Session) -> None:
    planner = _user(session, "planner_a")
    preferences.set_cadence(planner.id or 0, Cadence.WEEKLY, version=0, session=session)

    event = _enqueue(session, planner, digestible=True)
    reminder = _enqueue(session, planner, digestible=False)

    assert event is not None
    assert reminder is not None
    assert (event.state, reminder.state) == (MessageState.HELD, MessageState.QUEUED)


def test_an_inactive_user_is_sent_nothing(session: Session) -> None:
    planner = _user(session, "planner_a")
    planner.active = False

    assert _enqueue(session, planner) is None


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ({"subject": " \n "}, "subject"),
        ({"link": "https://elsewhere.example/"}, "link"),
        ({"body": "  "}, "body"),
    ],
)
def test_a_malformed_message_is_a_bug_named_at_once(session: Session, given: dict[str, object], why: str) -> None:
    with pytest.raises(BrokenInvariant, match=why):
        _enqueue(session, "someone@example.org", **given)


def test_an_address_with_a_header_in_it_is_refused(session: Session) -> None:
    with pytest.raises(BrokenInvariant, match="address"):
        _enqueue(session, "someone@example.org\r\nBcc: all@example.org")


def test_a_subject_is_one_header_line_whatever_the_names_in_it_hold(session: Session) -> None:
    message = outbox.enqueue(
        session,
        recipient="planner@example.org",
        kind="test",
        subject='Ŵ"x\r\nBcc: everyone@example.org\n' + "long " * 60,
        body="Something happened.",
        link="/plans/7",
    )

    assert message is not None
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert message.subject.startswith('Ŵ"x Bcc: everyone@example.org long')
    assert len(message.subject) == outbox.SUBJECT_MAX
    assert message.subject.endswith("…")
