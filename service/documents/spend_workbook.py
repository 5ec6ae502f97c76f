"""A quarter's spend as a workbook: actual, profile and variance as live formulas with the service's figures cached.

Pure: figures in, bytes out. A category at a time down the sheet (its twelve sources, then its total), then the
totals by source and the grand total, so ten columns print across a landscape A4 page at a legible size, the
headings repeated on every page. Each formula mirrors service/returns/spend_variance.py, which worked out the
cached values: a spreadsheet that recalculates shows the same figures, and one that does not shows them too.

May import: service.returns.spend_variance, plan_schema.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from plan_schema.wording import long_date
from service.documents import xlsx_writing as xlsx
from service.documents.funding_sheet import BORDER, HEADER, INPUT, MONEY, WORKED_OUT, WRAPPED, wrapped_height
from service.documents.xlsx_writing import Formats
from service.returns.spend_variance import SpendVariance, Variance

SHEET = "Spend"
# What the formulas read, each named in column B beside it: B is wide enough for the names.
QUARTER_CELL, THRESHOLD_CELL, ADULTS_CELL, FORECAST_CELL = "$C$3", "$C$4", "$C$5", "$C$6"
HEADER_ROW = 7  # 0-based: the table's headings, on Excel's row 8
LABEL_WIDTH = 34
HEADINGS = (
    ("Code", 7),
    ("Funding source", LABEL_WIDTH),
    ("Planned for the year (Table 2)", 15),
    ("Spent before this quarter", 15),
    ("Spent this quarter", 15),
    ("Spent to date", 15),
    ("Profile to date", 15),
    ("Variance (to date − profile)", 15),
    ("Variance % of profile", 10),
    ("Against profile", 26),
)
PERCENT = {"num_format": "0.0%", **BORDER}
CATEGORIES_A_PAGE = 2  # two categories' fourteen rows each fit a landscape A4 page with the headings


@dataclass(frozen=True)
class SpendSheet:
    """What the workbook shows: the quarter worked out, and what it was worked out from."""

    partnership_name: str
    plan_year: str
    months: str
    result: SpendVariance
    table_2: Sequence[ExpenditureRow]
    this_quarter: Sequence[ExpenditureRow]
    profile_entered: bool
    document_date: datetime.date


def threshold_text(threshold_pct: Decimal) -> str:
    """The threshold as a spreadsheet joins a number to text: 10, 12.5 (no trailing zeros)."""
    return format(threshold_pct.normalize(), "f")


def flag_text(figure: Variance, threshold_pct: Decimal) -> str:
    """What the flag formula says of a figure ("" within the threshold)."""
    if not figure.flagged:
        return ""
    if figure.pct is None:
        return "Spent with nothing profiled"
    return f"{'Over' if figure.amount > 0 else 'Under'} by more than {threshold_text(threshold_pct)}%"


def _flag_formula(row: int) -> str:
    g, h, f = f"G{row}", f"H{row}", f"F{row}"
    over = f'IF({h}>0,"Over","Under")&" by more than "&{THRESHOLD_CELL}&"%"'
    return f'=IF({g}=0,IF({f}=0,"","Spent with nothing profiled"),IF(ABS({h})*100>{THRESHOLD_CELL}*{g},{over},""))'


class _Writer:
    def __init__(self, sheet: Worksheet, formats: Formats, sheet_data: SpendSheet) -> None:
        self.sheet, self.formats, self.data = sheet, formats, sheet_data

    def text(self, row: int, column: int, text: str, **properties: object) -> None:
        self.sheet.write_string(row, column, text, self.formats(**properties, **xlsx.text_properties(text)))

    def label(self, row: int, code: str, text: str, *, bold: bool = False) -> None:
        """A row's code and name, the row tall enough for the name wrapped (not every reader works it out)."""
        self.text(row, 0, code, **BORDER)
        self.text(row, 1, text, bold=bold, **WRAPPED)
        height = wrapped_height(text, LABEL_WIDTH, bold=bold)
        if height is not None:
            self.sheet.set_row(row, height)

    def number(self, row: int, column: int, amount: Decimal, properties: dict[str, object]) -> None:
        self.sheet.write_number(row, column, float(amount), self.formats(**properties))

    def formula(
        self, row: int, column: int, formula: str, value: Decimal | float | str, properties: dict[str, object]
    ) -> None:
        cached = value if isinstance(value, str) else float(value)
        self.sheet.write_formula(row, column, formula, self.formats(**properties), cached)

    def variance_cells(self, row: int, figure: Variance, *, bold: bool = False) -> None:
        """Columns H to J of a row (0-based `row`): variance, its % and the flag, all formulas."""
        line = row + 1
        extra = {"bold": True, "bg_color": xlsx.WORKED_OUT_FILL} if bold else {}
        self.formula(row, 7, f"=F{line}-G{line}", figure.amount, MONEY | extra)
        percent = "" if figure.profile == 0 else float(figure.amount / figure.profile)
        self.formula(row, 8, f'=IF(G{line}=0,"",H{line}/G{line})', percent, PERCENT | extra)
        flag = flag_text(figure, self.data.result.threshold_pct)
        self.formula(row, 9, _flag_formula(line), flag, WRAPPED | extra | ({"bold": True} if flag else {}))


def _front_matter(writer: _Writer) -> None:
    data, result = writer.data, writer.data.result
    writer.text(
        0,
        0,
        f"{data.partnership_name} {data.plan_year}: quarter {result.quarter} spend ({data.months})",
        bold=True,
        font_size=14,
    )
    profile = "as the finance officer entered it" if data.profile_entered else "the year's Table 2 × quarter ÷ 4"
    writer.text(
        1,
        0,
        f"Spent to date is this quarter and the ones before. Profile to date: {profile}. "
        "Flagged: further from the profile than the threshold, or spent where nothing was profiled.",
    )
    writer.text(2, 1, "Quarter", bold=True)
    writer.sheet.write_number(2, 2, result.quarter, writer.formats(**BORDER))
    writer.text(3, 1, "Variance threshold (%)", bold=True)
    writer.sheet.write_number(3, 2, float(result.threshold_pct), writer.formats(**BORDER))
    writer.text(4, 1, "Adults in effective treatment (Part 2, 1.2)", bold=True)
    if result.adults_in_treatment:
        writer.sheet.write_number(4, 2, result.adults_in_treatment, writer.formats(**BORDER))
    writer.text(5, 1, "Forecast outturn entered", bold=True)
    if result.forecast_entered:
        writer.number(5, 2, result.forecast_outturn, INPUT)
    for column, (heading, width) in enumerate(HEADINGS):
        writer.text(HEADER_ROW, column, heading, **HEADER)
        writer.sheet.set_column(column, column, width)
    writer.sheet.set_row(HEADER_ROW, 45)


def _category(writer: _Writer, row: int, index: int) -> tuple[int, int]:
    """One category's heading, twelve sources and total from 0-based `row`; the next row and the total's row."""
    data = writer.data
    figures, planned, this = data.result.categories[index], data.table_2[index], data.this_quarter[index]
    writer.sheet.merge_range(
        row, 0, row, 9, figures.category, writer.formats(bold=True, bg_color=xlsx.HEADER_FILL, **BORDER)
    )
    first = row + 2
    for offset, source in enumerate(EXPENDITURE_SOURCES):
        at, line = row + 1 + offset, row + 2 + offset
        cell = figures.cells[source.field]
        writer.label(at, source.code, source.label)
        writer.number(at, 2, getattr(planned, source.field), MONEY)
        spent_now = getattr(this, source.field)
        writer.number(at, 3, cell.actual - spent_now, MONEY)
        writer.number(at, 4, spent_now, INPUT)
        writer.formula(at, 5, f"=D{line}+E{line}", cell.actual, WORKED_OUT)
        if data.profile_entered:
            writer.number(at, 6, cell.profile, INPUT)
        else:
            writer.formula(at, 6, f"=ROUND(C{line}*{QUARTER_CELL}/4,2)", cell.profile, WORKED_OUT)
        writer.variance_cells(at, cell)
    total_at = row + 1 + len(EXPENDITURE_SOURCES)
    last = total_at
    writer.label(total_at, "", f"Total: {figures.category}", bold=True)
    cached = {
        2: funding_totals.expenditure_row_total(planned),
        3: figures.total.actual - funding_totals.expenditure_row_total(this),
        4: funding_totals.expenditure_row_total(this),
        5: figures.total.actual,
        6: figures.total.profile,
    }
    for column, value in cached.items():
        letter = "CDEFG"[column - 2]
        writer.formula(total_at, column, f"=SUM({letter}{first}:{letter}{last})", value, WORKED_OUT)
    writer.variance_cells(total_at, figures.total, bold=True)
    return total_at + 1, total_at + 1


def _totals(writer: _Writer, row: int, total_lines: list[int]) -> int:
    """The totals by source (each the sum of its cell in every category) and the grand total; the grand total's line."""
    data = writer.data
    writer.sheet.merge_range(
        row, 0, row, 9, "Totals by funding source", writer.formats(bold=True, bg_color=xlsx.HEADER_FILL, **BORDER)
    )
    source_lines: list[int] = []
    for offset, source in enumerate(EXPENDITURE_SOURCES):
        at = row + 1 + offset
        # The same source's row in each category: its total row less the sources below it.
        lines = [line - len(EXPENDITURE_SOURCES) + offset for line in total_lines]
        figure = data.result.sources[source.field]
        planned = funding_totals.expenditure_source_total(data.table_2, source.field)
        this = funding_totals.expenditure_source_total(data.this_quarter, source.field)
        writer.label(at, source.code, source.label)
        cached = {2: planned, 3: figure.actual - this, 4: this, 5: figure.actual, 6: figure.profile}
        for column, value in cached.items():
            letter = "CDEFG"[column - 2]
            writer.formula(at, column, f"=SUM({','.join(f'{letter}{line}' for line in lines)})", value, WORKED_OUT)
        writer.variance_cells(at, figure)
        source_lines.append(at + 1)
    grand = row + 1 + len(EXPENDITURE_SOURCES)
    figure = data.result.total
    this = funding_totals.grand_total(data.this_quarter)
    writer.text(grand, 0, "", **BORDER)
    writer.text(grand, 1, "Grand total", bold=True, **BORDER)
    cached = {2: data.result.planned_total, 3: figure.actual - this, 4: this, 5: figure.actual, 6: figure.profile}
    for column, value in cached.items():
        letter = "CDEFG"[column - 2]
        writer.formula(grand, column, f"=SUM({letter}{source_lines[0]}:{letter}{source_lines[-1]})", value, WORKED_OUT)
    writer.variance_cells(grand, figure, bold=True)
    return grand + 1


def _outlook(writer: _Writer, row: int, grand_line: int) -> None:
    """The forecast outturn and the cost per adult, under the grand total."""
    result = writer.data.result
    writer.text(row, 1, "Forecast outturn for the year", bold=True, **BORDER)
    forecast = f"=IF(ISNUMBER({FORECAST_CELL}),{FORECAST_CELL},ROUND(F{grand_line}/{QUARTER_CELL}*4,2))"
    writer.formula(row, 2, forecast, result.forecast_outturn, WORKED_OUT)
    writer.text(row + 1, 1, "Cost per adult in treatment, to date", bold=True, **BORDER)
    cost = f'=IF(ISNUMBER({ADULTS_CELL}),ROUND(F{grand_line}/{ADULTS_CELL},2),"")'
    writer.formula(row + 1, 2, cost, "" if result.cost_per_adult is None else result.cost_per_adult, WORKED_OUT)


def _print_setup(sheet: Worksheet, data: SpendSheet) -> None:
    """Landscape A4, as wide as the page, the headings on every page, the partnership and page number on each."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    name = xlsx.header_footer_text(data.partnership_name)
    title = xlsx.header_footer_text(
        f"Quarter {data.result.quarter} spend, {data.plan_year}", xlsx.HEADER_FOOTER_TITLE_MAX
    )
    sheet.set_header(f"&L{name}&R{title}")
    sheet.set_footer(f"&L{xlsx.header_footer_text(long_date(data.document_date))}&RPage &P of &N")


def render_spend_xlsx(data: SpendSheet) -> bytes:
    """The quarter's spend workbook: one sheet, every figure to date a formula carrying the service's value."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    sheet = xlsx.add_sheet(workbook, SHEET)
    writer = _Writer(sheet, formats, data)
    _front_matter(writer)
    row, total_lines, breaks = HEADER_ROW + 1, [], []
    for index in range(len(data.result.categories)):
        if index and index % CATEGORIES_A_PAGE == 0:
            breaks.append(row)
        row, total_line = _category(writer, row, index)
        total_lines.append(total_line)
    breaks.append(row + 1)
    # Whole categories to a page, so no category's heading is left at the foot of one and its sources on the next.
    sheet.set_h_pagebreaks(breaks)
    grand_line = _totals(writer, row + 1, total_lines)
    _outlook(writer, grand_line + 1, grand_line)
    _print_setup(sheet, data)
    title = f"{data.partnership_name} {data.plan_year} quarter {data.result.quarter} spend"
    return xlsx.save(workbook, buffer, title, data.document_date)
