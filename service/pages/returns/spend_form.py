"""The quarter's spend as an HTML form: field names, the figures as typed, and a posted form read back.

Pure, no HTTP. Money is read as Part 4's form reads it ("£2,000" and "2,000.50" are money), and every cell
that is not money is named at once, in the page's order.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from plan_schema.funding import ExpenditureRow
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from service.pages.planning.funding_form import money_or_error, shown_money
from service.returns.spend import SpendEntry

FORECAST = "forecast_outturn"


def spend_name(row: int, source_field: str) -> str:
    """The form field of one cell of the quarter's spend (row 0 is Table 2's first category)."""
    return f"spend-{row}-{source_field}"


def cell_label(category: str, source_field: str) -> str:
    """How a message names a cell: "Structured day programmes: Police (1.6)"."""
    source = next(source for source in EXPENDITURE_SOURCES if source.field == source_field)
    return f"{category}: {source.label} ({source.code})"


def form_values(entry: SpendEntry) -> dict[str, str]:
    """Every input as the form shows a stored quarter."""
    values = {
        spend_name(index, source.field): shown_money(getattr(row, source.field))
        for index, row in enumerate(entry.actual)
        for source in EXPENDITURE_SOURCES
    }
    values[FORECAST] = "" if entry.forecast_outturn is None else shown_money(entry.forecast_outturn)
    return values


@dataclass
class PostedSpend:
    """A posted form: what was typed, the problems by field in page order, and the entry when there are none."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    entry: SpendEntry | None = None


def read_posted(posted: Mapping[str, str], stored: SpendEntry, categories: Sequence[str]) -> PostedSpend:
    """The posted figures over Part 4's categories, keeping the stored profile; every problem, not the first."""
    result = PostedSpend(values={name: posted.get(name, "") for name in form_values(stored)})
    rows: list[dict[str, str]] = []
    for index, category in enumerate(categories):
        row = {"category": category}
        for source in EXPENDITURE_SOURCES:
            name = spend_name(index, source.field)
            amount, problem = money_or_error(result.values.get(name, ""))
            if amount is None:
                result.errors[name] = f"{cell_label(category, source.field)}: {problem}"
            else:
                row[source.field] = amount
        rows.append(row)
    forecast_typed = result.values[FORECAST].strip()
    forecast, problem = money_or_error(forecast_typed) if forecast_typed else (None, None)
    if problem:
        result.errors[FORECAST] = f"Forecast outturn for the year: {problem}"
    if not result.errors:
        actual = [ExpenditureRow.model_validate(row) for row in rows]
        result.entry = SpendEntry(actual=actual, profile=stored.profile, forecast_outturn=forecast)
    return result
