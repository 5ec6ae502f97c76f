"""A sheet of the Part 4 workbook: its formats, and cells written as text, money or formulas with their values."""

from decimal import Decimal
from typing import Any

from xlsxwriter.worksheet import Worksheet

from service.documents import funding_layout as layout
from service.documents import xlsx_writing as xlsx
from service.documents.xlsx_writing import Formats, at

# At 80 % an 11 pt cell prints at 8.8 pt: tables wider than a page go on to the next, titles repeated.
PRINT_SCALE = 80
BORDER = {"border": 1, "border_color": "#808080", "valign": "top"}
MONEY = {"num_format": layout.MONEY_FORMAT, **BORDER}
INPUT = {**MONEY, "bg_color": xlsx.INPUT_FILL, "locked": False}
WORKED_OUT = {**MONEY, "bg_color": xlsx.WORKED_OUT_FILL, "bold": True}
HEADER = {"bold": True, "bg_color": xlsx.HEADER_FILL, "text_wrap": True, **BORDER}
WRAPPED = {"text_wrap": True, **BORDER}
MISMATCH = {"bg_color": xlsx.MISMATCH_FILL}
CODE_WIDTH = 7  # Table 1's column A
LABEL_WIDTH = 46  # Table 1's column B
CATEGORY_WIDTH = 36  # Table 2's column A
DESCRIPTION_WIDTH = 36  # Table 1's 1.12 descriptions
FONT_SIZE = 11  # points, the workbook's text
TITLE_SIZE = 14  # points, each table's title
LINE_HEIGHT = 15  # points, for an 11 pt line


def wrapped_height(text: str, width: int, *, bold: bool = False, font_size: int = FONT_SIZE) -> float | None:
    """A row tall enough for text wrapped in a column this wide; None for one line.

    Set by us because a row's height is stored in the file, and not every reader works it out again.
    """
    per_unit = 21 if bold else 23  # twentieths of an 11 pt character a unit of width holds: about 1.15, bold 1.05
    lines = -(-len(text) * 20 * font_size // (width * per_unit * FONT_SIZE))
    return LINE_HEIGHT * font_size / FONT_SIZE * lines if lines > 1 else None


class TableSheet:
    """One sheet and the workbook's formats: text always written as text, formulas with their values."""

    def __init__(self, sheet: Worksheet, formats: Formats) -> None:
        self.sheet, self.formats = sheet, formats

    def text(self, cell: str, text: str, **properties: Any) -> None:
        self.sheet.write_string(*at(cell), text, self.formats(**properties, **xlsx.text_properties(text)))

    def money(self, cell: str, amount: Decimal) -> None:
        self.sheet.write_number(*at(cell), float(amount), self.formats(**INPUT))

    def formula(self, cell: str, formula: str, value: Decimal | str, **properties: Any) -> None:
        """A live formula carrying the value the service works out, as a number ("" for an empty result)."""
        cached = value if isinstance(value, str) else float(value)
        self.sheet.write_formula(*at(cell), formula, self.formats(**(properties or WORKED_OUT)), cached)

    def header(self, cell: str, text: str) -> None:
        self.text(cell, text, **HEADER)

    def red_unless_zero(self, cells: str) -> None:
        """A check that is not 0 shows red, so a mismatch cannot be missed on screen or on paper."""
        rule = {"type": "cell", "criteria": "!=", "value": 0, "format": self.formats(**MISMATCH)}
        self.sheet.conditional_format(cells, rule)
