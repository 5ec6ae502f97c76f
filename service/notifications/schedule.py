"""What the background runner does for notifications on each round: send the outbox; hourly, the reminders.

Every step is safe to repeat and to run in several processes at once (claims and dedupe keys), so each
process's runner does it all; the clock is injectable so tests can walk through a year.
"""

import datetime
from collections.abc import Callable

from service.notifications import delivery, digest, reminders
from service.platform.db import SessionFactory
from service.platform.settings import Settings
from service.tables.columns import utc_now

# How often the runner looks for reminders and digests due: a reminder is for a day, so an hour late is on time.
HOURLY = datetime.timedelta(hours=1)
Clock = Callable[[], datetime.datetime]


class NotificationDuties:
    """The runner's duty for notifications: callable with the session factory, once per round."""

    def __init__(self, settings: Settings, *, clock: Clock = utc_now) -> None:
        self._settings = settings
        self._clock = clock
        self._last_hourly: datetime.datetime | None = None

    def __call__(self, open_session: SessionFactory) -> None:
        """Send what is due; once an hour, work out the reminders and digests due too."""
        now = self._clock()
        if self._last_hourly is None or now - self._last_hourly >= HOURLY:
            self._last_hourly = now
            self.hourly(open_session, now)
        delivery.send_due(open_session, self._settings, now=now)

    def hourly(self, open_session: SessionFactory, now: datetime.datetime) -> None:
        """The reminders and digests due at `now`, in one transaction (a second process's are no-ops)."""
        run_hourly(open_session, now, self._settings)


def run_hourly(open_session: SessionFactory, now: datetime.datetime, settings: Settings) -> tuple[int, int]:
    """Enqueue the reminders and digests due at `now`; how many of each.

    What is due is worked out in a reading session first: on SQLite a writing one holds the database's only
    write lock from its start, and requests must not wait while every plan's obligations are read.
    """
    with open_session(writes=False) as session:
        pending = reminders.due_reminders(now, session=session)
    with open_session(writes=True) as session:
        sent = reminders.enqueue_reminders(pending, now, session=session)
        digests = digest.send_digests(now, session=session, base_url=settings.base_url)
        session.commit()
    return sent, digests
