"""What every workbook we write shares: XlsxWriter set up for text kept as text, formats by their properties.

XlsxWriter, not openpyxl, writes our workbooks because it can give a formula its computed value as
well (a cached result), so that anything that does not recalculate still shows the figures.
"""

import datetime
import functools
import io
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_cell_to_rowcol
from xlsxwriter.worksheet import Worksheet

from service.documents.reproducible import document_timestamp, reproducible_zip

CREATOR = "Adult drug treatment plan service"
# The font the Word documents name: a workbook and a Word document print in one family (LibreOffice
# without Arial uses its metric twin, Liberation Sans; XlsxWriter's Calibri would become DejaVu Sans).
FONT = "Arial"
FONT_SIZE = 11
# The characters that make a spreadsheet treat typed text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
PREPARED_FORMULAS_MAX = 10_000  # far more than any of our workbooks holds; bounds the cache whatever comes
HEADER_FOOTER_NAME_MAX = 80  # Excel refuses a whole header or footer longer than 255 characters
HEADER_FOOTER_TITLE_MAX = 130  # a part's title, its year and stage, beside a name of at most 80

INPUT_FILL = "#FFF2CC"
WORKED_OUT_FILL = "#E7E6E6"
HEADER_FILL = "#D9E1F2"
MISMATCH_FILL = "#F4B6B6"


class RepeatingWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet that prepares each distinct formula text once per process, not once per cell written.

    XlsxWriter runs some thirty regular expressions over every formula to spell newer Excel functions
    (none of which we use); our workbooks write the same few hundred formulas on every render.
    """

    _prepared: dict[tuple[str, bool, bool], str] = {}  # shared on purpose: a cache of pure results

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        key = (formula, expand_future_functions, self.use_future_functions)
        prepared = self._prepared.get(key)
        if prepared is None:
            prepared = super()._prepare_formula(formula, expand_future_functions)
            if len(self._prepared) < PREPARED_FORMULAS_MAX:
                self._prepared[key] = prepared
        return prepared


def add_sheet(workbook: Workbook, name: str) -> Worksheet:
    """A worksheet of ours: see RepeatingWorksheet."""
    sheet: Worksheet = workbook.add_worksheet(name, worksheet_class=RepeatingWorksheet)
    return sheet


@functools.lru_cache(maxsize=20_000)
def at(cell: str) -> tuple[int, int]:
    """ "C5" as XlsxWriter's (row, column) from 0, worked out once: every render writes the same cells."""
    row, column = xl_cell_to_rowcol(cell)
    return row, column


def new_workbook() -> tuple[Workbook, io.BytesIO]:
    """A workbook written in memory, where a string is always text: never made a formula, number or link."""
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE},
    }
    return Workbook(buffer, options), buffer


class Formats:
    """One Format per set of properties, made when first asked for: XlsxWriter wants each added once."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._made: dict[tuple[tuple[str, Any], ...], Format] = {}

    def __call__(self, **properties: Any) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._workbook.add_format(properties)
        return self._made[key]


def text_properties(text: str) -> dict[str, Any]:
    """Text that starts like a formula is shown, and kept on editing, as text, as if typed after an apostrophe."""
    return {"quote_prefix": True} if text.startswith(FORMULA_TRIGGERS) else {}


def header_footer_text(text: str, limit: int = HEADER_FOOTER_NAME_MAX) -> str:
    """Text for a print header or footer, cut to the limit: "&" doubled, since "&P" and the like are codes there."""
    short = text if len(text) <= limit else f"{text[: limit - 1]}…"
    return short.replace("&", "&&")


def save(workbook: Workbook, buffer: io.BytesIO, title: str, document_date: datetime.date) -> bytes:
    """Workbook bytes that depend only on the content and the document date."""
    workbook.set_properties({"title": title, "author": CREATOR, "created": document_timestamp(document_date)})
    workbook.close()
    return reproducible_zip(buffer.getvalue(), document_date)
