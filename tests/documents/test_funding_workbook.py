"""The Part 4 workbook: the guidance's layout, live formulas, protection, text kept as text, same bytes."""

import io
import zipfile
from decimal import Decimal

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from plan_schema import funding_totals
from plan_schema.funding import Funding, FundingYear
from plan_schema.money import PENNY
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, EXPENDITURE_SOURCES, FUNDING_ROWS
from service.documents.funding_import import read_funding_workbook
from service.documents.funding_workbook import render_funding_template_xlsx, render_funding_xlsx
from tests.documents.document_builders import (
    DOCUMENT_DATE,
    FORMULA_INJECTIONS,
    PARTNERSHIP,
    demo_funding,
    document_context,
    hostile_funding,
    zip_entry,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SOURCE_LETTERS = "BCDEFGHIJKLM"


def sheets(data: bytes) -> tuple[Worksheet, Worksheet]:
    workbook = load_workbook(io.BytesIO(data))
    return workbook["Table 1"], workbook["Table 2"]


@pytest.fixture(scope="module")
def exported() -> bytes:
    return render_funding_xlsx(demo_funding(), document_context())


def input_cells(table_1: Worksheet, table_2: Worksheet) -> list[tuple[Worksheet, str]]:
    """Every money cell a partnership types into, for the demo's two years."""
    cells = [(table_1, f"{letter}{row}") for letter in "CD" for row in range(5, 19) if row != 7]  # 1.1-1.13 but 1.3
    cells += [(table_2, f"{letter}{row}") for letter in SOURCE_LETTERS for row in range(5, 15)]
    return cells


def test_table_1_has_a_row_per_code_and_a_column_per_year(exported: bytes) -> None:
    table_1, _ = sheets(exported)

    assert [table_1[f"A{row}"].value for row in range(5, 20)] == [row.code for row in FUNDING_ROWS]
    assert [table_1[f"B{row}"].value for row in range(5, 20)] == [row.label for row in FUNDING_ROWS]
    assert [table_1["C4"].value, table_1["D4"].value] == ["2007/08", "2008/09"]
    assert table_1["D5"].value == Decimal("12516744.00")
    assert table_1["A2"].value == PARTNERSHIP


def test_the_1_12_description_has_a_column_of_its_own_per_year(exported: bytes) -> None:
    table_1, _ = sheets(exported)
    funding = demo_funding()

    assert table_1["E4"].value == "1.12 Other: description (2007/08)"
    assert table_1["F4"].value == "1.12 Other: description (2008/09)"
    assert table_1["A17"].value == "1.12"
    assert [table_1["E17"].value, table_1["F17"].value] == [column.other_description for column in funding.table_1]


def test_1_3_and_1_14_are_live_formulas_in_every_year(exported: bytes) -> None:
    table_1, _ = sheets(exported)

    for letter in "CD":
        assert table_1[f"{letter}7"].value == f"={letter}5-{letter}6"
        assert table_1[f"{letter}19"].value == f"=SUM({letter}7:{letter}18)"  # 1.3 to 1.13 with 1.5(a)
        assert table_1[f"{letter}7"].data_type == table_1[f"{letter}19"].data_type == "f"


def test_table_2_has_sources_in_b_to_m_categories_in_rows_5_to_14_and_totals_to_n15(exported: bytes) -> None:
    _, table_2 = sheets(exported)

    assert [table_2[f"{letter}4"].value for letter in SOURCE_LETTERS] == [
        f"{source.code} {source.label}" for source in EXPENDITURE_SOURCES
    ]
    assert table_2["N4"].value == "Total"
    assert [table_2[f"A{row}"].value for row in range(5, 15)] == list(DEFAULT_EXPENDITURE_CATEGORIES)
    assert [table_2[f"N{row}"].value for row in range(5, 15)] == [f"=SUM(B{row}:M{row})" for row in range(5, 15)]
    assert [table_2[f"{letter}15"].value for letter in SOURCE_LETTERS + "N"] == [
        f"=SUM({letter}5:{letter}14)" for letter in SOURCE_LETTERS + "N"
    ]
    assert table_2["N15"].value == "=SUM(N5:N14)"


def test_a_visible_check_cell_compares_n15_with_the_plan_years_1_14(exported: bytes) -> None:
    _, table_2 = sheets(exported)

    assert table_2["A17"].value == "Check: N15 − 1.14 (2008/09), should be 0"
    assert table_2["N17"].value == "=ROUND(N15-'Table 1'!D19,2)"  # D is 2008/09 in Table 1
    assert table_2.conditional_formatting  # shown red when not 0


@pytest.mark.parametrize("funding", [demo_funding(), hostile_funding(), Funding()], ids=["demo", "hostile", "empty"])
def test_every_formula_stays_live_and_carries_the_services_figure_for_readers_that_do_not_recalculate(
    funding: Funding,
) -> None:
    data = render_funding_xlsx(funding, document_context())
    cached = load_workbook(io.BytesIO(data), data_only=True)
    table_1, table_2 = cached["Table 1"], cached["Table 2"]
    live_1, live_2 = sheets(data)

    for index, column in enumerate(funding.table_1):
        letter = get_column_letter(3 + index)
        assert pence(table_1[f"{letter}7"].value) == funding_totals.adult_smptb(column)
        assert pence(table_1[f"{letter}19"].value) == funding_totals.table_1_total(column)
        assert live_1[f"{letter}7"].data_type == live_1[f"{letter}19"].data_type == "f"
    rows = funding.table_2
    for row, expenditure in zip(range(5, 15), rows, strict=True):
        assert pence(table_2[f"N{row}"].value) == funding_totals.expenditure_row_total(expenditure)
    for index, field in enumerate(funding_totals.SOURCE_FIELDS):
        letter = get_column_letter(2 + index)
        assert pence(table_2[f"{letter}15"].value) == funding_totals.expenditure_source_total(rows, field)
    plan_year = funding_totals.year_column(funding, "2008/09") or FundingYear(year="2008/09")
    assert pence(table_2["N15"].value) == funding_totals.grand_total(rows)
    assert pence(table_2["N17"].value) == funding_totals.grand_total(rows) - funding_totals.table_1_total(plan_year)
    assert live_2["N15"].data_type == live_2["N17"].data_type == "f"


def pence(value: object) -> Decimal:
    assert isinstance(value, int | float), f"{value!r} carries no figure"
    return Decimal(repr(value)).quantize(PENNY)


def test_input_cells_are_unlocked_and_everything_else_is_locked_on_protected_sheets(exported: bytes) -> None:
    table_1, table_2 = sheets(exported)
    inputs = [*input_cells(table_1, table_2), (table_1, "E17"), (table_1, "F17")]
    input_set = {(sheet.title, coordinate) for sheet, coordinate in inputs}

    for sheet in (table_1, table_2):
        assert sheet.protection.sheet
        assert sheet.protection.password is None
    assert all(not sheet[coordinate].protection.locked for sheet, coordinate in inputs)
    for sheet in (table_1, table_2):
        for row in sheet.iter_rows():
            for cell in row:
                if (sheet.title, cell.coordinate) not in input_set and cell.value is not None:
                    assert cell.protection.locked, f"{sheet.title}!{cell.coordinate} should be locked"


def test_money_cells_are_formatted_in_pounds(exported: bytes) -> None:
    table_1, table_2 = sheets(exported)
    formulas = [(table_1, "C7"), (table_1, "D19"), (table_2, "N5"), (table_2, "B15"), (table_2, "N15")]

    for sheet, coordinate in input_cells(table_1, table_2) + formulas:
        assert sheet[coordinate].number_format == '"£"#,##0.00'


def test_every_money_input_is_validated_as_the_import_reads_it(exported: bytes) -> None:
    table_1, table_2 = sheets(exported)
    for sheet, first in ((table_1, "C5"), (table_2, "B5")):
        (money,) = [rule for rule in sheet.data_validations.dataValidation if rule.type == "custom"]
        # At least £0, at most £1,000,000,000, and pence at most: 100.125 is refused as the import refuses it.
        assert money.formula1 == (f"AND(ISNUMBER({first}),{first}>=0,{first}<=1000000000,ROUND({first},2)={first})")
        assert money.showErrorMessage
        covered = {cell for cell_range in money.sqref.ranges for cell in cell_range.cells}
        expected = {
            (sheet[coordinate].row, sheet[coordinate].column)
            for owner, coordinate in input_cells(table_1, table_2)
            if owner is sheet
        }
        assert covered == expected
        assert min(covered) == (sheet[first].row, sheet[first].column)  # the formula's cell is the first


def test_sheets_print_on_a4_landscape_at_80_percent_with_titles_headers_and_footers(exported: bytes) -> None:
    table_1, table_2 = sheets(exported)

    assert (table_1.freeze_panes, table_2.freeze_panes) == ("C5", "B5")
    for sheet in (table_1, table_2):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.scale == 80  # an 11 pt cell at 8.8 pt: no table is shrunk to fit a page
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$4:$4"
        assert sheet.oddHeader.left.text == PARTNERSHIP
        assert (
            sheet.oddHeader.right.text
            == "Part 4: Pooled treatment budget, mainstream funding and expenditure 2008/09 – draft"
        )
        assert sheet.oddFooter.right.text == "Page &P of &N"
    assert (table_1.print_title_cols, table_2.print_title_cols) == ("$A:$B", "$A:$A")


def test_the_same_part_4_gives_the_same_bytes_stamped_with_the_document_date() -> None:
    first = render_funding_xlsx(demo_funding(), document_context())
    second = render_funding_xlsx(demo_funding(), document_context())

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2008, 1, 14, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.created.date() == properties.modified.date() == DOCUMENT_DATE


@pytest.mark.parametrize("text", FORMULA_INJECTIONS)
def test_formula_like_text_is_written_as_text_never_as_a_formula(text: str) -> None:
    data = render_funding_xlsx(hostile_funding(), document_context(partnership_name=text))

    for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        root = fromstring(zip_entry(data, name))
        formulas = [element.text or "" for element in root.iter(f"{MAIN}f")]
        assert not [formula for formula in formulas if any(bait[1:] in formula for bait in FORMULA_INJECTIONS)]
    table_1, table_2 = sheets(data)
    assert table_1["A2"].value == table_2["A2"].value == text
    assert table_1["A2"].data_type == table_2["A2"].data_type == "s"
    assert table_1["A2"].quotePrefix  # Excel shows it, and keeps it on editing, as text


def test_formula_like_categories_and_descriptions_stay_text(exported: bytes) -> None:
    _, table_2 = sheets(render_funding_xlsx(hostile_funding(), document_context()))

    assert [table_2[f"A{row}"].value for row in range(5, 9)] == list(FORMULA_INJECTIONS)
    assert all(table_2[f"A{row}"].data_type == "s" for row in range(5, 9))


@pytest.mark.parametrize("funding", [demo_funding(), hostile_funding(), Funding()], ids=["demo", "hostile", "empty"])
def test_an_export_reads_back_as_the_same_funding(funding: Funding) -> None:
    context = document_context()

    imported = read_funding_workbook(render_funding_xlsx(funding, context), context)

    if funding.table_1:
        assert imported == funding
    else:  # the plan year's column is always in the workbook, so it comes back with nothing in it
        assert imported == Funding(table_1=[FundingYear(year="2008/09")], table_2=funding.table_2)


def test_a_plan_without_a_plan_year_column_gets_one_for_the_check() -> None:
    funding = Funding.model_validate({"table_1": [{"year": "2007/08", "police": "10"}]})

    table_1, table_2 = sheets(render_funding_xlsx(funding, document_context()))

    assert [table_1["C4"].value, table_1["D4"].value] == ["2007/08", "2008/09"]
    assert table_2["N17"].value == "=ROUND(N15-'Table 1'!D19,2)"


def test_the_template_has_the_previous_and_plan_years_and_the_cycles_categories() -> None:
    categories = tuple(f"Local category {number}" for number in range(1, 11))
    context = document_context(expenditure_categories=categories)

    data = render_funding_template_xlsx(context)

    table_1, table_2 = sheets(data)
    assert [table_1["C4"].value, table_1["D4"].value, table_1["E4"].value] == [
        "2007/08",
        "2008/09",
        "1.12 Other: description (2007/08)",
    ]
    assert [table_2[f"A{row}"].value for row in range(5, 15)] == list(categories)
    assert all(table_2[f"{letter}{row}"].value == 0 for letter in SOURCE_LETTERS for row in range(5, 15))
    assert read_funding_workbook(data, context).table_2_totals.total == Decimal("0.00")
