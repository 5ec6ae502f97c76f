"""Plan years such as 2008/09: 1 April to 31 March."""

import datetime
import re
from typing import Annotated

from pydantic import AfterValidator, Field

_PLAN_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
# Years a label can name: wide enough for any real plan, and every date in them exists. (A cycle's
# own year is narrower, so that its previous and indicative years are in range too: service/planning/cycles.py.)
FIRST_YEARS = (1900, 2099)


def check_plan_year(label: str) -> str:
    """Accept "2008/09" and refuse "2008/10" or "2008-09"."""
    match = _PLAN_YEAR.match(label)
    if not match or not FIRST_YEARS[0] <= int(match.group(1)) <= FIRST_YEARS[1]:
        raise ValueError(f'"{label}" is not a plan year such as "2008/09" (from 1900/01 to 2099/00)')
    if (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f'"{label}" is not a plan year such as "2008/09"')
    return label


def first_calendar_year(label: str) -> int:
    """2008 for "2008/09"."""
    return int(check_plan_year(label)[:4])


def plan_year_label(first_year: int) -> str:
    """ "2008/09" for 2008."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def year_before(label: str) -> str:
    """ "2007/08" for "2008/09": the previous year's previous year is Part 2's baseline year."""
    return plan_year_label(first_calendar_year(label) - 1)


def plan_year_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a plan year: 1 April and 31 March."""
    start = first_calendar_year(label)
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


# Each quarter's last day: (calendar years after the plan year's first, month, day).
_QUARTER_ENDS = {1: (0, 6, 30), 2: (0, 9, 30), 3: (0, 12, 31), 4: (1, 3, 31)}


def quarter_end(label: str, quarter: int) -> datetime.date:
    """The last day of a quarter of a plan year: 30 June 2008 for quarter 1 of 2008/09, 31 March 2009 for 4."""
    years_on, month, day = _QUARTER_ENDS[quarter]
    return datetime.date(first_calendar_year(label) + years_on, month, day)


# check_plan_year as a JSON Schema pattern: every plan year it accepts, spelt out.
PLAN_YEAR_PATTERN = "^(" + "|".join(plan_year_label(year) for year in range(FIRST_YEARS[0], FIRST_YEARS[1] + 1)) + ")$"
# A cycle's own year: its previous year and two indicative years must be plan years as well.
CYCLE_YEARS = (FIRST_YEARS[0] + 1, FIRST_YEARS[1] - 2)
CYCLE_YEAR_PATTERN = "^(" + "|".join(plan_year_label(year) for year in range(CYCLE_YEARS[0], CYCLE_YEARS[1] + 1)) + ")$"


def check_cycle_year(label: str) -> str:
    """A plan year a cycle can be for: 1901/02 to 2097/98."""
    start = first_calendar_year(label)
    if not CYCLE_YEARS[0] <= start <= CYCLE_YEARS[1]:
        first, last = plan_year_label(CYCLE_YEARS[0]), plan_year_label(CYCLE_YEARS[1])
        raise ValueError(f"a cycle's plan year must be from {first} to {last}")
    return label


CycleYear = Annotated[
    str,
    Field(examples=["2027/28"], json_schema_extra={"pattern": CYCLE_YEAR_PATTERN}),
    AfterValidator(check_cycle_year),
]
PlanYear = Annotated[
    str, Field(examples=["2008/09"], json_schema_extra={"pattern": PLAN_YEAR_PATTERN}), AfterValidator(check_plan_year)
]
