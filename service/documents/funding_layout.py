"""Where everything sits in the Part 4 workbook: the one layout its export and its import share."""

from openpyxl.utils import get_column_letter

from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROW_BY_FIELD, FUNDING_ROWS, FundingRow

TABLE_1 = "Table 1"
TABLE_2 = "Table 2"
# A2 of each sheet names the partnership whose plan the workbook is; the blank template leaves it
# empty, since it is for any partnership. Templates issued before said "Partnership" there.
NAME_ROW = 2
UNNAMED = ("", "Partnership")
HEADER_ROW = 4
FIRST_ROW = 5

# Table 1: row code in A, label in B, a money column per year from C, then a 1.12 description
# column per year. Rows in the template's order: 1.1 in row 5 … 1.3 in 7 … 1.14 in 19.
CODE_HEADER = "Row"
LABEL_HEADER = "Funding source"
FIRST_YEAR_COLUMN = 3
TABLE_1_ROW: dict[str, int] = {row.code: FIRST_ROW + index for index, row in enumerate(FUNDING_ROWS)}
TABLE_1_INPUT_ROWS: tuple[FundingRow, ...] = tuple(row for row in FUNDING_ROWS if not row.computed)
ADULT_SMPTB_ROW = TABLE_1_ROW["1.3"]
TOTAL_ROW = TABLE_1_ROW["1.14"]
OTHER_ROW = TABLE_1_ROW["1.12"]

# Table 2, as the guidance names it: sources in B to M, categories in rows 5 to 14, row totals
# in N, source totals in row 15, so that the grand total sits in N15.
CATEGORY_HEADER = "Commissioning framework category (Models of Care: Update 2006)"
TOTAL_HEADER = "Total"
SOURCE_COLUMN: dict[str, int] = {source.field: 2 + index for index, source in enumerate(EXPENDITURE_SOURCES)}
ROW_TOTAL_COLUMN = 2 + len(EXPENDITURE_SOURCES)  # N
CATEGORY_ROWS = range(FIRST_ROW, FIRST_ROW + 10)  # 5 to 14
SOURCE_TOTAL_ROW = CATEGORY_ROWS.stop  # 15
GRAND_TOTAL = f"{get_column_letter(ROW_TOTAL_COLUMN)}{SOURCE_TOTAL_ROW}"  # N15
CHECK_ROW = SOURCE_TOTAL_ROW + 2
CHECK_CELL = f"{get_column_letter(ROW_TOTAL_COLUMN)}{CHECK_ROW}"  # N17

# Checks a finance officer can see, below each table; the import reads none of them.
DIP_LIMIT_ROW = TOTAL_ROW + 2  # 1.5(a) may be at most 2 % of 1.5
DIP_OVER_ROW = DIP_LIMIT_ROW + 1
MAINSTREAM_FIRST_ROW = DIP_OVER_ROW + 2  # a row per mainstream group, kept up with the cycle's uplift
TABLE_1_FIGURE_ROW = CHECK_ROW + 2  # each source's plan-year figure in Table 1, under its Table 2 column
SOURCE_CHECK_ROW = TABLE_1_FIGURE_ROW + 1  # row 15 less that figure, which should be 0
# Names a finance officer can use in formulas of their own ("N15" itself would be a cell).
TOTAL_FUNDING_NAME = "Total_funding_1_14"
TOTAL_EXPENDITURE_NAME = "Total_expenditure_N15"

MONEY_FORMAT = '"£"#,##0.00'
PERCENT_FORMAT = "0.0%"


def year_column(index: int) -> int:
    """Table 1's money column for the index-th year."""
    return FIRST_YEAR_COLUMN + index


def description_column(index: int, years: int) -> int:
    """Table 1's 1.12 description column for the index-th year, after every money column."""
    return FIRST_YEAR_COLUMN + years + index


def description_header(year: str) -> str:
    return f"1.12 Other: description ({year})"


def source_header(source: FundingRow) -> str:
    """Table 2's header for a source: its Table 1 row code, then its name."""
    return f"{source.code} {source.label}"


def check_label(plan_year: str) -> str:
    return f"Check: N15 − 1.14 ({plan_year}), should be 0"


def table_1_formulas(column: int) -> dict[int, str]:
    """Row -> formula of Table 1's worked-out rows in one year column: 1.3 and 1.14."""
    letter = get_column_letter(column)
    first, last = ADULT_SMPTB_ROW, TOTAL_ROW - 1
    return {
        ADULT_SMPTB_ROW: f"={letter}{TABLE_1_ROW['1.1']}-{letter}{TABLE_1_ROW['1.2']}",
        TOTAL_ROW: f"=SUM({letter}{first}:{letter}{last})",
    }


def table_2_formulas(plan_year_column: int) -> dict[str, str]:
    """Cell -> formula of Table 2's totals, N15 and the check against Table 1's plan-year 1.14."""
    first_source, last_source = get_column_letter(2), get_column_letter(ROW_TOTAL_COLUMN - 1)
    total = get_column_letter(ROW_TOTAL_COLUMN)
    top, bottom = CATEGORY_ROWS.start, CATEGORY_ROWS.stop - 1
    formulas = {f"{total}{row}": f"=SUM({first_source}{row}:{last_source}{row})" for row in CATEGORY_ROWS}
    for column in range(2, ROW_TOTAL_COLUMN + 1):
        letter = get_column_letter(column)
        formulas[f"{letter}{SOURCE_TOTAL_ROW}"] = f"=SUM({letter}{top}:{letter}{bottom})"
    plan_year_total = f"'{TABLE_1}'!{get_column_letter(plan_year_column)}{TOTAL_ROW}"
    # Rounded to the penny, so that float arithmetic in the spreadsheet shows exactly 0 when they agree.
    formulas[CHECK_CELL] = f"=ROUND({GRAND_TOTAL}-{plan_year_total},2)"
    return formulas


def dip_check_formulas(column: int, share: str) -> dict[int, str]:
    """Row -> formula of the 2 % check under one year column: 1.5(a)'s limit, and how far it is over it."""
    letter = get_column_letter(column)
    grant, carried = f"{letter}{TABLE_1_ROW['1.5']}", f"{letter}{TABLE_1_ROW['1.5(a)']}"
    return {
        DIP_LIMIT_ROW: f"={grant}*{share}",
        DIP_OVER_ROW: f"=MAX(0,ROUND({carried}-{letter}{DIP_LIMIT_ROW},2))",
    }


def source_check_formulas(plan_year_column: int) -> dict[str, str]:
    """Cell -> formula under each Table 2 source: its Table 1 figure for the plan year, and the difference."""
    year = get_column_letter(plan_year_column)
    formulas = {}
    for field, column in SOURCE_COLUMN.items():
        letter = get_column_letter(column)
        row = TABLE_1_ROW[FUNDING_ROW_BY_FIELD[field].code]
        formulas[f"{letter}{TABLE_1_FIGURE_ROW}"] = f"='{TABLE_1}'!{year}{row}"
        formulas[f"{letter}{SOURCE_CHECK_ROW}"] = f"=ROUND({letter}{SOURCE_TOTAL_ROW}-{letter}{TABLE_1_FIGURE_ROW},2)"
    return formulas


def normalised_formula(formula: str) -> str:
    """A formula as compared on import: Excel and LibreOffice may change case, spaces and `$`."""
    return formula.replace(" ", "").replace("$", "").upper()
