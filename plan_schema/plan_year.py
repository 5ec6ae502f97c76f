"""Plan years such as 2008/09: 1 April to 31 March."""

import datetime
import re
from typing import Annotated

from pydantic import AfterValidator, Field

_PLAN_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def check_plan_year(label: str) -> str:
    """Accept "2008/09" and refuse "2008/10" or "2008-09"."""
    match = _PLAN_YEAR.match(label)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f'"{label}" is not a plan year such as "2008/09"')
    return label


def first_calendar_year(label: str) -> int:
    """2008 for "2008/09"."""
    return int(check_plan_year(label)[:4])


def plan_year_label(first_year: int) -> str:
    """ "2008/09" for 2008."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def plan_year_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a plan year: 1 April and 31 March."""
    start = first_calendar_year(label)
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


# check_plan_year as a JSON Schema pattern: the second year is the first plus one (99/00 included).
PLAN_YEAR_PATTERN = "^\\d{2}(" + "|".join(f"{year:02d}/{(year + 1) % 100:02d}" for year in range(100)) + ")$"
PlanYear = Annotated[
    str, Field(examples=["2008/09"], json_schema_extra={"pattern": PLAN_YEAR_PATTERN}), AfterValidator(check_plan_year)
]
