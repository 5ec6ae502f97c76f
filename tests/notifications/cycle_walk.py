"""Walking a clock through a plan year: each morning the runner's reminder pass, and what each person received."""

import datetime
import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from service.notifications import reminders
from service.planning.timetable import ENGLAND
from service.tables.notifications import Message

ONE_DAY = datetime.timedelta(days=1)
REMINDER_KINDS = (reminders.KIND, reminders.OVERDUE_KIND)


def morning(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """A moment on the day in England (GMT or BST), when the runner's hourly pass finds the day's reminders."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ENGLAND)


@dataclass
class Clock:
    """The day the walk has reached; each day passed runs the runner's reminder pass that morning."""

    session: Session
    today: datetime.date

    def walk_to(self, day: datetime.date) -> None:
        """Every day from today to `day`, both included, then the clock stands on `day`."""
        while self.today <= day:
            reminders.send_reminders(morning(self.today), session=self.session)
            self.today += ONE_DAY
        self.today = day

    def next_day(self) -> None:
        """Leave the day the clock stands on (its reminders were sent) for the next."""
        self.today += ONE_DAY


@dataclass(frozen=True)
class Received:
    """A message as its recipient would list it: the day it came and its subject."""

    day: datetime.date
    subject: str


# A Part 3 action's milestone, as its reminders' subjects name it ("Complete action 1.2.1 of …").
MILESTONE = re.compile(r"\baction \d+\.\d+\.\d+ ")


def inbox(session: Session, address: str, *, milestones: bool | None = False, about: str = "") -> list[Received]:
    """Every reminder to an address in the order sent: with or without milestones' (None: all), about something."""
    messages = _sent_to(session, address, reminders=True)
    return [
        Received(message.created_at.astimezone(ENGLAND).date(), message.subject)
        for message in messages
        if (milestones is None or bool(MILESTONE.search(message.subject)) is milestones) and about in message.subject
    ]


def events(session: Session, address: str) -> list[Received]:
    """The event messages to an address, in the order sent: what happened, as its people were told of it."""
    return [
        Received(message.created_at.astimezone(ENGLAND).date(), message.subject)
        for message in _sent_to(session, address, reminders=False)
    ]


def _sent_to(session: Session, address: str, *, reminders: bool) -> list[Message]:
    messages = session.exec(select(Message).where(Message.address == address).order_by(col(Message.id))).all()
    return [message for message in messages if (message.kind in REMINDER_KINDS) is reminders]
