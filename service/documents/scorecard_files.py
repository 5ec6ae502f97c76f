"""A partnership's scorecard as CSV and as a workbook: one row per metric, numbers as numbers.

The caller turns each scorecard row into a ScorecardLine (this layer knows no monitoring code), so
both files carry the same columns in the same order as the page's words and figures.
"""

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields

from service.documents import xlsx_writing as xlsx
from service.documents.xlsx_writing import FORMULA_TRIGGERS, Formats

SHEET = "Scorecard"
HEADER_ROW = 3  # after the title and a note
NUMBER_FORMAT = "#,##0.0##"


@dataclass(frozen=True)
class ScorecardLine:
    """One metric on a scorecard, flattened for a file: None where there is no figure, or it is hidden."""

    family: str
    code: str
    version: int
    metric: str
    unit: str
    latest_period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    lower_95: float | None
    upper_95: float | None
    baseline: float | None
    target: float | None
    expected_by_now: float | None
    rag: str
    significance: str
    direction_of_travel: str
    compared_with_region: str
    compared_with_england: str


HEADERS = (
    "Family",
    "Code",
    "Version",
    "Metric",
    "Unit",
    "Latest period",
    "Numerator",
    "Denominator",
    "Value",
    "95% CI lower",
    "95% CI upper",
    "Baseline",
    "Target",
    "Expected by now",
    "RAG",
    "Against the target",
    "Direction of travel",
    "Compared with the region",
    "Compared with England",
)
if len(HEADERS) != len(fields(ScorecardLine)):
    raise RuntimeError("each ScorecardLine field needs its header")
WIDTHS = (24, 9, 8, 48, 16, 14, *(12,) * 8, 22, 28, 32, 32, 32)


def _csv_cell(value: object) -> object:
    """Numbers as they are; text that a spreadsheet would run as a formula kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return "" if value is None else value


def render_scorecard_csv(lines: Sequence[ScorecardLine]) -> bytes:
    """The scorecard as CSV (UTF-8 with a byte order mark, so spreadsheets read its "–" and "£" rightly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for line in lines:
        writer.writerow([_csv_cell(value) for value in astuple(line)])
    return buffer.getvalue().encode("utf-8-sig")


def render_scorecard_xlsx(
    lines: Sequence[ScorecardLine], *, title: str, note: str, document_date: datetime.date
) -> bytes:
    """The scorecard as a workbook: a title, a note, a header row, and a row per metric with numbers as numbers."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    sheet = workbook.add_worksheet(SHEET)

    def text(row: int, column: int, value: str, **properties: object) -> None:
        sheet.write_string(row, column, value, formats(**properties, **xlsx.text_properties(value)))

    text(0, 0, title, bold=True, font_size=14)
    text(1, 0, note)
    for column, header in enumerate(HEADERS):
        text(HEADER_ROW - 1, column, header, bold=True, bg_color=xlsx.HEADER_FILL, text_wrap=True, border=1)
        sheet.set_column(column, column, WIDTHS[column])
    for offset, line in enumerate(lines):
        row = HEADER_ROW + offset
        for column, value in enumerate(astuple(line)):
            if isinstance(value, str):
                text(row, column, value, text_wrap=True)
            elif isinstance(value, int | float):
                sheet.write_number(row, column, value, formats(num_format="0" if column == 2 else NUMBER_FORMAT))
    sheet.autofilter(HEADER_ROW - 1, 0, max(HEADER_ROW + len(lines) - 1, HEADER_ROW - 1), len(HEADERS) - 1)
    sheet.freeze_panes(HEADER_ROW, 4)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_footer("&RPage &P of &N")
    return xlsx.save(workbook, buffer, title, document_date)
