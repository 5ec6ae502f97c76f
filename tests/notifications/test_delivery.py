"""Delivery through a real SMTP server: sent once, retried with backoff when the relay fails, failures kept."""

import datetime
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlmodel import Session

from service.notifications import delivery, one_time_links, outbox
from service.platform.db import SessionFactory
from service.platform.settings import Settings
from service.tables.notifications import Message, MessageState
from tests.conftest import ClientFor
from tests.notifications.smtp_server import Inbox, smtp_server

NOW = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def relay() -> Iterator[tuple[Inbox, str]]:
    with smtp_server() as running:
        yield running


@pytest.fixture
def open_session(app: FastAPI) -> SessionFactory:
    """Sessions inside the test's transaction (the app fixture's)."""
    factory: SessionFactory = app.state.open_session
    return factory


def _settings(smtp_url: str | None) -> Settings:
    return Settings(environment="test", database_url="sqlite://", smtp_url=smtp_url, base_url="https://adtp.example")


def _queued(session: Session, address: str = "planner@example.org") -> Message:
    message = outbox.enqueue(
        session,
        recipient=address,
        kind="test",
        subject="Submit your plan by Friday 15 January 2027",
        body="Your plan's initial submission is due on Friday 15 January 2027.\n\nSubmit it here:",
        link="/plans/7/submit",
        now=NOW,
    )
    assert message is not None
    session.commit()
    return message


def test_a_queued_message_arrives_once_as_plain_text_with_its_link_in_full(
    session: Session, open_session: SessionFactory, relay: tuple[Inbox, str]
) -> None:
    inbox, url = relay
    message = _queued(session)

    first = delivery.send_due(open_session, _settings(url), now=NOW)
    again = delivery.send_due(open_session, _settings(url), now=NOW + datetime.timedelta(hours=1))

    assert (first.sent, again.sent) == (1, 0)
    [arrived] = inbox.to("planner@example.org")
    assert arrived["Subject"] == "Submit your plan by Friday 15 January 2027"
    assert arrived.get_content_type() == "text/plain"
    assert "https://adtp.example/plans/7/submit" in arrived.get_content()
    session.refresh(message)
    assert (message.state, message.attempts) == (MessageState.SENT, 1)
    assert message.sent_at is not None


def test_without_a_relay_messages_stay_queued_in_the_outbox(session: Session, open_session: SessionFactory) -> None:
    message = _queued(session)

    report = delivery.send_due(open_session, _settings(None), now=NOW)

    assert report.sent == 0
    session.refresh(message)
    assert message.state == MessageState.QUEUED


def test_a_relay_that_says_try_later_gets_the_message_again_after_a_wait(
    session: Session, open_session: SessionFactory, relay: tuple[Inbox, str]
) -> None:
    inbox, url = relay
    message = _queued(session)
    inbox.refuse_with = "451 Try again later"

    delivery.send_due(open_session, _settings(url), now=NOW)
    session.refresh(message)
    assert (message.state, message.attempts) == (MessageState.QUEUED, 1)
    assert "451" in (message.last_error or "")
    inbox.refuse_with = None
    too_soon = delivery.send_due(open_session, _settings(url), now=NOW + datetime.timedelta(seconds=30))
    later = delivery.send_due(open_session, _settings(url), now=NOW + datetime.timedelta(minutes=2))

    assert (too_soon.sent, later.sent) == (0, 1)
    assert len(inbox.to("planner@example.org")) == 1
    session.refresh(message)
    assert (message.state, message.attempts) == (MessageState.SENT, 2)


def test_a_relay_that_refuses_for_good_fails_the_message_with_its_answer(
    session: Session, open_session: SessionFactory, relay: tuple[Inbox, str]
) -> None:
    inbox, url = relay
    message = _queued(session)
    inbox.refuse_with = "550 No such mailbox"

    report = delivery.send_due(open_session, _settings(url), now=NOW)

    assert report.failed == 1
    session.refresh(message)
    assert message.state == MessageState.FAILED
    assert "550 No such mailbox" in (message.last_error or "")


def test_a_relay_that_cannot_be_reached_is_retried_until_the_attempts_are_spent(
    session: Session, open_session: SessionFactory
) -> None:
    message = _queued(session)
    moment = NOW
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.send_due(open_session, _settings("smtp://127.0.0.1:9"), now=moment)
        moment += delivery.LONGEST_BACKOFF

    session.refresh(message)
    assert (message.state, message.attempts) == (MessageState.FAILED, delivery.MAX_ATTEMPTS)
    assert message.last_error


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://relay.example", delivery.Relay("relay.example", 25, "none")),
        (
            "smtp+starttls://me%40x:p%2Fw@relay.example:2525",
            delivery.Relay("relay.example", 2525, "starttls", "me@x", "p/w"),
        ),
        ("smtps://relay.example", delivery.Relay("relay.example", 465, "tls")),
    ],
)
def test_the_relay_is_read_from_its_url(url: str, expected: delivery.Relay) -> None:
    assert delivery.relay_from_url(url) == expected


def test_a_message_claimed_by_a_runner_that_stopped_is_taken_again_after_the_lease(
    session: Session, open_session: SessionFactory
) -> None:
    message = _queued(session)
    [(claimed_id, _)] = delivery.claim(open_session, now=NOW)

    assert claimed_id == message.id
    assert delivery.claim(open_session, now=NOW + datetime.timedelta(minutes=1)) == []
    assert [id_ for id_, _ in delivery.claim(open_session, now=NOW + delivery.CLAIM_LEASE * 2)] == [message.id]


def test_a_one_time_link_arrives_whole_and_is_struck_from_the_outbox_once_sent(
    session: Session, open_session: SessionFactory, relay: tuple[Inbox, str], client_for: ClientFor, app: FastAPI
) -> None:
    inbox, url = relay
    secret = "s3cret-Only_for-the-recipient"
    message = outbox.enqueue(
        session,
        recipient="new.planner@example.org",
        kind=one_time_links.INVITATION_KIND,
        subject="Set your password for the adult drug treatment plan service",
        body=f"Set your password:\n\nhttps://adtp.example{one_time_links.path_for(secret)}",
        link=one_time_links.path_for(secret),
        now=NOW,
    )
    assert message is not None
    session.commit()
    admin = client_for("admin")
    with_relay = _settings(url)
    app.state.settings = with_relay

    before = admin.get(f"/admin/messages/{message.id}").text
    delivery.send_due(open_session, with_relay, now=NOW)

    (arrived,) = inbox.to("new.planner@example.org")
    assert secret in arrived.get_content()
    session.refresh(message)
    assert secret not in message.body
    assert secret not in message.link
    assert one_time_links.STRUCK in message.body
    assert secret not in before  # an administrator never reads it where a relay delivers it
    app.state.settings = _settings(None)
    queued = outbox.enqueue(
        session,
        recipient="other@example.org",
        kind=one_time_links.RESET_KIND,
        subject="Reset your password",
        body="Reset it:",
        link=one_time_links.path_for(secret),
        now=NOW,
    )
    assert queued is not None
    session.commit()
    assert secret in admin.get(f"/admin/messages/{queued.id}").text  # no relay: the outbox is how it reaches anyone
