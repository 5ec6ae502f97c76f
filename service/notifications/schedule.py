"""What the background runner does for notifications on each round: send the outbox; hourly, the reminders.

Every step is safe to repeat and to run in several processes at once (claims and dedupe keys), so each
process's runner does it all; the clock is injectable so tests can walk through a year.
"""

import datetime
from collections.abc import Callable

from service.notifications import delivery
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
        """The reminders and digests due at `now` (nothing yet: they are added with the obligations)."""
