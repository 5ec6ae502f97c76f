"""What the start page lists for the person signed in: their open deadlines, soonest first, and what is new
since they last signed in. Both are read from service/notifications (obligations and event messages).
"""

import datetime
from dataclasses import dataclass

from sqlmodel import Session

from service.access import web_sessions
from service.access.identity import Member
from service.notifications import event_wording, events
from service.notifications.obligations import Obligation, open_obligations
from service.planning.timetable import local_date
from service.tables.access import User
from service.tables.columns import utc_now


@dataclass(frozen=True)
class NewsItem:
    """Something that happened that the caller was told of: the message's subject, its link and when."""

    subject: str
    href: str
    when: str


@dataclass(frozen=True)
class WhatIsNew:
    """The events told to the caller since they last signed in (or since their account was made, the first time)."""

    since: str
    first_sign_in: bool
    items: list[NewsItem]
    more: bool


NEWS_SHOWN = 20


def what_is_new(member: Member, session: Session) -> WhatIsNew | None:
    """What is new for a signed-in browser (an API token has no sign-in to count from)."""
    if member.session_id is None:
        return None
    previous = web_sessions.previous_sign_in(member.user_id, member.session_id, session=session)
    user = session.get(User, member.user_id)
    since = previous or (user.created_at if user is not None else None)
    if since is None:
        return None
    messages = events.new_since(member.user_id, since, session=session, limit=NEWS_SHOWN + 1)
    items = [NewsItem(m.subject, m.link, event_wording.moment(m.created_at)) for m in messages[:NEWS_SHOWN]]
    return WhatIsNew(event_wording.moment(since), previous is None, items, len(messages) > NEWS_SHOWN)


# Enough to see what is next without pushing the plans off the page; the reminders name every one.
DEADLINES_SHOWN = 8


@dataclass(frozen=True)
class OpenDeadline:
    """One thing the person must do, by when, and where."""

    to_do: str
    href: str
    due: datetime.date
    overdue: bool


@dataclass(frozen=True)
class YourDeadlines:
    """The person's open deadlines, soonest first, and how many more there are beyond those shown."""

    items: list[OpenDeadline]
    more: int


def your_deadlines(member: Member, session: Session) -> YourDeadlines:
    """Everything the person owes that is not yet done, soonest first: what their reminders are about."""
    user = session.get(User, member.user_id)
    if user is None:
        return YourDeadlines([], 0)
    now = utc_now()
    owed: list[Obligation] = open_obligations(user, now, session)
    today = local_date(now)
    items = [
        OpenDeadline(obligation.to_do, obligation.link, obligation.due, obligation.overdue_on(today))
        for obligation in owed[:DEADLINES_SHOWN]
    ]
    return YourDeadlines(items, max(0, len(owed) - DEADLINES_SHOWN))
