"""The Part 4 workbook: Table 1 and Table 2 with live formulas, protected, as the guidance lays them out."""

import io
import zipfile
from dataclasses import replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plan_schema.funding import ExpenditureRow, Funding, FundingYear
from plan_schema.money import MONEY_MAX
from plan_schema.text import SHORT_TEXT_MAX
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, PART_TITLES, PartName
from service.documents import funding_layout as layout
from service.documents.context import DocumentContext, long_date
from service.documents.reproducible import document_timestamp, reproducible_zip

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
WORKED_OUT_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
# The characters that make a spreadsheet treat typed text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@")


def write_text(cell: Cell, text: str) -> None:
    """Write text that stays text: openpyxl would make a formula of any string starting with "="."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        # Also shown and edited as text in Excel and LibreOffice, as if typed after an apostrophe.
        cell.quotePrefix = True


def _money_input(cell: Cell, amount: Decimal) -> None:
    cell.value = amount
    cell.number_format = layout.MONEY_FORMAT
    cell.fill = INPUT_FILL
    cell.protection = UNLOCKED


def _formula(cell: Cell, formula: str) -> None:
    cell.value = formula
    cell.number_format = layout.MONEY_FORMAT
    cell.fill = WORKED_OUT_FILL
    cell.font = BOLD
    cell.protection = LOCKED


def _header(cell: Cell, text: str) -> None:
    write_text(cell, text)
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = WRAP


def _money_validation() -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2=str(MONEY_MAX),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Amount of money",
        error="Enter pounds and pence: at least £0 and at most £1,000,000,000.",
    )


def _front_matter(sheet: Worksheet, title: str, context: DocumentContext, note: str) -> None:
    write_text(sheet["A1"], title)
    sheet["A1"].font = TITLE
    name = sheet.cell(layout.NAME_ROW, 1)
    write_text(name, context.partnership_name)
    name.font = BOLD
    write_text(sheet["A3"], note)


def _finish(sheet: Worksheet, freeze: str, last_cell: tuple[int, int], header_height: int) -> None:
    """Protection without a password, frozen headers, and landscape printing one page wide."""
    sheet.freeze_panes = freeze
    sheet.row_dimensions[layout.HEADER_ROW].height = header_height
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # people may still widen a column to read it
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"
    last_column, last_row = last_cell
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"


def _table_1(sheet: Worksheet, years: list[FundingYear], context: DocumentContext) -> None:
    """A row per Table 1 row code, a money column per year, a 1.12 description column per year."""
    note = f"{PART_TITLES[PartName.FUNDING]}. Issued {long_date(context.document_date)}."
    _front_matter(sheet, f"Table 1: Funding source {context.plan_year}", context, note)
    _header(sheet.cell(layout.HEADER_ROW, 1), layout.CODE_HEADER)
    _header(sheet.cell(layout.HEADER_ROW, 2), layout.LABEL_HEADER)
    for funding_row in FUNDING_ROWS:
        row = layout.TABLE_1_ROW[funding_row.code]
        write_text(sheet.cell(row, 1), funding_row.code)
        write_text(sheet.cell(row, 2), funding_row.label)
        sheet.cell(row, 2).alignment = WRAP
        if funding_row.computed:
            sheet.cell(row, 1).font = sheet.cell(row, 2).font = BOLD
    money = _money_validation()
    describe = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(SHORT_TEXT_MAX),
        showErrorMessage=True,
        error=f"At most {SHORT_TEXT_MAX} characters.",
    )
    for index, column in enumerate(years):
        money_column = layout.year_column(index)
        _header(sheet.cell(layout.HEADER_ROW, money_column), column.year)
        for funding_row in layout.TABLE_1_INPUT_ROWS:
            cell = sheet.cell(layout.TABLE_1_ROW[funding_row.code], money_column)
            _money_input(cell, getattr(column, funding_row.field))
            money.add(cell.coordinate)
        for row, formula in layout.table_1_formulas(money_column).items():
            _formula(sheet.cell(row, money_column), formula)
        text_column = layout.description_column(index, len(years))
        _header(sheet.cell(layout.HEADER_ROW, text_column), layout.description_header(column.year))
        description = sheet.cell(layout.OTHER_ROW, text_column)
        write_text(description, column.other_description)
        description.fill, description.protection, description.alignment = INPUT_FILL, UNLOCKED, WRAP
        describe.add(description.coordinate)
        sheet.column_dimensions[get_column_letter(money_column)].width = 18
        sheet.column_dimensions[get_column_letter(text_column)].width = 40
    sheet.add_data_validation(money)
    sheet.add_data_validation(describe)
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 62
    _finish(sheet, "C5", (layout.description_column(len(years) - 1, len(years)), layout.TOTAL_ROW), 32)


def _table_2(sheet: Worksheet, rows: list[ExpenditureRow], plan_year_column: int, context: DocumentContext) -> None:
    """Sources across B to M, categories down rows 5 to 14, totals in N and row 15, N15, the check."""
    note = f"The total of all funding in cell N15 should equal 1.14 of Table 1 for {context.plan_year}."
    _front_matter(sheet, f"Table 2: Expenditure profile – {context.plan_year}", context, note)
    _header(sheet.cell(layout.HEADER_ROW, 1), layout.CATEGORY_HEADER)
    for source in EXPENDITURE_SOURCES:
        column = layout.SOURCE_COLUMN[source.field]
        _header(sheet.cell(layout.HEADER_ROW, column), layout.source_header(source))
        sheet.column_dimensions[get_column_letter(column)].width = 17
    _header(sheet.cell(layout.HEADER_ROW, layout.ROW_TOTAL_COLUMN), layout.TOTAL_HEADER)
    money = _money_validation()
    for row, expenditure in zip(layout.CATEGORY_ROWS, rows, strict=True):
        write_text(sheet.cell(row, 1), expenditure.category)
        sheet.cell(row, 1).alignment = WRAP
        for field, column in layout.SOURCE_COLUMN.items():
            _money_input(sheet.cell(row, column), getattr(expenditure, field))
    money.add(f"B{layout.CATEGORY_ROWS.start}:M{layout.CATEGORY_ROWS.stop - 1}")
    sheet.add_data_validation(money)
    write_text(sheet.cell(layout.SOURCE_TOTAL_ROW, 1), layout.TOTAL_HEADER)
    sheet.cell(layout.SOURCE_TOTAL_ROW, 1).font = BOLD
    for coordinate, formula in layout.table_2_formulas(plan_year_column).items():
        _formula(sheet[coordinate], formula)
    write_text(sheet.cell(layout.CHECK_ROW, 1), layout.check_label(context.plan_year))
    sheet.cell(layout.CHECK_ROW, 1).font = BOLD
    # A check that is not 0 shows red, so a mismatch cannot be missed on screen or on paper.
    mismatch = CellIsRule(operator="notEqual", formula=["0"], fill=PatternFill("solid", fgColor="F4B6B6"))
    sheet.conditional_formatting.add(layout.CHECK_CELL, mismatch)
    sheet.column_dimensions["A"].width = 66  # the longest default category on one line
    sheet.column_dimensions[get_column_letter(layout.ROW_TOTAL_COLUMN)].width = 18
    _finish(sheet, "B5", (layout.ROW_TOTAL_COLUMN, layout.CHECK_ROW), 80)


def _columns(funding: Funding, plan_year: str) -> list[FundingYear]:
    """Table 1's years; the plan year always has a column, since Table 2's check refers to it."""
    years = list(funding.table_1)
    if all(column.year != plan_year for column in years):
        years = sorted([*years, FundingYear(year=plan_year)], key=lambda column: column.year)
    return years


def _save(workbook: Workbook, context: DocumentContext) -> bytes:
    """Workbook bytes that depend only on the content and the document date."""
    properties = workbook.properties
    properties.creator = "Adult drug treatment plan service"
    properties.lastModifiedBy = None
    named = f": {context.partnership_name}" if context.partnership_name else ""
    properties.title = f"{PART_TITLES[PartName.FUNDING]}{named}"
    properties.created = properties.modified = document_timestamp(context.document_date)
    buffer = io.BytesIO()
    # ExcelWriter, not workbook.save(), which would stamp "modified" with the clock.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return reproducible_zip(buffer.getvalue(), context.document_date)


def render_funding_xlsx(funding: Funding, context: DocumentContext) -> bytes:
    """Part 4 as an Excel workbook whose formulas work out 1.3, 1.14, the Table 2 totals and N15."""
    workbook = Workbook()
    table_1 = workbook.active
    table_1.title = layout.TABLE_1
    years = _columns(funding, context.plan_year)
    _table_1(table_1, years, context)
    plan_year_index = next(index for index, column in enumerate(years) if column.year == context.plan_year)
    _table_2(workbook.create_sheet(layout.TABLE_2), funding.table_2, layout.year_column(plan_year_index), context)
    return _save(workbook, context)


def render_funding_template_xlsx(context: DocumentContext) -> bytes:
    """The blank Part 4 workbook: the cycle's previous and plan years and categories, nothing spent, no name in A2.

    The name cell stays empty because the template is for any partnership: an import takes an
    empty name as the plan's own, while a workbook naming another partnership is refused.
    """
    context = replace(context, partnership_name="")
    blank = Funding(
        table_1=[FundingYear(year=context.previous_year), FundingYear(year=context.plan_year)],
        table_2=[ExpenditureRow(category=category) for category in context.expenditure_categories],
    )
    return render_funding_xlsx(blank, context)
