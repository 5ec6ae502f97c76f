"""Tables of notifications: every message the service sends (its outbox) and how often each user wants them.

Reminders of deadlines are not stored apart: the obligations they remind of are worked out from the
plans, submissions and returns (service/notifications/obligations.py), and a reminder sent is a message
whose dedupe key names the obligation, the reminder and the recipient.
"""

import datetime
from enum import StrEnum

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from service.tables.columns import UtcDateTime, timestamp_field


class MessageState(StrEnum):
    """Where a message is on its way out."""

    QUEUED = "queued"  # waiting for the runner (or, with no relay configured, read in the outbox)
    SENDING = "sending"  # claimed by one runner, which is handing it to the relay
    SENT = "sent"
    FAILED = "failed"  # refused by the relay for good, or still failing after every retry
    HELD = "held"  # an event message for a user who chose the weekly digest, waiting for Monday's
    DIGESTED = "digested"  # gathered into a digest message (digest_id), which is the one sent


class Message(SQLModel, table=True):
    """One email to one recipient: what it says, where it links to, and how its delivery went."""

    __tablename__ = "message"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=60, index=True)
    # A user of the service, or an address alone (an invitation goes to someone with no account yet).
    recipient_user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    address: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    # A path in the service ("/plans/3"): the email gives it in full, after the base URL of the settings.
    link: str = Field(max_length=500)
    # The same thing enqueued twice (a rerun, a second process) is stored once: the key is unique.
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    state: str = Field(max_length=10, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime.datetime = timestamp_field()
    # Not before this moment: now when queued, later after a failed attempt (backing off).
    next_attempt_at: datetime.datetime = timestamp_field()
    claimed_at: datetime.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    sent_at: datetime.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    digest_id: int | None = Field(default=None, foreign_key="message.id")


class Cadence(StrEnum):
    """How a user gets event messages (deadline reminders always come at once)."""

    IMMEDIATE = "immediate"
    WEEKLY = "weekly"


class NotificationPreference(SQLModel, table=True):
    """A user's choice of cadence; a user without a row gets messages at once."""

    __tablename__ = "notification_preference"

    user_id: int = Field(foreign_key="app_user.id", primary_key=True, sa_column_kwargs={"autoincrement": False})
    cadence: str = Field(max_length=10)
    # Saves name the version they changed, so a stale form is refused rather than silently undoing a newer choice.
    version: int = 1
    updated_at: datetime.datetime = timestamp_field()
