"""Working days in England: not a Saturday, Sunday or bank holiday of England and Wales.

The bank holidays come from the `holidays` package (pinned in pyproject.toml) rather than a list of our own:
the dates move (Easter), are substituted when they fall at a weekend, and are sometimes added by
proclamation (jubilees, a coronation, a state funeral); a maintained library picks those up with an upgrade,
where a list in this repository would silently go stale. Subdivision ENG is England, whose bank holidays
are Wales's too.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_day_before(day: datetime.date) -> datetime.date:
    """The last working day before `day` (the Thursday before Good Friday for a deadline on Easter Monday)."""
    candidate = day - datetime.timedelta(days=1)
    while not is_working_day(candidate):
        candidate -= datetime.timedelta(days=1)
    return candidate
