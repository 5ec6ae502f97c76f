"""Checks a finance officer can see in Table 1: change year on year, the 2 % DIP limit, mainstream kept up.

Each is a live formula carrying the figure the service works out, red when it needs a look; the
import reads none of them. The rules are validators.funding's, shown where the figures are.
"""

from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import get_column_letter

from plan_schema import funding_totals
from plan_schema.funding import FundingYear
from plan_schema.money import PENNY, ZERO
from plan_schema.vocabulary import FUNDING_ROW_BY_FIELD, FUNDING_ROWS
from service.documents import funding_layout as layout
from service.documents.funding_sheet import LABEL_WIDTH, MONEY, WRAPPED, TableSheet, wrapped_height
from validators.funding import DIP_CARRY_FORWARD_MAX, MAINSTREAM_GROUPS

CHANGE_WIDTH = 14
PERCENT = {**MONEY, "num_format": layout.PERCENT_FORMAT}


def _figure(column: FundingYear, code: str) -> Decimal:
    """A Table 1 figure as the workbook shows it, 1.3 and 1.14 worked out."""
    if code == "1.3":
        return funding_totals.adult_smptb(column)
    if code == "1.14":
        return funding_totals.table_1_total(column)
    return Decimal(getattr(column, next(row.field for row in FUNDING_ROWS if row.code == code)))


def year_on_year(table: TableSheet, years: list[FundingYear], first_column: int) -> int:
    """£ and % change of every row from each year to the next, from first_column on; the last column used."""
    column = first_column - 1
    for index in range(1, len(years)):
        before, after = years[index - 1], years[index]
        was, now = get_column_letter(layout.year_column(index - 1)), get_column_letter(layout.year_column(index))
        pounds, percent = get_column_letter(column + 1), get_column_letter(column + 2)
        table.header(f"{pounds}{layout.HEADER_ROW}", f"Change {before.year} to {after.year} (£)")
        table.header(f"{percent}{layout.HEADER_ROW}", f"Change {before.year} to {after.year} (%)")
        for funding_row in FUNDING_ROWS:
            row = layout.TABLE_1_ROW[funding_row.code]
            old, new = _figure(before, funding_row.code), _figure(after, funding_row.code)
            change = f"=ROUND({now}{row}-{was}{row},2)"
            table.formula(f"{pounds}{row}", change, new - old, **MONEY)
            ratio: Decimal | str = new / old - 1 if old else ""
            table.formula(f"{percent}{row}", f'=IF({was}{row}=0,"",{now}{row}/{was}{row}-1)', ratio, **PERCENT)
        table.sheet.set_column(f"{pounds}:{percent}", CHANGE_WIDTH)
        column += 2
    return column


def dip_check(table: TableSheet, years: list[FundingYear]) -> None:
    """The guidance's 2 % limit on 1.5(a), worked out under each year, red when 1.5(a) is over it."""
    for index, column in enumerate(years):
        letter = get_column_letter(layout.year_column(index))
        limit = column.dip_main_grant * DIP_CARRY_FORWARD_MAX
        over = max(ZERO, (column.dip_carry_forward - limit).quantize(PENNY))
        formulas = layout.dip_check_formulas(layout.year_column(index), str(DIP_CARRY_FORWARD_MAX))
        table.formula(f"{letter}{layout.DIP_LIMIT_ROW}", formulas[layout.DIP_LIMIT_ROW], limit, **MONEY)
        table.formula(f"{letter}{layout.DIP_OVER_ROW}", formulas[layout.DIP_OVER_ROW], over)
    table.text(f"B{layout.DIP_LIMIT_ROW}", "1.5(a) may be at most 2 % of 1.5: this is 2 % of 1.5", **WRAPPED)
    table.text(f"B{layout.DIP_OVER_ROW}", "Check: 1.5(a) over that limit, should be 0", bold=True, **WRAPPED)
    first, last = get_column_letter(layout.FIRST_YEAR_COLUMN), get_column_letter(layout.year_column(len(years) - 1))
    table.red_unless_zero(f"{first}{layout.DIP_OVER_ROW}:{last}{layout.DIP_OVER_ROW}")


def mainstream_checks(
    table: TableSheet, years: list[FundingYear], plan_year: str, previous_year: str, uplift_pct: Decimal | None
) -> int:
    """Under the plan year, how far each mainstream group falls short of last year's uplifted; the last row used.

    Only when both years have a column and the cycle's uplift is known; otherwise no rows at all.
    """
    indexes = {column.year: index for index, column in enumerate(years)}
    if uplift_pct is None or plan_year not in indexes or previous_year not in indexes:
        return layout.DIP_OVER_ROW
    was = get_column_letter(layout.year_column(indexes[previous_year]))
    now = get_column_letter(layout.year_column(indexes[plan_year]))
    before_column, now_column = years[indexes[previous_year]], years[indexes[plan_year]]
    uplift = 1 + uplift_pct / 100
    row = layout.MAINSTREAM_FIRST_ROW
    for group in MAINSTREAM_GROUPS:
        rows = [layout.TABLE_1_ROW[FUNDING_ROW_BY_FIELD[field].code] for field in group]
        codes = " + ".join(FUNDING_ROW_BY_FIELD[field].code for field in group)
        before = sum((funding_totals.source_figure(before_column, field) for field in group), ZERO)
        current = sum((funding_totals.source_figure(now_column, field) for field in group), ZERO)
        expected = (before * uplift).quantize(PENNY, rounding=ROUND_HALF_UP)
        short = max(ZERO, expected - current)
        old_sum, new_sum = "+".join(f"{was}{r}" for r in rows), "+".join(f"{now}{r}" for r in rows)
        formula = f"=MAX(0,ROUND(ROUND(({old_sum})*(1+{uplift_pct}/100),2)-({new_sum}),2))"
        label = f"Check: {codes} short of {previous_year} + {uplift_pct} % uplift, should be 0"
        table.text(f"B{row}", label, bold=True, **WRAPPED)
        table.sheet.set_row(row - 1, wrapped_height(label, LABEL_WIDTH, bold=True))
        table.formula(f"{now}{row}", formula, short)
        table.red_unless_zero(f"{now}{row}")
        row += 1
    return row - 1
