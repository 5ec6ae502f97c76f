"""The quarter's spend as an HTML form: field names, the figures as typed, and a posted form read back.

Pure, no HTTP. Money is read as Part 4's form reads it ("£2,000" and "2,000.50" are money), and every cell
that is not money is named at once, in the page's order.

The profile to date is a second grid of inputs beside the spend, shown filled with the profile in use: the
plan's Table 2 × q/4 until the finance officer enters one. A grid posted back unchanged from Table 2 × q/4
is not an entered profile (nothing was entered); any figure changed makes the whole grid theirs, until they
ask for the plan's profile back (CLEAR).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from plan_schema.funding import ExpenditureRow
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from service.pages.planning.funding_form import money_or_error, shown_money
from service.returns.spend import SpendEntry

FORECAST = "forecast_outturn"
CellName = Callable[[int, str], str]
# The form's second button: save the spend typed, and go back to the plan's Table 2 × q/4 as the profile.
PROFILE_ACTION, CLEAR = "profile_action", "clear"


def spend_name(row: int, source_field: str) -> str:
    """The form field of one cell of the quarter's spend (row 0 is Table 2's first category)."""
    return f"spend-{row}-{source_field}"


def profile_name(row: int, source_field: str) -> str:
    """The form field of one cell of the profile to date."""
    return f"profile-{row}-{source_field}"


def cell_label(category: str, source_field: str) -> str:
    """How a message names a cell: "Structured day programmes: Police (1.6)"."""
    source = next(source for source in EXPENDITURE_SOURCES if source.field == source_field)
    return f"{category}: {source.label} ({source.code})"


def _grid_values(rows: Sequence[ExpenditureRow], name: CellName) -> dict[str, str]:
    return {
        name(index, source.field): shown_money(getattr(row, source.field))
        for index, row in enumerate(rows)
        for source in EXPENDITURE_SOURCES
    }


def form_values(entry: SpendEntry, default_profile: Sequence[ExpenditureRow]) -> dict[str, str]:
    """Every input as the form shows a stored quarter: its spend, the profile in use, the forecast."""
    values = _grid_values(entry.actual, spend_name)
    values |= _grid_values(entry.profile if entry.profile is not None else default_profile, profile_name)
    values[FORECAST] = "" if entry.forecast_outturn is None else shown_money(entry.forecast_outturn)
    return values


@dataclass
class PostedSpend:
    """A posted form: what was typed, the problems by field in page order, and the entry when there are none."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    entry: SpendEntry | None = None


def _grid(result: PostedSpend, categories: Sequence[str], name: CellName, label: str) -> list[dict[str, str]]:
    """One grid's rows as posted; each cell that is not money named in `result.errors`."""
    rows: list[dict[str, str]] = []
    for index, category in enumerate(categories):
        row = {"category": category}
        for source in EXPENDITURE_SOURCES:
            cell = name(index, source.field)
            amount, problem = money_or_error(result.values.get(cell, ""))
            if amount is None:
                result.errors[cell] = f"{cell_label(category, source.field)}{label}: {problem}"
            else:
                row[source.field] = amount
        rows.append(row)
    return rows


def _page_order(categories: int) -> list[str]:
    """The inputs as the page lays them out: a category at a time, each source's spend then its profile."""
    cells = [
        name(index, source.field)
        for index in range(categories)
        for source in EXPENDITURE_SOURCES
        for name in (spend_name, profile_name)
    ]
    return [*cells, FORECAST]


def _same_grid(rows: Sequence[ExpenditureRow], other: Sequence[ExpenditureRow]) -> bool:
    return all(
        Decimal(getattr(mine, source.field)) == Decimal(getattr(theirs, source.field))
        for mine, theirs in zip(rows, other, strict=True)
        for source in EXPENDITURE_SOURCES
    )


def read_posted(
    posted: Mapping[str, str], stored: SpendEntry, categories: Sequence[str], default_profile: Sequence[ExpenditureRow]
) -> PostedSpend:
    """The posted figures over Part 4's categories; every problem, not the first.

    A form without the profile's grid (posted by an older page) keeps the stored profile.
    """
    shown = form_values(stored, default_profile)
    result = PostedSpend(values={name: posted.get(name, "") for name in shown})
    clearing = posted.get(PROFILE_ACTION) == CLEAR
    profile_posted = any(name.startswith("profile-") and name in posted for name in shown)
    actual = _grid(result, categories, spend_name, "")
    profile_rows = _grid(result, categories, profile_name, ", profile to date") if profile_posted else []
    if clearing:
        # Going back to the plan's profile: what was typed in the profile's grid is deliberately let go.
        result.errors = {name: text for name, text in result.errors.items() if not name.startswith("profile-")}
    forecast_typed = result.values[FORECAST].strip()
    forecast, problem = money_or_error(forecast_typed) if forecast_typed else (None, None)
    if problem:
        result.errors[FORECAST] = f"Forecast outturn for the year: {problem}"
    if result.errors:
        result.errors = {name: result.errors[name] for name in _page_order(len(categories)) if name in result.errors}
        return result
    profile = stored.profile
    if clearing:
        profile = None
    elif profile_posted:
        typed = [ExpenditureRow.model_validate(row) for row in profile_rows]
        unchanged_default = stored.profile is None and _same_grid(typed, default_profile)
        profile = None if unchanged_default else typed
    rows = [ExpenditureRow.model_validate(row) for row in actual]
    result.entry = SpendEntry(actual=rows, profile=profile, forecast_outturn=forecast)
    return result
