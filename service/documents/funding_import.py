"""Import a filled Part 4 workbook into its own plan: all or nothing, every problem named by sheet and cell."""

import io
import re
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import TypeAdapter, ValidationError

from plan_schema.funding import MAX_FUNDING_YEARS, Funding
from plan_schema.money import ZERO, format_money, parse_money
from plan_schema.plan_year import check_plan_year
from plan_schema.text import ShortText
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS
from service.documents import funding_layout as layout
from service.documents.context import DocumentContext
from service.documents.workbook_container import MAX_COLUMNS, WORKBOOK, container_problems

WORKED_OUT = "this cell is worked out by the workbook; it must keep its formula"
NAME_SHOWN = 100  # characters of a refused partnership name repeated back
_YEAR_LIKE = re.compile(r"^\s*\d{4}\s*[/-]\s*\d{2,4}\s*$")
_SHORT_TEXT: TypeAdapter[str] = TypeAdapter(ShortText)


class WorkbookRejected(Exception):
    """An uploaded workbook that cannot be imported, with every problem as "Sheet!Cell: message"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _money(value: object) -> Decimal:
    """A money cell's value, by the rules of plan_schema.money; a blank cell is nothing spent."""
    if isinstance(value, str):
        value = value.strip()  # spaces a spreadsheet cell keeps are not part of the figure
    if value is None or value == "":
        return ZERO
    if isinstance(value, float):
        # A spreadsheet stores a double; its shortest decimal form is the figure that was typed.
        value = Decimal(repr(value))
    return parse_money(value)


def _text(value: object) -> str:
    """A text cell's value, by the rules of plan_schema.text (length, control characters)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("must be text")
    try:
        return _SHORT_TEXT.validate_python(value)
    except ValidationError as error:
        detail = error.errors()[0]
        if detail["type"] in ("string_too_long", "too_long"):
            raise ValueError(f"must be at most {detail['ctx']['max_length']} characters") from None
        raise ValueError(str(detail.get("ctx", {}).get("error", detail["msg"]))) from None


class _Reader:
    """Reads the two tables cell by cell, collecting every problem rather than stopping at the first."""

    def __init__(self, workbook: Workbook, context: DocumentContext) -> None:
        self.workbook = workbook
        self.context = context
        self.problems: list[str] = []

    def _problem(self, sheet: Worksheet, row: int, column: int, message: str) -> None:
        self.problems.append(f"{sheet.title}!{get_column_letter(column)}{row}: {message}")

    def sheet(self, title: str) -> Worksheet | None:
        if title not in self.workbook.sheetnames:
            self.problems.append(f"{title}: the sheet is missing; use the Part 4 template")
            return None
        return self.workbook[title]

    def expect(self, sheet: Worksheet, row: int, column: int, expected: str, *, prefix: bool = False) -> None:
        """A label of the layout must be where the template put it, or no figure can be trusted."""
        value = sheet.cell(row, column).value
        found = isinstance(value, str) and (value.startswith(expected) if prefix else value.strip() == expected)
        if not found:
            wanted = f'a heading starting "{expected}"' if prefix else f'"{expected}"'
            self._problem(sheet, row, column, f"expected {wanted}; the table has been moved or changed")

    def money(self, sheet: Worksheet, row: int, column: int) -> str | None:
        cell = sheet.cell(row, column)
        if cell.data_type == "f":
            self._problem(sheet, row, column, "must be an amount typed in, not a formula")
            return None
        try:
            return format_money(_money(cell.value))
        except ValueError as error:
            self._problem(sheet, row, column, str(error))
            return None

    def text(self, sheet: Worksheet, row: int, column: int) -> str | None:
        cell = sheet.cell(row, column)
        if cell.data_type == "f":
            self._problem(sheet, row, column, "must be text typed in, not a formula")
            return None
        try:
            return _text(cell.value)
        except ValueError as error:
            self._problem(sheet, row, column, str(error))
            return None

    def formula(self, sheet: Worksheet, coordinate: str, expected: str) -> None:
        cell = sheet[coordinate]
        formula = getattr(cell.value, "text", cell.value)  # array formulas carry their text
        if cell.data_type != "f" or layout.normalised_formula(str(formula)) != layout.normalised_formula(expected):
            self.problems.append(f"{sheet.title}!{coordinate}: {WORKED_OUT}")

    def partnership(self, sheet: Worksheet) -> None:
        """The partnership A2 names must be the plan's own: a workbook goes only into its own plan."""
        value = sheet.cell(layout.NAME_ROW, 1).value
        named = " ".join(str(value if value is not None else "").split())
        if named.casefold() in (unnamed.casefold() for unnamed in layout.UNNAMED):
            return  # the blank template, for any partnership
        plan = self.context.partnership_name
        if named.casefold() != " ".join(plan.split()).casefold():
            shown = named if len(named) <= NAME_SHOWN else f"{named[:NAME_SHOWN]}…"
            self._problem(sheet, layout.NAME_ROW, 1, f"names {shown}; this plan is {plan}'s")

    def years(self, sheet: Worksheet) -> list[str]:
        """The year headers from C4 rightwards, each a year of this plan, each once, the plan year among them."""
        years: list[str] = []
        plan_years = sorted({self.context.previous_year, self.context.plan_year, *self.context.indicative_years})
        in_words = f"{', '.join(plan_years[:-1])} and {plan_years[-1]}"
        foreign = False
        column = layout.FIRST_YEAR_COLUMN
        while column <= MAX_COLUMNS and _YEAR_LIKE.match(str(sheet.cell(layout.HEADER_ROW, column).value or "")):
            label = str(sheet.cell(layout.HEADER_ROW, column).value).strip()
            try:
                check_plan_year(label)
            except ValueError as error:
                self._problem(sheet, layout.HEADER_ROW, column, str(error))
            else:
                if label not in plan_years:
                    foreign = True
                    self._problem(sheet, layout.HEADER_ROW, column, f"is {label}; this plan's years are {in_words}")
            if label in years:
                self._problem(sheet, layout.HEADER_ROW, column, f"{label} has a column already")
            years.append(label)
            column += 1
        first = (sheet, layout.HEADER_ROW, layout.FIRST_YEAR_COLUMN)
        if not years:
            self._problem(*first, 'expected a year such as "2008/09"; the table has been moved or changed')
        elif self.context.plan_year not in years and not foreign:  # a year of another plan already says why
            self._problem(
                *first, f"there is no column for {self.context.plan_year}; is this the right year's workbook?"
            )
        if len(years) > MAX_FUNDING_YEARS:
            self._problem(*first, f"at most {MAX_FUNDING_YEARS} years")
        return years

    def table_1(self, sheet: Worksheet) -> list[dict[str, Any]]:
        laid_out = len(self.problems)
        self.expect(sheet, layout.HEADER_ROW, 1, layout.CODE_HEADER)
        self.expect(sheet, layout.HEADER_ROW, 2, layout.LABEL_HEADER)
        for funding_row in FUNDING_ROWS:
            self.expect(sheet, layout.TABLE_1_ROW[funding_row.code], 1, funding_row.code)
        if len(self.problems) == laid_out:  # in a moved table, A2 holds something else than the name
            self.partnership(sheet)
        years = self.years(sheet)
        columns = []
        for index, year in enumerate(years):
            money_column = layout.year_column(index)
            text_column = layout.description_column(index, len(years))
            self.expect(sheet, layout.HEADER_ROW, text_column, layout.description_header(year))
            column: dict[str, Any] = {"year": year}
            for funding_row in layout.TABLE_1_INPUT_ROWS:
                column[funding_row.field] = self.money(sheet, layout.TABLE_1_ROW[funding_row.code], money_column)
            for row, formula in layout.table_1_formulas(money_column).items():
                self.formula(sheet, f"{get_column_letter(money_column)}{row}", formula)
            column["other_description"] = self.text(sheet, layout.OTHER_ROW, text_column)
            columns.append(column)
        return columns

    def table_2(self, sheet: Worksheet, plan_year_column: int | None) -> list[dict[str, Any]]:
        laid_out = len(self.problems)
        self.expect(sheet, layout.HEADER_ROW, 1, layout.CATEGORY_HEADER)
        for source in EXPENDITURE_SOURCES:
            self.expect(sheet, layout.HEADER_ROW, layout.SOURCE_COLUMN[source.field], f"{source.code} ", prefix=True)
        self.expect(sheet, layout.HEADER_ROW, layout.ROW_TOTAL_COLUMN, layout.TOTAL_HEADER)
        self.expect(sheet, layout.SOURCE_TOTAL_ROW, 1, layout.TOTAL_HEADER)
        if len(self.problems) == laid_out:
            self.partnership(sheet)
        rows = []
        for row in layout.CATEGORY_ROWS:
            expenditure: dict[str, Any] = {"category": self.text(sheet, row, 1)}
            for field, column in layout.SOURCE_COLUMN.items():
                expenditure[field] = self.money(sheet, row, column)
            rows.append(expenditure)
        formulas = layout.table_2_formulas(plan_year_column or layout.FIRST_YEAR_COLUMN)
        if plan_year_column is None:  # Table 1 is already reported; its plan-year cell is unknown
            del formulas[layout.CHECK_CELL]
        for coordinate, formula in formulas.items():
            self.formula(sheet, coordinate, formula)
        return rows

    def read(self) -> dict[str, Any]:
        table_1, table_2 = self.sheet(layout.TABLE_1), self.sheet(layout.TABLE_2)
        columns = self.table_1(table_1) if table_1 is not None else []
        years = [column["year"] for column in columns]
        plan_year = years.index(self.context.plan_year) if self.context.plan_year in years else None
        plan_year_column = None if plan_year is None else layout.year_column(plan_year)
        rows = self.table_2(table_2, plan_year_column) if table_2 is not None else []
        return {"table_1": columns, "table_2": rows}


def read_funding_workbook(data: bytes, context: DocumentContext) -> Funding:
    """Part 4 from a workbook of ours (template or export); raises WorkbookRejected with every problem."""
    problems = container_problems(data)
    if problems:
        raise WorkbookRejected(problems)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=False, keep_links=False)
    except Exception as error:  # a hostile file can break openpyxl in many ways; each means "unreadable"
        raise WorkbookRejected([f"{WORKBOOK}: the file could not be read as an Excel workbook"]) from error
    try:
        reader = _Reader(workbook, context)
        document = reader.read()
    finally:
        workbook.close()
    if reader.problems:
        raise WorkbookRejected(reader.problems)
    try:
        return Funding.model_validate(document)
    except ValidationError as error:  # every cell was checked above, so this is a rule across cells
        raise WorkbookRejected([f"{WORKBOOK}: {detail['msg']}" for detail in error.errors()]) from None
