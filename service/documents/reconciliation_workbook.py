"""A region's funding reconciliation as a workbook: 1.14 beside N15 for every partnership, differences live.

Differences and totals are formulas carrying the figures worked out here (their cached results), so a
preview that does not recalculate still shows them.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from xlsxwriter.worksheet import Worksheet

from plan_schema.money import ZERO
from plan_schema.vocabulary import EXPENDITURE_SOURCES
from service.documents import xlsx_writing as xlsx
from service.documents.context import long_date
from service.documents.funding_layout import MONEY_FORMAT, source_header
from service.documents.xlsx_writing import Formats, at

SHEET = "Reconciliation"
TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
DATE_FORMAT = "d mmm yyyy"
WHOLE_NUMBER_FORMAT = "0"
TOTAL_LABEL = "Total"
PRINT_SCALE = 80  # an 11 pt cell prints at 8.8 pt; the columns go on to further pages, names repeated

HEADER = {"bold": True, "bg_color": xlsx.HEADER_FILL, "text_wrap": True, "valign": "top", "border": 1}
MONEY = {"num_format": MONEY_FORMAT}
WORKED_OUT = {**MONEY, "bg_color": xlsx.WORKED_OUT_FILL}


@dataclass(frozen=True)
class ReconciliationRow:
    """One partnership's plan in a region's reconciliation: its latest submission's Part 4 figures."""

    region: str
    partnership: str
    plan_year: str
    status: str
    submission: str  # "2 (final)", "none (draft figures)" or "none (not started)"
    submitted_on: datetime.date | None
    days_late: int | None
    total_funding_1_14: Decimal | None
    expenditure_n15: Decimal | None
    errors: int
    warnings: int
    previous_total_1_14: Decimal | None = None  # the previous year's 1.14, where Table 1 has it
    source_totals: tuple[Decimal, ...] | None = None  # Table 2's row 15, in EXPENDITURE_SOURCES order

    @property
    def difference(self) -> Decimal | None:
        """N15 − 1.14, which should be £0.00 (the workbook's own is a live formula); None without both."""
        if self.total_funding_1_14 is None or self.expenditure_n15 is None:
            return None
        return self.expenditure_n15 - self.total_funding_1_14


class _Cells:
    """The sheet and its formats: text always as text, empty figures as empty cells."""

    def __init__(self, sheet: Worksheet, formats: Formats) -> None:
        self.sheet, self.formats = sheet, formats

    def text(self, cell: str, text: str, **properties: Any) -> None:
        self.sheet.write_string(*at(cell), text, self.formats(**properties, **xlsx.text_properties(text)))

    def number(self, cell: str, value: Decimal | int | None, number_format: str) -> None:
        if value is None:  # no submission, or no Part 4 in it
            self.sheet.write_blank(*at(cell), None, self.formats(num_format=number_format))
        else:
            self.sheet.write_number(*at(cell), float(value), self.formats(num_format=number_format))


@dataclass(frozen=True)
class _Column:
    header: str
    write: Callable[[_Cells, str, ReconciliationRow], None]
    width: float | None = None  # None: as wide as its longest text, within bounds
    text: Callable[[ReconciliationRow], str] | None = None  # what a text column holds, for its width


def _text(field: Callable[[ReconciliationRow], str], width: float | None = None) -> _Column:
    def write(cells: _Cells, cell: str, row: ReconciliationRow) -> None:
        cells.text(cell, field(row))

    return _Column("", write, width, field)


def _money(field: Callable[[ReconciliationRow], Decimal | None]) -> Callable[[_Cells, str, ReconciliationRow], None]:
    def write(cells: _Cells, cell: str, row: ReconciliationRow) -> None:
        cells.number(cell, field(row), MONEY_FORMAT)

    return write


def _whole(field: Callable[[ReconciliationRow], int | None]) -> Callable[[_Cells, str, ReconciliationRow], None]:
    def write(cells: _Cells, cell: str, row: ReconciliationRow) -> None:
        cells.number(cell, field(row), WHOLE_NUMBER_FORMAT)

    return write


def _submitted_on(cells: _Cells, cell: str, row: ReconciliationRow) -> None:
    if row.submitted_on is None:
        cells.sheet.write_blank(*at(cell), None, cells.formats(num_format=DATE_FORMAT))
    else:
        moment = datetime.datetime.combine(row.submitted_on, datetime.time())
        cells.sheet.write_datetime(*at(cell), moment, cells.formats(num_format=DATE_FORMAT))


def _difference(cells: _Cells, cell: str, row: ReconciliationRow) -> None:
    """N15 − 1.14 to the penny while both figures are there, otherwise empty: live, so edits recalculate."""
    number = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    funding, expenditure = f"{FUNDING}{number}", f"{EXPENDITURE}{number}"
    formula = f'=IF(COUNT({funding},{expenditure})=2,ROUND({expenditure}-{funding},2),"")'
    value: float | str = float(row.difference) if row.difference is not None else ""
    cells.sheet.write_formula(*at(cell), formula, cells.formats(**WORKED_OUT), value)


def _source(index: int) -> Callable[[_Cells, str, ReconciliationRow], None]:
    return _money(lambda row: row.source_totals[index] if row.source_totals is not None else None)


def _named(column: _Column, header: str) -> _Column:
    return _Column(header, column.write, column.width, column.text)


COLUMNS: tuple[_Column, ...] = (
    _named(_text(lambda row: row.region), "Region"),
    _named(_text(lambda row: row.partnership), "Partnership"),
    _named(_text(lambda row: row.plan_year, 10), "Plan year"),
    _named(_text(lambda row: row.status), "Status"),
    _named(_text(lambda row: row.submission, 13), "Submission"),
    _Column("Submitted on", _submitted_on, 14),
    _Column("Days late", _whole(lambda row: row.days_late), 10),
    _Column("1.14 Total funding (Table 1)", _money(lambda row: row.total_funding_1_14), 18),
    _Column("N15 Total expenditure (Table 2)", _money(lambda row: row.expenditure_n15), 18),
    _Column("Difference (N15 − 1.14)", _difference, 18),
    _Column("Errors", _whole(lambda row: row.errors), 9),
    _Column("Warnings", _whole(lambda row: row.warnings), 10),
    _Column("1.14 of the previous year (Table 1)", _money(lambda row: row.previous_total_1_14), 18),
    *(
        _Column(f"Table 2 row 15: {source_header(source)}", _source(index), 18)
        for index, source in enumerate(EXPENDITURE_SOURCES)
    ),
)
_LETTER = {column.header: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
FUNDING = _LETTER["1.14 Total funding (Table 1)"]  # H
EXPENDITURE = _LETTER["N15 Total expenditure (Table 2)"]  # I
DIFFERENCE = _LETTER["Difference (N15 − 1.14)"]  # J
PREVIOUS = _LETTER["1.14 of the previous year (Table 1)"]  # M
SUMMED = (FUNDING, EXPENDITURE, DIFFERENCE, PREVIOUS, *(get_column_letter(index) for index in range(14, 26)))
LAST_COLUMN = get_column_letter(len(COLUMNS))
TEXT_WIDTHS = (12, 50)  # the narrowest and widest a column sized to its text gets


def total_row(rows: int) -> int:
    """The totals' row: below the partnerships and one empty row, which the sums take in."""
    return FIRST_ROW + rows + 1


def _total(rows: Sequence[ReconciliationRow], letter: str) -> Decimal:
    """What a totals formula adds up, worked out here for its cached value."""
    figures: dict[str, Callable[[ReconciliationRow], Decimal | None]] = {
        FUNDING: lambda row: row.total_funding_1_14,
        EXPENDITURE: lambda row: row.expenditure_n15,
        DIFFERENCE: lambda row: row.difference,
        PREVIOUS: lambda row: row.previous_total_1_14,
    }
    index = SUMMED.index(letter) - 4
    field = figures.get(letter) or (lambda row: row.source_totals[index] if row.source_totals else None)
    return sum((figure for row in rows if (figure := field(row)) is not None), ZERO)


def _totals(cells: _Cells, rows: Sequence[ReconciliationRow]) -> None:
    """SUMs to the penny of every money column, over every row from the first to the empty one."""
    row = total_row(len(rows))
    cells.text(f"A{row}", TOTAL_LABEL, bold=True)
    for letter in SUMMED:
        formula = f"=ROUND(SUM({letter}{FIRST_ROW}:{letter}{row - 1}),2)"
        cells.sheet.write_formula(
            f"{letter}{row}", formula, cells.formats(bold=True, **WORKED_OUT), float(_total(rows, letter))
        )


def _widths(sheet: Worksheet, rows: Sequence[ReconciliationRow]) -> None:
    narrowest, widest = TEXT_WIDTHS
    for index, column in enumerate(COLUMNS):
        width = column.width
        if width is None:
            texts = column.text
            longest = max((len(texts(row)) for row in rows), default=0) if texts else 0
            width = min(max(longest + 2, narrowest), widest)
        sheet.set_column(index, index, width)


def _finish(sheet: Worksheet, formats: Formats, rows: int, title: str) -> None:
    """Frozen headers and names, a filter, mismatches red, A4 landscape with names and headers on every page."""
    last = FIRST_ROW + rows - 1 if rows else HEADER_ROW
    sheet.freeze_panes(FIRST_ROW - 1, 2)
    sheet.autofilter(f"A{HEADER_ROW}:{LAST_COLUMN}{last}")
    sheet.set_row(HEADER_ROW - 1, 64)  # four lines of a wrapped header
    first = f"{DIFFERENCE}{FIRST_ROW}"
    # Red when not £0.00; the empty difference of a plan without figures stays plain.
    mismatch = {"type": "formula", "criteria": f"=AND(ISNUMBER({first}),{first}<>0)"}
    mismatch["format"] = formats(bg_color=xlsx.MISMATCH_FILL)
    sheet.conditional_format(f"{first}:{DIFFERENCE}{total_row(rows)}", mismatch)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_print_scale(PRINT_SCALE)
    sheet.set_margins(left=0.3, right=0.3, top=0.7, bottom=0.7)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.repeat_columns("A:B")
    sheet.print_area(f"A1:{LAST_COLUMN}{total_row(rows)}")
    sheet.set_header(f"&L{xlsx.header_footer_text(title)}")
    sheet.set_footer("&RPage &P of &N")


def render_reconciliation_xlsx(rows: Sequence[ReconciliationRow], *, title: str, document_date: datetime.date) -> bytes:
    """A row per partnership: 1.14, N15 and their difference as a formula, with totals that are SUMs."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    sheet = xlsx.add_sheet(workbook, SHEET)
    cells = _Cells(sheet, formats)
    cells.text(f"A{TITLE_ROW}", title, bold=True, font_size=14)
    note = (
        f"Issued {long_date(document_date)}. The difference is Table 2's N15 less Table 1's 1.14 for the "
        "plan year, and should be £0.00; any other shows red."
    )
    cells.text(f"A{NOTE_ROW}", note)
    for index, column in enumerate(COLUMNS, start=1):
        cells.text(f"{get_column_letter(index)}{HEADER_ROW}", column.header, **HEADER)
    for offset, row in enumerate(rows):
        for index, column in enumerate(COLUMNS, start=1):
            column.write(cells, f"{get_column_letter(index)}{FIRST_ROW + offset}", row)
    _totals(cells, rows)
    _widths(sheet, rows)
    _finish(sheet, formats, len(rows), title)
    return xlsx.save(workbook, buffer, title, document_date)
