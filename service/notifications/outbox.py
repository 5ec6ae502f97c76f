"""The outbox: how the rest of the service sends an email (`enqueue`), and what an admin reads of it.

A message is stored in the caller's transaction, so it goes if and only if what it tells of was committed;
the background runner delivers it later (service/notifications/delivery.py), never the request. With no
relay configured the messages stay here, queued, for an admin to read at /admin/messages.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from service.notifications.preferences import wants_digest
from service.notifications.stored_once import insert_once
from service.platform.errors import BrokenInvariant, NotFound
from service.platform.pagination import PageRequest
from service.tables.access import User
from service.tables.columns import id_of, utc_now
from service.tables.notifications import Message, MessageState

SUBJECT_MAX = 200
# One address, no display name: what an account's email holds (a header is never built from free text).
ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def enqueue(
    session: Session,
    *,
    recipient: User | str,
    kind: str,
    subject: str,
    body: str,
    link: str,
    dedupe_key: str | None = None,
    digestible: bool = False,
    now: datetime.datetime | None = None,
) -> Message | None:
    """Store an email to send; the message, or None when nothing was stored.

    `recipient` is a user (their address, and their digest choice) or an address alone. `link` is a path in
    the service ("/plans/3"); the email gives it in full. A `dedupe_key` already stored makes this a no-op,
    however many processes try at once. `digestible` marks an event message: a user who chose the weekly
    digest gets it in Monday's digest instead. Deadline reminders, invitations and password resets are
    never digestible. An inactive user gets nothing.
    """
    subject = one_line(subject)
    _check(subject=subject, body=body, link=link, kind=kind)
    user_id: int | None = None
    if isinstance(recipient, User):
        if not recipient.active:
            return None
        user_id, address = id_of(recipient), recipient.email
    else:
        address = recipient.strip()
    if not ADDRESS.match(address):
        raise BrokenInvariant(f"not an email address: {address!r}")
    held = digestible and user_id is not None and wants_digest(user_id, session=session)
    moment = now or utc_now()
    values: dict[str, Any] = {
        "kind": kind,
        "recipient_user_id": user_id,
        "address": address,
        "subject": subject,
        "body": body,
        "link": link,
        "dedupe_key": dedupe_key,
        "state": (MessageState.HELD if held else MessageState.QUEUED).value,
        "attempts": 0,
        "created_at": moment,
        "next_attempt_at": moment,
    }
    if dedupe_key is None:
        message = Message(**values)
        session.add(message)
        session.flush()
        return message
    message_id = insert_once(session, Message, values, key="dedupe_key")
    return None if message_id is None else session.get(Message, message_id)


def one_line(subject: str) -> str:
    """A subject as one header line of at most SUBJECT_MAX characters, whatever the names in it hold.

    Subjects carry names people typed (a partnership's, a region's): a line break in one must neither
    break the header nor refuse the submission the message tells of.
    """
    flat = " ".join(subject.split())
    return flat if len(flat) <= SUBJECT_MAX else flat[: SUBJECT_MAX - 1].rstrip() + "…"


def _check(*, subject: str, body: str, link: str, kind: str) -> None:
    # Callers are our own code: a bad message is a bug to fix, not a user's mistake to explain.
    if not subject.strip() or len(subject) > SUBJECT_MAX or "\n" in subject or "\r" in subject:
        raise BrokenInvariant(f"a subject is one line of at most {SUBJECT_MAX} characters: {subject!r}")
    if not body.strip():
        raise BrokenInvariant("a message needs a body")
    if not link.startswith("/") or link.startswith("//"):
        raise BrokenInvariant(f"a link is a path in the service, like /plans/3: {link!r}")
    if not kind or len(kind) > 60:
        raise BrokenInvariant(f"a kind names what the message is about in at most 60 characters: {kind!r}")


@dataclass(frozen=True)
class OutboxPage:
    """A page of the outbox, newest first, with how many messages are in each state."""

    messages: list[Message]
    total: int
    by_state: dict[str, int]


def list_messages(*, session: Session, page: PageRequest, state: MessageState | None = None) -> OutboxPage:
    """Every message, newest first (those of one state if given)."""
    query = select(Message)
    if state is not None:
        query = query.where(Message.state == state.value)
    messages = session.exec(query.order_by(col(Message.id).desc()).offset(page.offset).limit(page.page_size)).all()
    counts = dict(session.exec(select(Message.state, func.count()).group_by(col(Message.state))).all())
    total = counts.get(state.value, 0) if state is not None else sum(counts.values())
    return OutboxPage(list(messages), total, counts)


def get_message(message_id: int, *, session: Session) -> Message:
    """One message, or NotFound."""
    message = session.get(Message, message_id)
    if message is None:
        raise NotFound(f"There is no message {message_id}.")
    return message


def messages_to(address: str, *, session: Session) -> list[Message]:
    """Every message to an address, oldest first (what a recipient's inbox would hold)."""
    return list(session.exec(select(Message).where(Message.address == address).order_by(col(Message.id))).all())
