"""The periods a figure can be for: a plan year ("2027/28") or one of its quarters ("2027/28 Q1").

Quarters are of the plan year, not the calendar: Q1 is April to June, Q4 January to March. Months
are not accepted yet; no metric in the catalogue is published monthly for a partnership's areas.
"""

import datetime
import re
from dataclasses import dataclass

from plan_schema.plan_year import FIRST_YEARS, check_plan_year, plan_year_label, quarter_end, year_before

_PERIOD = re.compile(r"^(?P<year>\d{4}/\d{2})(?: Q(?P<quarter>[1-4]))?$")
# The canonical form as a JSON Schema pattern, every plan year spelt out as plan_year's own pattern does
# (Period.parse is kinder: any case, spaces anywhere).
PERIOD_PATTERN = (
    "^(" + "|".join(plan_year_label(year) for year in range(FIRST_YEARS[0], FIRST_YEARS[1] + 1)) + ")( Q[1-4])?$"
)
ACCEPTED_FORMS = '"2027/28" for a plan year, or "2027/28 Q1" to "2027/28 Q4" for one of its quarters'


class UnreadablePeriod(ValueError):
    """A period label that is neither a plan year nor a quarter of one."""


@dataclass(frozen=True, order=True)
class Period:
    """A plan year, or a quarter of one (quarter None for the whole year)."""

    plan_year: str
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> "Period":
        """Read "2027/28" or "2027/28 Q3", in any case, spaces around ignored; anything else is UnreadablePeriod."""
        match = _PERIOD.match(" ".join(text.upper().split()))
        if match is None:
            raise UnreadablePeriod(f'"{text}" is not a period: write {ACCEPTED_FORMS}')
        try:
            year = check_plan_year(match.group("year"))
        except ValueError:
            year_text = match.group("year")
            raise UnreadablePeriod(
                f'"{text}" is not a period: {year_text} is no plan year; write {ACCEPTED_FORMS}'
            ) from None
        quarter = match.group("quarter")
        return cls(plan_year=year, quarter=int(quarter) if quarter else None)

    @property
    def label(self) -> str:
        """ "2027/28 Q1", or "2027/28" for the whole year."""
        return self.plan_year if self.quarter is None else f"{self.plan_year} Q{self.quarter}"

    def __str__(self) -> str:
        return self.label

    def year_before(self) -> "Period":
        """The same quarter (or year) a year earlier: the period a rolling or year-to-date figure compares with."""
        return Period(plan_year=year_before(self.plan_year), quarter=self.quarter)

    @property
    def ends(self) -> datetime.date:
        """The last day of the period: 30 June for Q1, 31 March for Q4 and for the whole year."""
        return quarter_end(self.plan_year, self.quarter or 4)


def plan_year_on(day: datetime.date) -> str:
    """The plan year a day falls in: "2026/27" from 1 April 2026 to 31 March 2027."""
    return plan_year_label(day.year if day.month >= 4 else day.year - 1)
