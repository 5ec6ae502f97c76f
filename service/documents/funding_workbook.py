"""The Part 4 workbook: Table 1 and Table 2 as the guidance lays them out, live formulas with their values, protected.

Every formula cell also carries the figure plan_schema.funding_totals works out (its cached result), so a
preview or a reader that does not recalculate shows the same figures as Excel does.
"""

from dataclasses import replace
from typing import Any

from openpyxl.utils import get_column_letter
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow, Funding, FundingYear
from plan_schema.money import MONEY_MAX
from plan_schema.text import SHORT_TEXT_MAX
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, PART_TITLES, PartName
from service.documents import funding_checks
from service.documents import funding_layout as layout
from service.documents import xlsx_writing as xlsx
from service.documents.context import DocumentContext, long_date
from service.documents.funding_chart import add_expenditure_chart
from service.documents.funding_sheet import (
    BORDER,
    CATEGORY_WIDTH,
    CODE_WIDTH,
    DESCRIPTION_WIDTH,
    FONT_SIZE,
    LABEL_WIDTH,
    LINE_HEIGHT,
    MONEY,
    PRINT_SCALE,
    TITLE_SIZE,
    WORKED_OUT,
    WRAPPED,
    TableSheet,
    wrapped_height,
)
from service.documents.xlsx_writing import FORMULA_TRIGGERS, Formats

__all__ = ["FORMULA_TRIGGERS", "render_funding_template_xlsx", "render_funding_xlsx"]


def _money_validation(first_cell: str, ranges: str) -> dict[str, Any]:
    """The import's rule in Excel: a number from £0 to £1,000,000,000 in pounds and pence, or nothing."""
    return {
        "validate": "custom",
        "value": f"=AND(ISNUMBER({first_cell}),{first_cell}>=0,{first_cell}<={MONEY_MAX},"
        f"ROUND({first_cell},2)={first_cell})",
        "ignore_blank": True,
        "multi_range": ranges,
        "error_title": "Amount of money",
        "error_message": "Enter pounds and pence from £0 to £1,000,000,000, with at most 2 decimal places.",
    }


def _front_matter(
    table: TableSheet, title: str, context: DocumentContext, note: str, title_columns: str, width: int
) -> None:
    """Title, the partnership's name in A2 (typed in on the blank template) and a note, in the title columns.

    Every printed page of a table repeats its title columns (`title_columns`, `width` characters wide)
    and not the columns after them, so text running on into those would be cut off on the table's
    second page: each line is wrapped within the title columns instead.
    """
    first, _, last = title_columns.partition(":")

    def put(row: int, text: str, **properties: Any) -> None:
        cell_format = table.formats(**({"text_wrap": True, "valign": "top"} | properties | xlsx.text_properties(text)))
        if last:
            table.sheet.merge_range(f"{first}{row}:{last}{row}", text, cell_format)
        else:
            table.sheet.write_string(f"{first}{row}", text, cell_format)
        font_size = properties.get("font_size", FONT_SIZE)
        table.sheet.set_row(
            row - 1, wrapped_height(text, width, bold=properties.get("bold", False), font_size=font_size)
        )

    put(1, title, bold=True, font_size=TITLE_SIZE)
    if context.partnership_name:
        put(layout.NAME_ROW, context.partnership_name, bold=True)
    else:
        put(layout.NAME_ROW, "", bold=True, bg_color=xlsx.INPUT_FILL, locked=False, **BORDER)
        note = f"Enter your partnership's name in A2. {note}"
    put(3, note)


def _finish(
    table: TableSheet, context: DocumentContext, last_cell: str, title_columns: str, freeze: tuple[int, int]
) -> None:
    """Protection without a password, frozen headers, and A4 landscape with titles repeated on every page."""
    sheet = table.sheet
    sheet.freeze_panes(*freeze)
    sheet.protect("", {"format_columns": True, "format_rows": True})  # people may widen a column to read it
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_print_scale(PRINT_SCALE)
    sheet.set_margins(left=0.3, right=0.3, top=0.7, bottom=0.7)
    sheet.repeat_rows(layout.HEADER_ROW - 1)
    sheet.repeat_columns(title_columns)
    sheet.print_area(f"A1:{last_cell}")
    _header_and_footer(sheet, context)


def _header_and_footer(sheet: Worksheet, context: DocumentContext) -> None:
    """The partnership, the part, its year and stage on every printed page, the date and "Page 2 of 6" at its foot."""
    name = xlsx.header_footer_text(context.partnership_name or "Partnership: enter its name in A2")
    title = f"{PART_TITLES[PartName.FUNDING]} {context.plan_year} – {context.label}"
    title = xlsx.header_footer_text(title, xlsx.HEADER_FOOTER_TITLE_MAX)
    sheet.set_header(f"&L{name}&R{title}")
    sheet.set_footer(f"&L{xlsx.header_footer_text(long_date(context.document_date))}&RPage &P of &N")


def _table_1(table: TableSheet, years: list[FundingYear], context: DocumentContext) -> None:
    """A row per Table 1 row code, a money column per year, a 1.12 description column per year, the 2 % check."""
    note = f"{PART_TITLES[PartName.FUNDING]}. Issued {long_date(context.document_date)}."
    _front_matter(table, f"Table 1: Funding source {context.plan_year}", context, note, "A:B", CODE_WIDTH + LABEL_WIDTH)
    table.header(f"A{layout.HEADER_ROW}", layout.CODE_HEADER)
    table.header(f"B{layout.HEADER_ROW}", layout.LABEL_HEADER)
    for funding_row in FUNDING_ROWS:
        row = layout.TABLE_1_ROW[funding_row.code]
        table.text(f"A{row}", funding_row.code, bold=funding_row.computed, **BORDER)
        table.text(f"B{row}", funding_row.label, bold=funding_row.computed, **WRAPPED)
        table.sheet.set_row(row - 1, wrapped_height(funding_row.label, LABEL_WIDTH, bold=funding_row.computed))
    inputs = []
    for index, column in enumerate(years):
        letter = get_column_letter(layout.year_column(index))
        table.header(f"{letter}{layout.HEADER_ROW}", column.year)
        for funding_row in layout.TABLE_1_INPUT_ROWS:
            table.money(f"{letter}{layout.TABLE_1_ROW[funding_row.code]}", getattr(column, funding_row.field))
        codes = [row.code for row in layout.TABLE_1_INPUT_ROWS]
        inputs += [f"{letter}{layout.TABLE_1_ROW[codes[0]]}:{letter}{layout.ADULT_SMPTB_ROW - 1}"]
        inputs += [f"{letter}{layout.ADULT_SMPTB_ROW + 1}:{letter}{layout.TOTAL_ROW - 1}"]
        values = {
            layout.ADULT_SMPTB_ROW: funding_totals.adult_smptb(column),
            layout.TOTAL_ROW: funding_totals.table_1_total(column),
        }
        for row, formula in layout.table_1_formulas(layout.year_column(index)).items():
            table.formula(f"{letter}{row}", formula, values[row])
        text_letter = get_column_letter(layout.description_column(index, len(years)))
        table.header(f"{text_letter}{layout.HEADER_ROW}", layout.description_header(column.year))
        table.text(
            f"{text_letter}{layout.OTHER_ROW}",
            column.other_description,
            bg_color=xlsx.INPUT_FILL,
            locked=False,
            **WRAPPED,
        )
        describe = {"validate": "length", "criteria": "<=", "value": SHORT_TEXT_MAX}
        table.sheet.data_validation(
            f"{text_letter}{layout.OTHER_ROW}", describe | {"error_message": f"At most {SHORT_TEXT_MAX} characters."}
        )
        table.sheet.set_column(f"{letter}:{letter}", 16)
        table.sheet.set_column(f"{text_letter}:{text_letter}", DESCRIPTION_WIDTH)
    table.sheet.data_validation(inputs[0].split(":")[0], _money_validation(inputs[0].split(":")[0], " ".join(inputs)))
    funding_checks.dip_check(table, years)
    last_row = funding_checks.mainstream_checks(
        table, years, context.plan_year, context.previous_year, context.inflation_uplift_pct
    )
    descriptions_end = layout.description_column(len(years) - 1, len(years))
    last_column = get_column_letter(funding_checks.year_on_year(table, years, descriptions_end + 1))
    texts = [(label.label, LABEL_WIDTH) for label in FUNDING_ROWS if label.code == "1.12"]
    texts += [(column.other_description, DESCRIPTION_WIDTH) for column in years]
    heights = [wrapped_height(text, width) or LINE_HEIGHT for text, width in texts]
    table.sheet.set_row(layout.OTHER_ROW - 1, max(heights))
    table.sheet.set_column("A:A", CODE_WIDTH)
    table.sheet.set_column("B:B", LABEL_WIDTH)
    table.sheet.set_row(layout.HEADER_ROW - 1, 32)
    _finish(
        table,
        context,
        f"{last_column}{last_row}",
        "A:B",
        (layout.FIRST_ROW - 1, layout.FIRST_YEAR_COLUMN - 1),
    )


def _table_2(
    table: TableSheet, funding: Funding, plan_year: FundingYear, plan_year_column: int, context: DocumentContext
) -> None:
    """Sources across B to M, categories down rows 5 to 14, totals in N and row 15, N15, the checks."""
    rows = funding.table_2
    note = f"The total of all funding in cell N15 should equal 1.14 of Table 1 for {context.plan_year}."
    _front_matter(table, f"Table 2: Expenditure profile – {context.plan_year}", context, note, "A", CATEGORY_WIDTH)
    table.header(f"A{layout.HEADER_ROW}", layout.CATEGORY_HEADER)
    for source in EXPENDITURE_SOURCES:
        letter = get_column_letter(layout.SOURCE_COLUMN[source.field])
        table.header(f"{letter}{layout.HEADER_ROW}", layout.source_header(source))
    total_letter = get_column_letter(layout.ROW_TOTAL_COLUMN)
    table.header(f"{total_letter}{layout.HEADER_ROW}", layout.TOTAL_HEADER)
    for row, expenditure in zip(layout.CATEGORY_ROWS, rows, strict=True):
        table.text(f"A{row}", expenditure.category, **WRAPPED)
        table.sheet.set_row(row - 1, wrapped_height(expenditure.category, CATEGORY_WIDTH))
        for field, column in layout.SOURCE_COLUMN.items():
            table.money(f"{get_column_letter(column)}{row}", getattr(expenditure, field))
    top, bottom = layout.CATEGORY_ROWS.start, layout.CATEGORY_ROWS.stop - 1
    table.sheet.data_validation(f"B{top}", _money_validation(f"B{top}", f"B{top}:M{bottom}"))
    table.text(f"A{layout.SOURCE_TOTAL_ROW}", layout.TOTAL_HEADER, bold=True, **BORDER)
    grand_total = funding_totals.grand_total(rows)
    values = {
        f"{total_letter}{row}": funding_totals.expenditure_row_total(item)
        for row, item in zip(layout.CATEGORY_ROWS, rows, strict=True)
    }
    for field, column in layout.SOURCE_COLUMN.items():
        values[f"{get_column_letter(column)}{layout.SOURCE_TOTAL_ROW}"] = funding_totals.expenditure_source_total(
            rows, field
        )
        figure = funding_totals.source_figure(plan_year, field)
        values[f"{get_column_letter(column)}{layout.TABLE_1_FIGURE_ROW}"] = figure
        values[f"{get_column_letter(column)}{layout.SOURCE_CHECK_ROW}"] = (
            funding_totals.expenditure_source_total(rows, field) - figure
        )
    values[layout.GRAND_TOTAL] = grand_total
    values[layout.CHECK_CELL] = grand_total - funding_totals.table_1_total(plan_year)
    for coordinate, formula in layout.table_2_formulas(plan_year_column).items():
        table.formula(coordinate, formula, values[coordinate])
    for coordinate, formula in layout.source_check_formulas(plan_year_column).items():
        check = coordinate.endswith(str(layout.SOURCE_CHECK_ROW))
        table.formula(coordinate, formula, values[coordinate], **(WORKED_OUT if check else MONEY))
    table.text(f"A{layout.CHECK_ROW}", layout.check_label(context.plan_year), bold=True)
    table.red_unless_zero(layout.CHECK_CELL)
    table.text(f"A{layout.TABLE_1_FIGURE_ROW}", f"Table 1's figure for each source, {context.plan_year}", **WRAPPED)
    source_check = "Check: row 15 − Table 1's figure, should be 0"
    table.text(f"A{layout.SOURCE_CHECK_ROW}", source_check, bold=True, **WRAPPED)
    table.sheet.set_row(layout.SOURCE_CHECK_ROW - 1, wrapped_height(source_check, CATEGORY_WIDTH, bold=True))
    table.red_unless_zero(f"B{layout.SOURCE_CHECK_ROW}:M{layout.SOURCE_CHECK_ROW}")
    table.sheet.set_column("A:A", CATEGORY_WIDTH)
    table.sheet.set_column(f"B:{total_letter}", 14)
    table.sheet.set_row(layout.HEADER_ROW - 1, 80)
    _finish(table, context, f"{total_letter}{layout.SOURCE_CHECK_ROW}", "A:A", (layout.FIRST_ROW - 1, 1))


def _columns(funding: Funding, plan_year: str) -> list[FundingYear]:
    """Table 1's years; the plan year always has a column, since Table 2's check refers to it."""
    years = list(funding.table_1)
    if all(column.year != plan_year for column in years):
        years = sorted([*years, FundingYear(year=plan_year)], key=lambda column: column.year)
    return years


def _names(workbook: Workbook, plan_year_column: int) -> None:
    """1.14 of the plan year and N15 by name, for a finance officer's own formulas."""
    year = get_column_letter(plan_year_column)
    workbook.define_name(layout.TOTAL_FUNDING_NAME, f"='{layout.TABLE_1}'!${year}${layout.TOTAL_ROW}")
    total_letter = get_column_letter(layout.ROW_TOTAL_COLUMN)
    workbook.define_name(
        layout.TOTAL_EXPENDITURE_NAME, f"='{layout.TABLE_2}'!${total_letter}${layout.SOURCE_TOTAL_ROW}"
    )


def render_funding_xlsx(funding: Funding, context: DocumentContext) -> bytes:
    """Part 4 as an Excel workbook whose formulas work out 1.3, 1.14, the Table 2 totals and N15."""
    workbook, buffer = xlsx.new_workbook()
    formats = Formats(workbook)
    years = _columns(funding, context.plan_year)
    plan_year_index = next(index for index, column in enumerate(years) if column.year == context.plan_year)
    plan_year_column = layout.year_column(plan_year_index)
    _table_1(TableSheet(xlsx.add_sheet(workbook, layout.TABLE_1), formats), years, context)
    table_2 = xlsx.add_sheet(workbook, layout.TABLE_2)
    _table_2(TableSheet(table_2, formats), funding, years[plan_year_index], plan_year_column, context)
    _names(workbook, plan_year_column)
    chart = add_expenditure_chart(workbook, context.plan_year)
    _header_and_footer(chart, context)
    named = f": {context.partnership_name}" if context.partnership_name else ""
    return xlsx.save(workbook, buffer, f"{PART_TITLES[PartName.FUNDING]}{named}", context.document_date)


def render_funding_template_xlsx(context: DocumentContext) -> bytes:
    """The blank Part 4 workbook: the cycle's previous and plan years and categories, nothing spent, A2 to fill in.

    The name cell is empty and unlocked because the template is for any partnership: an import takes an
    empty name as the plan's own, while a workbook naming another partnership is refused.
    """
    context = replace(context, partnership_name="")
    blank = Funding(
        table_1=[FundingYear(year=context.previous_year), FundingYear(year=context.plan_year)],
        table_2=[ExpenditureRow(category=category) for category in context.expenditure_categories],
    )
    return render_funding_xlsx(blank, context)
