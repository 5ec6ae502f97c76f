"""Delivering the outbox over SMTP: claimed once, sent, retried with backoff, failures kept for an admin.

Only the background runner calls this, never a request: a relay that is slow or down delays email, not pages.
Two runners (two server processes) never send the same message: a claim takes queued messages with
`SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL; a second runner skips the rows the first holds) and marks them
sending in the same transaction, and each outcome is written only over the claim it belongs to. SQLite has one
writer at a time, so its claims cannot overlap either. A runner that stops between claim and outcome leaves its
messages sending; after CLAIM_LEASE another runner takes them again (the one case that may send twice, since
whether the relay took the message was never recorded).
"""

import datetime
import email.policy
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Literal
from urllib.parse import unquote, urlsplit

from sqlalchemy import and_, or_, update
from sqlmodel import col, select

from service.notifications import one_time_links
from service.platform.db import SessionFactory
from service.platform.errors import BrokenInvariant
from service.platform.settings import Settings
from service.tables.columns import utc_now
from service.tables.notifications import Message, MessageState

log = logging.getLogger(__name__)

BATCH = 20
MAX_ATTEMPTS = 6
# 1, 4, 16, 64 minutes, then about four hours: a relay down for a morning still gets the message out.
FIRST_BACKOFF = datetime.timedelta(minutes=1)
LONGEST_BACKOFF = datetime.timedelta(hours=4)
CLAIM_LEASE = datetime.timedelta(minutes=10)
SMTP_TIMEOUT_S = 30
Security = Literal["none", "starttls", "tls"]
SCHEMES: dict[str, tuple[Security, int]] = {
    "smtp": ("none", 25),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("tls", 465),
}


@dataclass(frozen=True)
class Relay:
    """Where email goes, read from SMTP_URL."""

    host: str
    port: int
    security: Security
    username: str | None = None
    password: str | None = None


def relay_from_url(url: str) -> Relay:
    """smtp://[user:password@]host[:port], smtp+starttls://… or smtps://…; a clear error for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise BrokenInvariant(
            "SMTP_URL must look like smtp://host:25, smtp+starttls://user:password@host:587 or smtps://…"
        )
    security, default_port = SCHEMES[parts.scheme]
    return Relay(
        host=parts.hostname,
        port=parts.port or default_port,
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def full_link(link: str, settings: Settings) -> str:
    """The message's link as a reader's mail program shows it: in full, with the service's address."""
    return settings.base_url.rstrip("/") + link


# Headers kept on one line up to RFC 5322's 998 characters: Python's default of 78 folded a subject holding
# an apostrophe onto a line of its own, which some readers show with a leading space (subjects are ≤ 200).
UNFOLDED = email.policy.default.clone(max_line_length=998)


def email_of(message: Message, settings: Settings) -> EmailMessage:
    """The email a message becomes: plain text, its link in full on a line of its own."""
    mail = EmailMessage(policy=UNFOLDED)
    mail["From"] = settings.mail_from
    mail["To"] = message.address
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(utc_now())
    mail["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2].rstrip(">") or None)
    mail["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to the service
    mail.set_content(text_of(message, settings))
    return mail


def text_of(message: Message, settings: Settings) -> str:
    """The body as sent: the text, then the link in full (unless the text already ends with it)."""
    link = full_link(message.link, settings)
    body = message.body.rstrip()
    return body + "\n" if link in body else f"{body}\n\n{link}\n"


def claim(
    open_session: SessionFactory, *, now: datetime.datetime, limit: int = BATCH
) -> list[tuple[int, datetime.datetime]]:
    """Take up to `limit` messages due to be sent for this runner alone; their ids, each with its claim's moment."""
    claimable = or_(
        and_(col(Message.state) == MessageState.QUEUED.value, col(Message.next_attempt_at) <= now),
        and_(col(Message.state) == MessageState.SENDING.value, col(Message.claimed_at) < now - CLAIM_LEASE),
    )
    with open_session(writes=True) as session:
        candidates = session.exec(
            select(Message.id)
            .where(claimable)
            .order_by(col(Message.next_attempt_at), col(Message.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not candidates:
            return []
        # The claim repeats the condition: a row another runner changed since it was read is not taken.
        claimed = (
            session.execute(
                update(Message)
                .where(col(Message.id).in_(candidates), claimable)
                .values(state=MessageState.SENDING.value, claimed_at=now, attempts=col(Message.attempts) + 1)
                .returning(col(Message.id))
            )
            .scalars()
            .all()
        )
        session.commit()
    return [(int(message_id), now) for message_id in sorted(claimed)]


@dataclass
class DeliveryReport:
    """What one pass over the outbox did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def count(self, state: str) -> None:
        """One more message that ended the pass in `state`."""
        name = _COUNTED[state]
        setattr(self, name, getattr(self, name) + 1)


def send_due(
    open_session: SessionFactory, settings: Settings, *, now: datetime.datetime | None = None, limit: int = BATCH
) -> DeliveryReport:
    """Send what is due now through the configured relay (nothing without one); what happened."""
    report = DeliveryReport()
    if not settings.smtp_url:
        return report
    relay = relay_from_url(settings.smtp_url)
    moment = now or utc_now()
    claimed = claim(open_session, now=moment, limit=limit)
    if not claimed:
        return report
    connection: smtplib.SMTP | None = None
    try:
        for message_id, claimed_at in claimed:
            with open_session(writes=False) as session:
                message = session.get(Message, message_id)
            if message is None:
                continue
            try:
                connection = connection or connect(relay)
                connection.send_message(email_of(message, settings))
            except (smtplib.SMTPException, OSError) as error:
                _closed(connection)
                connection = None
                outcome = _after_failure(message, error, moment)
            else:
                outcome = {"state": MessageState.SENT.value, "sent_at": utc_now(), "last_error": None}
                if message.kind in one_time_links.KINDS:  # sent: the link is its recipient's alone now
                    outcome |= {
                        "body": one_time_links.struck(message.body),
                        "link": one_time_links.struck(message.link),
                    }
            _record(open_session, message_id, claimed_at, outcome)
            report.count(str(outcome["state"]))
    finally:
        _closed(connection)
    return report


_COUNTED = {MessageState.SENT.value: "sent", MessageState.QUEUED.value: "retrying", MessageState.FAILED.value: "failed"}


def connect(relay: Relay) -> smtplib.SMTP:
    """A connection to the relay, secured and signed in as its URL says."""
    context = ssl.create_default_context()
    if relay.security == "tls":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(relay.host, relay.port, timeout=SMTP_TIMEOUT_S, context=context)
    else:
        connection = smtplib.SMTP(relay.host, relay.port, timeout=SMTP_TIMEOUT_S)
    if relay.security == "starttls":
        connection.starttls(context=context)
    if relay.username:
        connection.login(relay.username, relay.password or "")
    return connection


def _closed(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


def _after_failure(message: Message, error: Exception, now: datetime.datetime) -> dict[str, object]:
    """Retry later with a longer wait each time, unless the relay refused for good or the attempts are spent."""
    permanent = isinstance(error, smtplib.SMTPRecipientsRefused) or (
        isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600
    )
    described = _described(error)
    if permanent or message.attempts >= MAX_ATTEMPTS:
        log.warning("message %s failed for good after %s attempts: %s", message.id, message.attempts, described)
        return {"state": MessageState.FAILED.value, "last_error": described}
    wait = min(FIRST_BACKOFF * 4 ** (message.attempts - 1), LONGEST_BACKOFF)
    return {"state": MessageState.QUEUED.value, "last_error": described, "next_attempt_at": now + wait}


def _described(error: Exception) -> str:
    """The relay's answer as it gave it ("550 No such mailbox"), or what went wrong reaching it."""
    if isinstance(error, smtplib.SMTPResponseException):
        answer = (
            error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        )
        return f"The relay answered {error.smtp_code} {answer}"[:2000]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"The relay refused the recipient: {error.recipients}"[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def _record(
    open_session: SessionFactory, message_id: int, claimed_at: datetime.datetime, outcome: dict[str, object]
) -> None:
    # Written only over our own claim: a message another runner took again after CLAIM_LEASE is its to record.
    with open_session(writes=True) as session:
        session.execute(
            update(Message)
            .where(
                col(Message.id) == message_id,
                col(Message.state) == MessageState.SENDING.value,
                col(Message.claimed_at) == claimed_at,
            )
            .values(**outcome)
        )
        session.commit()
