"""The weekly digest: event messages held for users who chose it, gathered into one email on Monday morning.

One digest per user per ISO week (its dedupe key): a second process, or a second run on the Monday, makes
none. Messages held after the week's digest wait for the next one.
"""

import datetime
from itertools import groupby

from sqlalchemy import update
from sqlmodel import Session, col, select

from service.notifications import outbox
from service.notifications.reminder_text import day_and_date
from service.planning.timetable import ENGLAND
from service.tables.access import User
from service.tables.notifications import Message, MessageState

DIGEST_HOUR = 8
KIND = "weekly-digest"
PREFERENCES_LINK = "/account/notifications"


def send_digests(now: datetime.datetime, *, session: Session, base_url: str) -> int:
    """On Monday from DIGEST_HOUR (England), one digest to each user with held messages; how many were made."""
    local = now.astimezone(ENGLAND)
    if local.weekday() != 0 or local.hour < DIGEST_HOUR:
        return 0
    year, week, _ = local.isocalendar()
    held = session.exec(
        select(Message)
        .where(Message.state == MessageState.HELD.value, col(Message.recipient_user_id).is_not(None))
        .order_by(col(Message.recipient_user_id), col(Message.id))
    ).all()
    made = 0
    for user_id, messages in groupby(held, key=lambda message: message.recipient_user_id):
        user = session.get(User, user_id)
        if user is None:
            continue
        gathered = list(messages)
        digest = outbox.enqueue(
            session,
            recipient=user,
            kind=KIND,
            subject=f"Your weekly summary of plans and returns: {_updates(len(gathered))}",
            body=digest_body(gathered, local.date(), base_url=base_url),
            link=PREFERENCES_LINK,
            dedupe_key=f"digest:{user_id}:{year}-W{week:02d}",
            now=now,
        )
        if digest is None:
            continue  # this week's digest was made already (another process, or an earlier run)
        session.execute(
            update(Message)
            .where(
                col(Message.id).in_([message.id for message in gathered]), col(Message.state) == MessageState.HELD.value
            )
            .values(state=MessageState.DIGESTED.value, digest_id=digest.id)
            .execution_options(synchronize_session=False)
        )
        made += 1
    session.expire_all()
    return made


def _updates(count: int) -> str:
    return "1 update" if count == 1 else f"{count} updates"


def digest_body(messages: list[Message], today: datetime.date, *, base_url: str) -> str:
    """Each held message's subject, text and link in full, numbered, oldest first."""
    sections = [f"This is what happened on your plans and returns in the week to {day_and_date(today)}."]
    for number, message in enumerate(messages, start=1):
        sections.append(
            f"{number}. {message.subject}\n\n{message.body.strip()}\n\n{base_url.rstrip('/')}{message.link}"
        )
    sections.append(
        "You get this summary once a week because you chose it. Reminders of deadlines still come as they fall due. "
        "Change how often you get emails:"
    )
    return "\n\n".join(sections)
