"""The index of a region's pack: every partnership, its status, its latest submission or "not submitted"."""

import datetime
from collections.abc import Sequence

from service.documents import xlsx_writing as xlsx
from service.documents.context import long_date
from service.documents.reconciliation_workbook import DATE_FORMAT, ReconciliationRow
from service.documents.xlsx_writing import Formats

SHEET = "Index"
NOT_SUBMITTED = "not submitted"
HEADERS = ("Partnership", "Status", "Latest submission", "Submitted on", "Days late", "Folder in this pack")
WIDTHS = (40, 22, 18, 14, 10, 60)
HEADER_ROW = 3  # after the title and a note, as in the reconciliation


def submitted(row: ReconciliationRow) -> bool:
    return row.submitted_on is not None


def render_region_index_xlsx(
    rows: Sequence[ReconciliationRow], folders: Sequence[str | None], *, title: str, document_date: datetime.date
) -> bytes:
    """A row per partnership, in the order given, with the folder its submission is in (None: not submitted)."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    sheet = workbook.add_worksheet(SHEET)

    def text(row: int, column: int, value: str, **properties: object) -> None:
        sheet.write_string(row, column, value, formats(**properties, **xlsx.text_properties(value)))

    text(0, 0, title, bold=True, font_size=14)
    late = sum(1 for row in rows if row.days_late)
    count = f"{len(rows)} partnerships, {sum(map(submitted, rows))} submitted, {late} late"
    text(1, 0, f"Issued {long_date(document_date)}. {count}.")
    for column, header in enumerate(HEADERS):
        text(HEADER_ROW - 1, column, header, bold=True, bg_color=xlsx.HEADER_FILL, text_wrap=True, border=1)
        sheet.set_column(column, column, WIDTHS[column])
    for offset, (row, folder) in enumerate(zip(rows, folders, strict=True)):
        line = HEADER_ROW + offset
        text(line, 0, row.partnership)
        text(line, 1, row.status)
        text(line, 2, row.submission if submitted(row) else NOT_SUBMITTED, **({} if submitted(row) else {"bold": True}))
        if row.submitted_on is not None:
            moment = datetime.datetime.combine(row.submitted_on, datetime.time())
            sheet.write_datetime(line, 3, moment, formats(num_format=DATE_FORMAT))
        if row.days_late is not None:
            sheet.write_number(line, 4, row.days_late, formats(num_format="0"))
        if folder is not None:
            text(line, 5, folder)
    last = HEADER_ROW + len(rows)
    sheet.autofilter(HEADER_ROW - 1, 0, max(last - 1, HEADER_ROW - 1), len(HEADERS) - 1)
    sheet.freeze_panes(HEADER_ROW, 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_footer("&RPage &P of &N")
    return xlsx.save(workbook, buffer, title, document_date)
