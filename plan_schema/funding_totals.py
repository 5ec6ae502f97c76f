"""Every figure Part 4 works out: 1.3, 1.14, Table 2 totals and N15. The one place they live."""

from collections.abc import Iterable
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING

from plan_schema.money import ZERO
from plan_schema.vocabulary import EXPENDITURE_SOURCES

if TYPE_CHECKING:
    from plan_schema.funding import ExpenditureRow, ExpenditureTotals, Funding, FundingYear

SOURCE_FIELDS: tuple[str, ...] = tuple(source.field for source in EXPENDITURE_SOURCES)
_WORKED_OUT = "smptb_adult"  # the one source column whose Table 1 figure is worked out (1.3), not entered
# Each a row's or a column's figures in one call: a part's save works every total out, and summing them one
# getattr at a time was a third of reading its funding part (100 of 230 µs).
_ENTERED_SOURCES = attrgetter(*(field for field in SOURCE_FIELDS if field != _WORKED_OUT))
_SOURCES = attrgetter(*SOURCE_FIELDS)


def adult_smptb(column: "FundingYear") -> Decimal:
    """1.3 = 1.1 − 1.2 (negative only when 1.2 exceeds 1.1, which a rule reports)."""
    return column.smptb_allocation - column.young_peoples_allocation


def source_figure(column: "FundingYear", field: str) -> Decimal:
    """Table 1's figure for one of Table 2's source columns: 1.3 worked out, the others as entered."""
    if field == _WORKED_OUT:
        return adult_smptb(column)
    figure: Decimal = getattr(column, field)
    return figure


def table_1_total(column: "FundingYear") -> Decimal:
    """1.14 = 1.3 + 1.4 + 1.5 + 1.5(a) + 1.6 + … + 1.13."""
    return sum(_ENTERED_SOURCES(column), adult_smptb(column))


def expenditure_row_total(row: "ExpenditureRow") -> Decimal:
    """Column N of one Table 2 row: the row's twelve sources added up."""
    return sum(_SOURCES(row), ZERO)


def expenditure_source_total(rows: Iterable["ExpenditureRow"], field: str) -> Decimal:
    """Row 15 of one Table 2 column: that source across every category."""
    return sum(map(attrgetter(field), rows), ZERO)


def grand_total(rows: Iterable["ExpenditureRow"]) -> Decimal:
    """Cell N15: everything in Table 2."""
    return sum((expenditure_row_total(row) for row in rows), ZERO)


def year_column(funding: "Funding", year: str) -> "FundingYear | None":
    """The Table 1 column for a year, if the plan has one."""
    return next((column for column in funding.table_1 if column.year == year), None)


def fill_computed(funding: "Funding") -> None:
    """Overwrite every computed figure of a funding part from its inputs."""
    for column in funding.table_1:
        column.smptb_adult = adult_smptb(column)
        column.total = table_1_total(column)
    for row in funding.table_2:
        row.total = expenditure_row_total(row)
    by_source = {field: expenditure_source_total(funding.table_2, field) for field in SOURCE_FIELDS}
    # Made without checking again what was just worked out.
    totals: type[ExpenditureTotals] = type(funding.table_2_totals)
    funding.table_2_totals = totals.model_construct(None, **by_source, total=grand_total(funding.table_2))
