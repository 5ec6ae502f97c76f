"""Tables as a workbook: each on a sheet of its own, under a title and a note, a header row, then rows whose
numbers are numbers.

For downloads that are plain tables (a region's metrics, the national view, a region's returns, a plan's
year of returns): numbers are written as numbers, so a spreadsheet can sum and sort them; text is always
text, never a formula.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from service.documents import xlsx_writing as xlsx
from service.documents.xlsx_writing import Formats

HEADER_ROW = 3  # after the title and the note
NUMBER_FORMAT = "#,##0.0###"
WHOLE_FORMAT = "#,##0"  # a count is shown as a count, never "3.0"
MONEY_FORMAT = "#,##0.00"
TEXT_WIDTHS = (10, 60)
Cell = str | float | int | None


@dataclass(frozen=True)
class Table:
    """One sheet's table: its name, title, note, headings and rows, and how its numbers are shown."""

    sheet_name: str
    title: str
    note: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    money_columns: frozenset[int] = frozenset()  # columns (from 0) of pounds and pence

    def number_format(self, column: int, value: float | int) -> str:
        """How a number of the column is shown: money to the penny, a count whole, others to four places."""
        if column in self.money_columns:
            return MONEY_FORMAT
        return WHOLE_FORMAT if isinstance(value, int) else NUMBER_FORMAT


def _write(sheet: Worksheet, formats: Formats, table: Table) -> None:
    def text(row: int, column: int, value: str, **properties: object) -> None:
        sheet.write_string(row, column, value, formats(**properties, **xlsx.text_properties(value)))

    text(0, 0, table.title, bold=True, font_size=14)
    text(1, 0, table.note)
    widths = [len(heading) for heading in table.headings]
    for column, heading in enumerate(table.headings):
        text(HEADER_ROW - 1, column, heading, bold=True, bg_color=xlsx.HEADER_FILL, text_wrap=True, border=1)
    count = 0
    for count, values in enumerate(table.rows, start=1):
        line = HEADER_ROW - 1 + count
        for column, value in enumerate(values):
            if isinstance(value, str):
                text(line, column, value)
                widths[column] = max(widths[column], len(value))
            elif value is not None:
                sheet.write_number(line, column, value, formats(num_format=table.number_format(column, value)))
    narrowest, widest = TEXT_WIDTHS
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 2, narrowest), widest))
    sheet.freeze_panes(HEADER_ROW, 1)
    sheet.autofilter(HEADER_ROW - 1, 0, HEADER_ROW - 1 + count, len(table.headings) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_footer("&RPage &P of &N")


def render_tables_xlsx(tables: Sequence[Table], *, title: str, document_date: datetime.date) -> bytes:
    """A sheet per table, in order: headers frozen and filtered, empty cells left empty, A4 landscape."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    for table in tables:
        _write(xlsx.add_sheet(workbook, table.sheet_name), formats, table)
    return xlsx.save(workbook, buffer, title, document_date)


def render_table_xlsx(
    headings: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet_name: str,
    title: str,
    note: str,
    document_date: datetime.date,
) -> bytes:
    """One sheet: the table under a title and a note."""
    table = Table(sheet_name, title, note, headings, rows)
    return render_tables_xlsx([table], title=title, document_date=document_date)
