"""Spend against its profile: the one place a quarter's variance, flags, forecast and cost per adult are worked out.

Pure, Decimal throughout. The profile to date is Table 2 × q/4 (spend assumed even through the year, as
the template assumes nothing else) unless the finance officer entered one; each profiled cell is rounded
to the penny, and every total is the sum of its rounded cells, so the workbook's totals add up to the penny.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow
from plan_schema.money import PENNY, ZERO
from plan_schema.plan_year import first_calendar_year
from plan_schema.target_numbers import target_number
from plan_schema.targets import Targets

SOURCE_FIELDS = funding_totals.SOURCE_FIELDS
QUARTERS = (1, 2, 3, 4)
# The quarters of a plan year, which runs from April.
QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}
_TENTH = Decimal("0.1")


def quarter_months(plan_year: str, quarter: int) -> str:
    """The quarter's months with their year: Q4 of 2008/09 is "January to March 2009"."""
    year = first_calendar_year(plan_year) + (1 if quarter == 4 else 0)
    return f"{QUARTER_MONTHS[quarter]} {year}"


def _pennies(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Variance:
    """One figure's profile to date and actual year to date, and how far apart they are."""

    profile: Decimal
    actual: Decimal
    flagged: bool

    @property
    def amount(self) -> Decimal:
        """Actual − profile: positive is overspent, negative underspent."""
        return self.actual - self.profile

    @property
    def pct(self) -> Decimal | None:
        """The variance as a % of the profile, to one decimal place; None when nothing was profiled."""
        if self.profile == 0:
            return None
        return (self.amount * 100 / self.profile).quantize(_TENTH, rounding=ROUND_HALF_UP)


def variance(profile: Decimal, actual: Decimal, threshold_pct: Decimal) -> Variance:
    """A figure's variance, flagged when it strays further than the threshold from its profile.

    Compared exactly (|actual − profile| × 100 > threshold × profile), never on the rounded %, so a cell
    the page shows as "10.0%" is flagged or not as the workbook's formula decides. Spend where nothing was
    profiled is flagged too: no percentage measures it, and it is exactly what a commissioner asks about.
    """
    amount = actual - profile
    if profile == 0:
        return Variance(profile, actual, flagged=actual != 0)
    return Variance(profile, actual, flagged=abs(amount) * 100 > threshold_pct * profile)


@dataclass(frozen=True)
class CategoryVariance:
    """One Table 2 row: each source's variance and the row's (column N's)."""

    category: str
    cells: dict[str, Variance]
    total: Variance


@dataclass(frozen=True)
class SpendVariance:
    """A quarter's spend against its profile, by cell, row, source and in total, with the year's outlook."""

    quarter: int
    threshold_pct: Decimal
    categories: list[CategoryVariance]
    sources: dict[str, Variance]
    total: Variance
    planned_total: Decimal
    forecast_outturn: Decimal
    forecast_entered: bool
    adults_in_treatment: int | None
    cost_per_adult: Decimal | None

    @property
    def flagged_count(self) -> int:
        """How many cells are flagged (the figures a finance officer is asked to explain)."""
        return sum(cell.flagged for row in self.categories for cell in row.cells.values())


def _unchecked_row(category: str, cells: dict[str, Decimal]) -> ExpenditureRow:
    values: dict[str, Any] = {"category": category, **cells}
    return ExpenditureRow.model_construct(**values)


def profile_to_date(table_2: Sequence[ExpenditureRow], quarter: int) -> list[ExpenditureRow]:
    """Table 2 × q/4, each cell to the penny: what should have been spent by the end of the quarter."""
    # Built without validation: every figure is already a Decimal in pence, and a region's view works out
    # some ninety of these, where parsing each cell again as typed money was two thirds of its time.
    return [
        _unchecked_row(row.category, {f: _pennies(getattr(row, f) * quarter / 4) for f in SOURCE_FIELDS})
        for row in table_2
    ]


def year_to_date(quarters: Iterable[Sequence[ExpenditureRow]], categories: Sequence[str]) -> list[ExpenditureRow]:
    """Each cell added up over the quarters given (a quarter with nothing stored counts as nothing spent)."""
    sums = [dict.fromkeys(SOURCE_FIELDS, ZERO) for _ in categories]
    for rows in quarters:
        for index, row in enumerate(rows[: len(categories)]):
            for field in SOURCE_FIELDS:
                sums[index][field] += getattr(row, field)
    # Sums of validated money, so built without validation (see profile_to_date); a year's sum may pass £1bn.
    return [_unchecked_row(category, sums[index]) for index, category in enumerate(categories)]


def planned_adults_in_treatment(targets: Targets) -> int | None:
    """Part 2 indicator 1.2 for the plan year: last year's predicted number × the planned change; None unset."""
    adults = targets.all_adults_in_effective_treatment
    if adults.baseline_predicted is None or adults.planned_change_pct.plan_year is None:
        return None
    return target_number(adults.baseline_predicted, adults.planned_change_pct.plan_year)


def forecast_outturn(actual_total: Decimal, quarter: int) -> Decimal:
    """The year's outturn if spending goes on as it has: year to date ÷ q × 4."""
    return _pennies(actual_total * 4 / quarter)


def cost_per_adult(actual_total: Decimal, adults: int | None) -> Decimal | None:
    """Year-to-date spend per adult the plan expects in effective treatment; None without that number."""
    if not adults:
        return None
    return _pennies(actual_total / adults)


def spend_variance(
    *,
    quarter: int,
    table_2: Sequence[ExpenditureRow],
    actual_to_date: Sequence[ExpenditureRow],
    threshold_pct: Decimal,
    entered_profile: Sequence[ExpenditureRow] | None = None,
    entered_forecast: Decimal | None = None,
    adults_in_treatment: int | None = None,
) -> SpendVariance:
    """Every variance of a quarter, from the plan's Table 2 and the spend so far."""
    if quarter not in QUARTERS:
        raise ValueError(f"a plan year has quarters 1 to 4, not {quarter}")
    profile = list(entered_profile) if entered_profile is not None else profile_to_date(table_2, quarter)
    categories: list[CategoryVariance] = []
    for planned, spent in zip(profile, actual_to_date, strict=True):
        cells = {
            field: variance(getattr(planned, field), getattr(spent, field), threshold_pct) for field in SOURCE_FIELDS
        }
        row_total = variance(
            funding_totals.expenditure_row_total(planned), funding_totals.expenditure_row_total(spent), threshold_pct
        )
        categories.append(CategoryVariance(spent.category, cells, row_total))
    sources = {
        field: variance(
            funding_totals.expenditure_source_total(profile, field),
            funding_totals.expenditure_source_total(actual_to_date, field),
            threshold_pct,
        )
        for field in SOURCE_FIELDS
    }
    total = variance(funding_totals.grand_total(profile), funding_totals.grand_total(actual_to_date), threshold_pct)
    return SpendVariance(
        quarter=quarter,
        threshold_pct=threshold_pct,
        categories=categories,
        sources=sources,
        total=total,
        planned_total=funding_totals.grand_total(table_2),
        forecast_outturn=entered_forecast if entered_forecast is not None else forecast_outturn(total.actual, quarter),
        forecast_entered=entered_forecast is not None,
        adults_in_treatment=adults_in_treatment,
        cost_per_adult=cost_per_adult(total.actual, adults_in_treatment),
    )
