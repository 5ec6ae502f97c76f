"""A region's funding reconciliation as a workbook: 1.14 beside N15 for every partnership, differences live."""

import datetime
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from service.documents.context import long_date
from service.documents.funding_layout import MONEY_FORMAT
from service.documents.funding_workbook import write_text
from service.documents.reproducible import document_timestamp, reproducible_zip

SHEET = "Reconciliation"
TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
DATE_FORMAT = "d mmm yyyy"
WHOLE_NUMBER_FORMAT = "0"
TOTAL_LABEL = "Total"

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WORKED_OUT_FILL = PatternFill("solid", fgColor="E7E6E6")
MISMATCH_FILL = PatternFill("solid", fgColor="F4B6B6")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ReconciliationRow:
    """One partnership's plan in a region's reconciliation: its latest submission's Part 4 figures."""

    region: str
    partnership: str
    plan_year: str
    status: str
    submission: str  # "2 (final)", or "none"
    submitted_on: datetime.date | None
    days_late: int | None
    total_funding_1_14: Decimal | None
    expenditure_n15: Decimal | None
    errors: int
    warnings: int

    @property
    def difference(self) -> Decimal | None:
        """N15 − 1.14, which should be £0.00 (the workbook's own is a live formula); None without both."""
        if self.total_funding_1_14 is None or self.expenditure_n15 is None:
            return None
        return self.expenditure_n15 - self.total_funding_1_14


@dataclass(frozen=True)
class _Column:
    header: str
    write: Callable[[Cell, ReconciliationRow], None]
    width: float | None = None  # None: as wide as its longest text, within bounds


def _text(field: Callable[[ReconciliationRow], str]) -> Callable[[Cell, ReconciliationRow], None]:
    def write(cell: Cell, row: ReconciliationRow) -> None:
        write_text(cell, field(row))

    return write


def _money(field: Callable[[ReconciliationRow], Decimal | None]) -> Callable[[Cell, ReconciliationRow], None]:
    def write(cell: Cell, row: ReconciliationRow) -> None:
        cell.value = field(row)  # None leaves the cell empty: no submission, or no Part 4 in it
        cell.number_format = MONEY_FORMAT

    return write


def _submitted_on(cell: Cell, row: ReconciliationRow) -> None:
    cell.value = row.submitted_on
    cell.number_format = DATE_FORMAT


def _whole(field: Callable[[ReconciliationRow], int | None]) -> Callable[[Cell, ReconciliationRow], None]:
    def write(cell: Cell, row: ReconciliationRow) -> None:
        cell.value = field(row)
        cell.number_format = WHOLE_NUMBER_FORMAT

    return write


def _difference(cell: Cell, row: ReconciliationRow) -> None:
    """N15 − 1.14 to the penny while both figures are there, otherwise empty: live, so edits recalculate."""
    funding, expenditure = f"{FUNDING}{cell.row}", f"{EXPENDITURE}{cell.row}"
    cell.value = f'=IF(COUNT({funding},{expenditure})=2,ROUND({expenditure}-{funding},2),"")'
    cell.number_format = MONEY_FORMAT
    cell.fill = WORKED_OUT_FILL


COLUMNS: tuple[_Column, ...] = (
    _Column("Region", _text(lambda row: row.region)),
    _Column("Partnership", _text(lambda row: row.partnership)),
    _Column("Plan year", _text(lambda row: row.plan_year), 10),
    _Column("Status", _text(lambda row: row.status)),
    _Column("Submission", _text(lambda row: row.submission), 13),
    _Column("Submitted on", _submitted_on, 14),
    _Column("Days late", _whole(lambda row: row.days_late), 10),
    _Column("1.14 Total funding (Table 1)", _money(lambda row: row.total_funding_1_14), 18),
    _Column("N15 Total expenditure (Table 2)", _money(lambda row: row.expenditure_n15), 18),
    _Column("Difference (N15 − 1.14)", _difference, 18),
    _Column("Errors", _whole(lambda row: row.errors), 9),
    _Column("Warnings", _whole(lambda row: row.warnings), 10),
)
_LETTER = {column.header: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
FUNDING = _LETTER["1.14 Total funding (Table 1)"]  # H
EXPENDITURE = _LETTER["N15 Total expenditure (Table 2)"]  # I
DIFFERENCE = _LETTER["Difference (N15 − 1.14)"]  # J
LAST_COLUMN = get_column_letter(len(COLUMNS))
TEXT_WIDTHS = (12, 50)  # the narrowest and widest a column sized to its text gets


def total_row(rows: int) -> int:
    """The totals' row: below the partnerships and one empty row, which the sums take in."""
    return FIRST_ROW + rows + 1


def _header(cell: Cell, text: str) -> None:
    write_text(cell, text)
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = WRAP


def _totals(sheet: Worksheet, rows: int) -> None:
    """SUMs to the penny of 1.14, N15 and the differences, over every row from the first to the empty one."""
    row = total_row(rows)
    write_text(sheet.cell(row, 1), TOTAL_LABEL)
    sheet.cell(row, 1).font = BOLD
    for letter in (FUNDING, EXPENDITURE, DIFFERENCE):
        cell = sheet[f"{letter}{row}"]
        cell.value = f"=ROUND(SUM({letter}{FIRST_ROW}:{letter}{row - 1}),2)"
        cell.number_format = MONEY_FORMAT
        cell.font = BOLD
        cell.fill = WORKED_OUT_FILL


def _widths(sheet: Worksheet, rows: Sequence[ReconciliationRow]) -> None:
    narrowest, widest = TEXT_WIDTHS
    for index, column in enumerate(COLUMNS, start=1):
        width = column.width
        if width is None:
            values = [sheet.cell(FIRST_ROW + offset, index).value for offset in range(len(rows))]
            longest = max((len(value) for value in values if isinstance(value, str)), default=0)
            width = min(max(longest + 2, narrowest), widest)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _finish(sheet: Worksheet, rows: int) -> None:
    """Frozen headers and names, a filter on the partnerships, mismatches red, landscape one page wide."""
    last = FIRST_ROW + rows - 1 if rows else HEADER_ROW
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{LAST_COLUMN}{last}"
    sheet.row_dimensions[HEADER_ROW].height = 48  # three lines of a wrapped header
    differences = f"{DIFFERENCE}{FIRST_ROW}:{DIFFERENCE}{total_row(rows)}"
    first = f"{DIFFERENCE}{FIRST_ROW}"
    # Red when not £0.00; the empty difference of a plan without figures stays plain.
    mismatch = FormulaRule(formula=[f"AND(ISNUMBER({first}),{first}<>0)"], fill=MISMATCH_FILL)
    sheet.conditional_formatting.add(differences, mismatch)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{LAST_COLUMN}{total_row(rows)}"


def _save(workbook: Workbook, title: str, document_date: datetime.date) -> bytes:
    """Workbook bytes that depend only on the content and the document date."""
    properties = workbook.properties
    properties.creator = "Adult drug treatment plan service"
    properties.lastModifiedBy = None
    properties.title = title
    properties.created = properties.modified = document_timestamp(document_date)
    buffer = io.BytesIO()
    # ExcelWriter, not workbook.save(), which would stamp "modified" with the clock.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return reproducible_zip(buffer.getvalue(), document_date)


def render_reconciliation_xlsx(rows: Sequence[ReconciliationRow], *, title: str, document_date: datetime.date) -> bytes:
    """A row per partnership: 1.14, N15 and their difference as a formula, with totals that are SUMs."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    write_text(sheet.cell(TITLE_ROW, 1), title)
    sheet.cell(TITLE_ROW, 1).font = TITLE
    note = (
        f"Issued {long_date(document_date)}. The difference is Table 2's N15 less Table 1's 1.14 for the "
        "plan year, and should be £0.00; any other shows red."
    )
    write_text(sheet.cell(NOTE_ROW, 1), note)
    for index, column in enumerate(COLUMNS, start=1):
        _header(sheet.cell(HEADER_ROW, index), column.header)
    for offset, row in enumerate(rows):
        for index, column in enumerate(COLUMNS, start=1):
            column.write(sheet.cell(FIRST_ROW + offset, index), row)
    _totals(sheet, len(rows))
    _widths(sheet, rows)
    _finish(sheet, len(rows))
    return _save(workbook, title, document_date)
