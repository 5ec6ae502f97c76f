"""A table as a workbook: a title, a note, a header row, then rows whose numbers are numbers.

For downloads that are one plain table (a region's metrics, the national view): numbers are written as
numbers, so a spreadsheet can sum and sort them; text is always text, never a formula.
"""

import datetime
from collections.abc import Iterable, Sequence

from service.documents import xlsx_writing as xlsx
from service.documents.xlsx_writing import Formats

HEADER_ROW = 3  # after the title and the note
NUMBER_FORMAT = "#,##0.0###"
TEXT_WIDTHS = (10, 60)


def render_table_xlsx(
    headings: Sequence[str],
    rows: Iterable[Sequence[str | float | int | None]],
    *,
    sheet_name: str,
    title: str,
    note: str,
    document_date: datetime.date,
) -> bytes:
    """One sheet: the table under a title and a note, headers frozen and filtered, empty cells left empty."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    sheet = xlsx.add_sheet(workbook, sheet_name)

    def text(row: int, column: int, value: str, **properties: object) -> None:
        sheet.write_string(row, column, value, formats(**properties, **xlsx.text_properties(value)))

    text(0, 0, title, bold=True, font_size=14)
    text(1, 0, note)
    widths = [len(heading) for heading in headings]
    for column, heading in enumerate(headings):
        text(HEADER_ROW - 1, column, heading, bold=True, bg_color=xlsx.HEADER_FILL, text_wrap=True, border=1)
    count = 0
    for count, values in enumerate(rows, start=1):
        line = HEADER_ROW - 1 + count
        for column, value in enumerate(values):
            if isinstance(value, str):
                text(line, column, value)
                widths[column] = max(widths[column], len(value))
            elif value is not None:
                sheet.write_number(line, column, value, formats(num_format=NUMBER_FORMAT))
    narrowest, widest = TEXT_WIDTHS
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 2, narrowest), widest))
    sheet.freeze_panes(HEADER_ROW, 1)
    sheet.autofilter(HEADER_ROW - 1, 0, HEADER_ROW - 1 + count, len(headings) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_footer("&RPage &P of &N")
    return xlsx.save(workbook, buffer, title, document_date)
