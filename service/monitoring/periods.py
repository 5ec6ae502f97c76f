"""The periods a figure can be for: a plan year ("2027/28") or one of its quarters ("2027/28 Q1")."""

import re
from dataclasses import dataclass

from plan_schema.plan_year import check_plan_year, year_before

_PERIOD = re.compile(r"^(?P<plan_year>\d{4}/\d{2})(?: Q(?P<quarter>[1-4]))?$")


class UnreadablePeriod(ValueError):
    """A period label that is neither a plan year nor a quarter of one."""


@dataclass(frozen=True)
class Period:
    """A plan year, or a quarter of it when `quarter` is 1 to 4 (quarter 1 is April to June)."""

    plan_year: str
    quarter: int | None = None

    @classmethod
    def parse(cls, label: str) -> "Period":
        """ "2027/28 Q1" or "2027/28"; anything else is refused, naming the label."""
        match = _PERIOD.match(label)
        if match is None:
            raise UnreadablePeriod(f'"{label}" is not a period such as "2027/28 Q1" or "2027/28"')
        try:
            plan_year = check_plan_year(match.group("plan_year"))
        except ValueError as error:
            raise UnreadablePeriod(str(error)) from error
        quarter = match.group("quarter")
        return cls(plan_year=plan_year, quarter=int(quarter) if quarter else None)

    @property
    def label(self) -> str:
        return self.plan_year if self.quarter is None else f"{self.plan_year} Q{self.quarter}"

    def year_before(self) -> "Period":
        """The same quarter (or year) a year earlier: the period a rolling or year-to-date figure compares with."""
        return Period(plan_year=year_before(self.plan_year), quarter=self.quarter)
