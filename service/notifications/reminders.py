"""Reminders of obligations: 14 and 7 days before, the working day before, on the day, then overdue notices.

An obligation not yet satisfied gets, on each of these days, the latest reminder whose day has come: a
runner that was stopped for a while sends the reminder for today, not every one it missed. Overdue notices
go the day after the due date and then weekly (for CHASED_FOR), with the region's reviewers copied. Each
reminder is a message whose dedupe key names the obligation, the reminder and the recipient, so a rerun,
or a second process running at once, sends nothing twice; a satisfied obligation gets nothing more.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session, col, or_, select

from service.notifications import outbox, reminder_text
from service.notifications.obligations import CHASED_FOR, Obligation, all_obligations
from service.notifications.working_days import working_day_before
from service.planning.timetable import ENGLAND, local_date
from service.tables.access import Role, User
from service.tables.columns import id_of
from service.tables.notifications import Message

# Reminders go out from this hour (England's time) of their day, at the start of a working morning.
SEND_FROM_HOUR = 8
KIND = "deadline-reminder"
OVERDUE_KIND = "overdue-notice"
REVIEWERS = frozenset({Role.REVIEWER})
# Reminders are read back for this long beyond the longest chase (the earliest is 14 days before the due date).
LOOK_BACK = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Reminder:
    """One of an obligation's reminders: its name in dedupe keys, the day it goes, and days to the due date."""

    name: str  # "14-days", "7-days", "working-day-before", "on-the-day", "overdue-1", "overdue-8", …
    day: datetime.date
    days_left: int

    @property
    def overdue(self) -> bool:
        """An overdue notice (after the due date), which the region's reviewers are copied into."""
        return self.days_left < 0


@lru_cache(maxsize=4096)
def reminders_for(due: datetime.date) -> tuple[Reminder, ...]:
    """Every reminder of a due date, in the order they go (those falling on one day: the later one only)."""
    days = [
        ("14-days", due - datetime.timedelta(days=14)),
        ("7-days", due - datetime.timedelta(days=7)),
        ("working-day-before", working_day_before(due)),
        ("on-the-day", due),
    ]
    overdue = due + datetime.timedelta(days=1)
    while overdue <= due + CHASED_FOR:
        days.append((f"overdue-{(overdue - due).days}", overdue))
        overdue += datetime.timedelta(weeks=1)
    by_day = {day: name for name, day in days}  # a later reminder on the same day replaces an earlier one
    return tuple(Reminder(name, day, (due - day).days) for day, name in sorted(by_day.items()))


def reminder_due(obligation: Obligation, today: datetime.date) -> Reminder | None:
    """The reminder to send on `today`, if any: the latest whose day has come, while the obligation is open."""
    if obligation.satisfied:
        return None
    come = [reminder for reminder in reminders_for(obligation.due) if reminder.day <= today]
    return come[-1] if come else None


def _users(session: Session, roles: frozenset[Role], *, partnership_id: int, region_id: int) -> list[User]:
    """The active users holding `roles` for the partnership (planners, finance) or its region (reviewers)."""
    scoped = []
    if roles & {Role.PLANNER, Role.FINANCE}:
        scoped.append(
            col(User.role).in_([role.value for role in roles & {Role.PLANNER, Role.FINANCE}])
            & (col(User.partnership_id) == partnership_id)
        )
    if Role.REVIEWER in roles:
        scoped.append((col(User.role) == Role.REVIEWER.value) & (col(User.region_id) == region_id))
    if not scoped:
        return []
    query = select(User).where(col(User.active).is_(True), or_(*scoped)).order_by(col(User.id))
    return list(session.exec(query).all())


def responsible(obligation: Obligation, *, session: Session) -> list[User]:
    """Who is held to the obligation: its roles, for the plan's partnership or region."""
    return _users(session, obligation.roles, partnership_id=obligation.partnership_id, region_id=obligation.region_id)


@dataclass(frozen=True)
class PendingReminder:
    """A reminder to enqueue: to whom, its dedupe key, and what it says."""

    user: User
    key: str
    kind: str
    text: reminder_text.MessageText
    link: str


def due_reminders(now: datetime.datetime, *, session: Session) -> list[PendingReminder]:
    """Every reminder due at `now` and not sent yet, worked out without writing anything.

    Before SEND_FROM_HOUR in England nothing is due: a reminder for today is sent in the morning, not at midnight.
    """
    if now.astimezone(ENGLAND).hour < SEND_FROM_HOUR:
        return []
    today = local_date(now)
    # The keys of the reminders sent lately, read once: an overdue obligation's latest reminder stays "due" every
    # day until the next, and asking the database about each recipient of each one every hour is most of the work.
    # The unique key still decides (a process that sent meanwhile makes the INSERT a no-op).
    sent_keys = set(
        session.exec(
            select(Message.dedupe_key).where(
                col(Message.kind).in_([KIND, OVERDUE_KIND]), col(Message.created_at) >= now - CHASED_FOR - LOOK_BACK
            )
        ).all()
    )
    users: dict[tuple[frozenset[Role], int, int], list[User]] = {}

    def held_to(roles: frozenset[Role], obligation: Obligation) -> list[User]:
        scope = (roles, obligation.partnership_id, obligation.region_id)
        if scope not in users:
            users[scope] = _users(
                session, roles, partnership_id=obligation.partnership_id, region_id=obligation.region_id
            )
        return users[scope]

    pending = []
    for obligation in all_obligations(today, session=session):
        reminder = reminder_due(obligation, today)
        if reminder is None:
            continue
        doers = held_to(obligation.roles, obligation)
        copied: list[User] = []
        if reminder.overdue:
            copied = [user for user in held_to(REVIEWERS, obligation) if user not in doers]
        for user, as_copy in [(user, False) for user in doers] + [(user, True) for user in copied]:
            key = f"reminder:{obligation.key}:{reminder.name}:{id_of(user)}"
            if key in sent_keys:
                continue
            text = reminder_text.reminder_message(
                obligation, days_left=reminder.days_left, today=today, user=user, as_copy=as_copy
            )
            kind = OVERDUE_KIND if reminder.overdue else KIND
            pending.append(PendingReminder(user, key, kind, text, obligation.link))
    return pending


def enqueue_reminders(pending: list[PendingReminder], now: datetime.datetime, *, session: Session) -> int:
    """Store each reminder once (a key another process stored meanwhile is a no-op); how many were stored."""
    stored = 0
    for reminder in pending:
        message = outbox.enqueue(
            session,
            recipient=reminder.user,
            kind=reminder.kind,
            subject=reminder.text.subject,
            body=reminder.text.body,
            link=reminder.link,
            dedupe_key=reminder.key,
            now=now,
        )
        stored += message is not None
    return stored


def send_reminders(now: datetime.datetime, *, session: Session) -> int:
    """Enqueue every reminder due at `now` not sent before, in one session; how many were enqueued."""
    return enqueue_reminders(due_reminders(now, session=session), now, session=session)
