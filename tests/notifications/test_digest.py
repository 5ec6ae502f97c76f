"""The weekly digest: held event messages gathered into one email on Monday morning, once a week."""

import datetime

from sqlmodel import Session, col, select

from service.access.accounts import find_user
from service.notifications import digest, outbox, preferences
from service.planning.timetable import ENGLAND
from service.tables.access import User
from service.tables.notifications import Cadence, Message, MessageState
from tests.conftest import ACTORS

MONDAY = datetime.datetime(2027, 1, 4, 8, 30, tzinfo=ENGLAND)
BASE = "https://adtp.example"


def _weekly_planner(session: Session) -> User:
    planner = find_user(ACTORS["planner_a"], session=session)
    assert planner is not None
    preferences.set_cadence(planner.id or 0, Cadence.WEEKLY, version=0, session=session)
    return planner


def _event(session: Session, user: User, subject: str) -> Message | None:
    return outbox.enqueue(
        session, recipient=user, kind="comment", subject=subject, body=f"{subject}.", link="/plans/1", digestible=True
    )


def test_held_events_go_as_one_digest_on_monday_and_only_once(session: Session) -> None:
    planner = _weekly_planner(session)
    first, second = _event(session, planner, "A comment on your plan"), _event(session, planner, "A reply")

    sunday = digest.send_digests(MONDAY - datetime.timedelta(days=1), session=session, base_url=BASE)
    monday = digest.send_digests(MONDAY, session=session, base_url=BASE)
    again = digest.send_digests(MONDAY + datetime.timedelta(hours=3), session=session, base_url=BASE)

    assert (sunday, monday, again) == (0, 1, 0)
    [made] = session.exec(select(Message).where(Message.kind == digest.KIND)).all()
    assert made.subject == "Your weekly summary of plans and returns: 2 updates"
    assert "1. A comment on your plan" in made.body
    assert f"2. A reply\n\nA reply.\n\n{BASE}/plans/1" in made.body
    assert "in the week to Monday 4 January 2027" in made.body
    for event in (first, second):
        assert event is not None
        session.refresh(event)
        assert (event.state, event.digest_id) == (MessageState.DIGESTED, made.id)


def test_an_event_held_after_monday_s_digest_waits_for_the_next_one(session: Session) -> None:
    planner = _weekly_planner(session)
    _event(session, planner, "Before")
    digest.send_digests(MONDAY, session=session, base_url=BASE)
    late = _event(session, planner, "After")

    digest.send_digests(MONDAY + datetime.timedelta(hours=4), session=session, base_url=BASE)
    next_week = digest.send_digests(MONDAY + datetime.timedelta(weeks=1), session=session, base_url=BASE)

    assert late is not None
    session.refresh(late)
    assert next_week == 1
    assert late.state == MessageState.DIGESTED
    assert len(session.exec(select(Message).where(Message.kind == digest.KIND)).all()) == 2


def test_choosing_immediate_messages_again_sends_what_was_held(session: Session) -> None:
    planner = _weekly_planner(session)
    held = _event(session, planner, "Held")

    preferences.set_cadence(planner.id or 0, Cadence.IMMEDIATE, version=1, session=session)

    assert held is not None
    session.refresh(held)
    assert held.state == MessageState.QUEUED
    assert session.exec(select(Message).where(col(Message.kind) == digest.KIND)).all() == []
