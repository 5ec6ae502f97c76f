"""Importing Part 4 from a workbook: all or nothing, every problem named by sheet and cell, hostile files refused."""

import io
import re
import time
import tracemalloc
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from plan_schema.funding import Funding
from service.documents import funding_import
from service.documents.funding_import import WORKED_OUT, WorkbookRejected, read_funding_workbook
from service.documents.funding_workbook import render_funding_template_xlsx, render_funding_xlsx
from service.documents.word import render_targets_docx
from tests.documents.document_builders import (
    demo_funding,
    demo_targets,
    document_context,
    edited_workbook,
    rezipped,
    zip_entry,
)

TABLE_1_XML = "xl/worksheets/sheet1.xml"
TABLE_2_XML = "xl/worksheets/sheet2.xml"


@pytest.fixture(scope="module")
def exported() -> bytes:
    return render_funding_xlsx(demo_funding(), document_context())


def problems_of(data: bytes, **context: Any) -> list[str]:
    """The problems an import reports; it must never return a plan when there are any."""
    with pytest.raises(WorkbookRejected) as rejected:
        read_funding_workbook(data, document_context(**context))
    assert rejected.value.problems
    return rejected.value.problems


def with_cells(data: bytes, **cells: Any) -> bytes:
    """The workbook with cells changed, given as Table_1__C9=value or Table_2__B5=value."""

    def edit(workbook: Workbook) -> None:
        for key, value in cells.items():
            sheet, coordinate = key.split("__")
            workbook[sheet.replace("_", " ")][coordinate] = value

    return edited_workbook(data, edit)


def test_the_template_and_an_export_are_accepted(exported: bytes) -> None:
    context = document_context()

    assert read_funding_workbook(exported, context) == demo_funding()
    assert read_funding_workbook(render_funding_template_xlsx(context), context).table_2_totals.total == 0


def test_a_figure_typed_as_a_spreadsheet_number_is_read_to_the_penny(exported: bytes) -> None:
    data = with_cells(exported, Table_1__D5=1234.56, Table_2__B5=7, Table_1__C6=None, Table_2__C5="  ")

    funding = read_funding_workbook(data, document_context())

    assert funding.table_1[1].smptb_allocation == Decimal("1234.56")
    assert funding.table_2[0].smptb_adult == Decimal("7.00")
    assert funding.table_1[0].young_peoples_allocation == funding.table_2[0].smptb_underspend_carried_forward == 0


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("Table_1__C9", -5, "Table 1!C9: must not be negative"),
        ("Table_1__D8", 1.005, "Table 1!D8: must have at most 2 decimal places (pounds and pence)"),
        ("Table_1__C5", 1_000_000_000.01, "Table 1!C5: must not be more than £1,000,000,000"),
        ("Table_2__B5", -0.01, "Table 2!B5: must not be negative"),
        ("Table_2__M14", "lots", 'Table 2!M14: "lots" is not an amount of money such as "1234.56"'),
        ("Table_2__C6", True, 'Table 2!C6: must be an amount of money such as "1234.56", not true or false'),
    ],
)
def test_money_follows_the_plans_rules_and_names_the_cell(exported: bytes, cell: str, value: Any, message: str) -> None:
    assert problems_of(with_cells(exported, **{cell: value})) == [message]


def test_a_worked_out_cell_overwritten_with_a_number_is_named(exported: bytes) -> None:
    data = with_cells(exported, Table_1__C7=123, Table_2__N15=5, Table_2__N17=0)

    assert problems_of(data) == [
        f"Table 1!C7: {WORKED_OUT}",
        f"Table 2!N15: {WORKED_OUT}",
        f"Table 2!N17: {WORKED_OUT}",
    ]


def test_a_worked_out_cell_with_another_formula_is_named(exported: bytes) -> None:
    assert problems_of(with_cells(exported, Table_1__D19="=SUM(D7:D17)")) == [f"Table 1!D19: {WORKED_OUT}"]


def test_an_input_cell_holding_a_formula_is_named(exported: bytes) -> None:
    data = with_cells(exported, Table_1__C9="=1+1", Table_1__E17='=HYPERLINK("http://x","y")')

    assert problems_of(data) == [
        "Table 1!C9: must be an amount typed in, not a formula",
        "Table 1!E17: must be text typed in, not a formula",
    ]


def test_every_problem_is_reported_at_once_and_nothing_is_imported(exported: bytes) -> None:
    data = with_cells(exported, Table_1__C9=-1, Table_1__D7=0, Table_2__B5="x", Table_2__N14=1)

    assert problems_of(data) == [
        "Table 1!C9: must not be negative",
        f"Table 1!D7: {WORKED_OUT}",
        'Table 2!B5: "x" is not an amount of money such as "1234.56"',
        f"Table 2!N14: {WORKED_OUT}",
    ]


def test_text_over_the_plans_limit_or_with_control_characters_is_named(exported: bytes) -> None:
    data = with_cells(exported, Table_1__F17="x" * 501, Table_2__A5="Open access\x85")

    assert problems_of(data) == [
        "Table 1!F17: must be at most 500 characters",
        "Table 2!A5: contains a control character (U+0085) at position 12; only tabs and line breaks are allowed",
    ]


def test_a_missing_sheet_is_named(exported: bytes) -> None:
    def remove_table_2(workbook: Workbook) -> None:
        workbook.remove(workbook["Table 2"])

    assert problems_of(edited_workbook(exported, remove_table_2)) == [
        "Table 2: the sheet is missing; use the Part 4 template"
    ]


def test_a_moved_table_is_refused_rather_than_read_from_the_wrong_cells(exported: bytes) -> None:
    def insert_a_row(workbook: Workbook) -> None:
        workbook["Table 1"].insert_rows(1)

    problems = problems_of(edited_workbook(exported, insert_a_row))

    assert problems[0] == 'Table 1!A4: expected "Row"; the table has been moved or changed'
    assert not any(problem.startswith("Table 1!A2") for problem in problems)  # A2 holds the title now
    assert 'Table 1!C4: expected a year such as "2008/09"; the table has been moved or changed' in problems


def test_a_changed_source_heading_in_table_2_is_named(exported: bytes) -> None:
    assert problems_of(with_cells(exported, Table_2__D4="DIP")) == [
        'Table 2!D4: expected a heading starting "1.5 "; the table has been moved or changed'
    ]


def test_a_workbook_for_another_plan_year_is_refused_naming_the_year_that_is_not_this_plans(exported: bytes) -> None:
    assert problems_of(exported, plan_year="2009/10", previous_year="2008/09") == [
        "Table 1!C4: is 2007/08; this plan's years are 2008/09, 2009/10 and 2010/11"
    ]


def test_a_workbook_of_this_plans_years_without_the_plan_year_is_refused(exported: bytes) -> None:
    context = {"plan_year": "2009/10", "previous_year": "2007/08", "indicative_years": ("2008/09", "2010/11")}

    assert problems_of(exported, **context) == [
        "Table 1!C4: there is no column for 2009/10; is this the right year's workbook?"
    ]


MANCHESTER = "Manchester Drug Action Team"


def test_a_workbook_naming_another_partnership_is_refused_naming_a2_of_each_sheet(exported: bytes) -> None:
    mismatch = "names Birmingham Drug Action Team; this plan is Manchester Drug Action Team's"

    assert problems_of(exported, partnership_name=MANCHESTER) == [f"Table 1!A2: {mismatch}", f"Table 2!A2: {mismatch}"]


@pytest.mark.parametrize("name", [None, "", "  ", "Partnership", "  birmingham drug   ACTION team "])
def test_a2_blank_as_in_the_template_or_the_plans_name_however_spaced_is_accepted(
    exported: bytes, name: str | None
) -> None:
    workbook = with_cells(exported, Table_1__A2=name, Table_2__A2=name)

    assert read_funding_workbook(workbook, document_context()) == demo_funding()


def test_the_blank_template_names_no_partnership_and_goes_into_any_partnerships_plan() -> None:
    template = render_funding_template_xlsx(document_context())
    workbook = load_workbook(io.BytesIO(template))

    assert workbook["Table 1"]["A2"].value in (None, "")
    assert workbook["Table 2"]["A2"].value in (None, "")
    assert read_funding_workbook(template, document_context(partnership_name=MANCHESTER)).table_2_totals.total == 0


def test_a_file_over_5_mb_is_refused() -> None:
    assert problems_of(b"PK\x03\x04" + bytes(5 * 1024 * 1024)) == ["Workbook: the file is larger than 5 MB"]


@pytest.mark.parametrize("content", [b"", b"year,police\n2008/09,10\n", b"%PDF-1.4", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_zip_is_refused(content: bytes) -> None:
    assert problems_of(content) == [
        "Workbook: this is not an Excel workbook (.xlsx); download the Part 4 template and fill it in"
    ]


def test_a_word_document_renamed_to_xlsx_is_refused() -> None:
    data = render_targets_docx(demo_targets(), document_context())

    assert problems_of(data) == ["Workbook: this is a Word document, not an Excel workbook (.xlsx)"]


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("funding.csv", "year,police\n2008/09,10\n")

    assert problems_of(buffer.getvalue()) == [
        "Workbook: this is not an Excel workbook (.xlsx); download the Part 4 template and fill it in"
    ]


MACROS = "Workbook: macro-enabled workbooks (.xlsm) are not accepted; save it as an Excel Workbook (.xlsx)"


def test_a_macro_enabled_workbook_is_refused_by_its_content_type(exported: bytes) -> None:
    types = zip_entry(exported, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )

    assert problems_of(rezipped(exported, replace={"[Content_Types].xml": types})) == [MACROS]


def test_a_workbook_carrying_a_vba_project_is_refused(exported: bytes) -> None:
    assert problems_of(rezipped(exported, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})) == [MACROS]


def _refuse_to_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("openpyxl must not parse a file the cheap checks refuse")


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_openpyxl_parses(
    exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(funding_import, "load_workbook", _refuse_to_parse)
    bomb = rezipped(exported, add={"xl/media/padding.bin": bytes(60 * 1024 * 1024)})  # 60 MB of zeros
    assert len(bomb) < 5 * 1024 * 1024

    assert problems_of(bomb) == ["Workbook: the file expands to far more than a Part 4 workbook; it cannot be imported"]


def test_a_zip_declaring_a_huge_size_for_a_small_entry_is_refused(
    exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(funding_import, "load_workbook", _refuse_to_parse)
    archive = bytearray(exported)
    central = archive.rfind(b"PK\x05\x06")
    directory = int.from_bytes(archive[central + 16 : central + 20], "little")
    archive[directory + 24 : directory + 28] = (2**31).to_bytes(4, "little")  # first entry's declared size

    assert problems_of(bytes(archive)) == [
        "Workbook: the file expands to far more than a Part 4 workbook; it cannot be imported"
    ]


def test_a_sheet_declaring_a_huge_dimension_is_refused_before_openpyxl_parses(
    exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(funding_import, "load_workbook", _refuse_to_parse)
    sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', zip_entry(exported, TABLE_2_XML))

    assert problems_of(rezipped(exported, replace={TABLE_2_XML: sheet})) == [
        "Table 2!A1:XFD1048576: the sheet claims cells far beyond a Part 4 table (A1:CV500)"
    ]


def test_a_sheet_with_a_cell_far_beyond_the_table_is_refused(exported: bytes) -> None:
    sheet = zip_entry(exported, TABLE_1_XML).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )

    assert problems_of(rezipped(exported, replace={TABLE_1_XML: sheet})) == [
        "Table 1!XFD1048576: the sheet has cells far beyond a Part 4 table; use the template"
    ]


def test_many_sheets_of_cells_together_are_refused_before_openpyxl_parses(
    exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_sheets(workbook: Workbook) -> None:
        for number in range(11):
            sheet = workbook.create_sheet(f"Extra {number}")
            for row in range(1, 101):
                for column in range(1, 21):
                    sheet.cell(row, column, row)

    crafted = edited_workbook(exported, add_sheets)
    monkeypatch.setattr(funding_import, "load_workbook", _refuse_to_parse)

    [problem] = problems_of(crafted)
    assert re.fullmatch(r"Extra \d+![A-T]\d+: the sheet has cells far beyond a Part 4 table; use the template", problem)


def test_a_damaged_file_is_refused(exported: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        sheet = archive.getinfo(TABLE_1_XML)
    start = sheet.header_offset + 30 + len(sheet.filename)  # the compressed data, after the local header
    damaged = bytearray(exported)
    damaged[start : start + 40] = bytes(40)

    assert problems_of(bytes(damaged)) == [
        "Workbook: this is not an Excel workbook (.xlsx); download the Part 4 template and fill it in"
    ]


def test_an_encrypted_zip_entry_is_refused(exported: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        entries = archive.infolist()
    encrypted = bytearray(exported)
    central = encrypted.rfind(b"PK\x05\x06")
    offset = int.from_bytes(encrypted[central + 16 : central + 20], "little")
    for entry in entries:  # set the "encrypted" flag in every local and central header
        encrypted[entry.header_offset + 6] |= 1
        encrypted[offset + 8] |= 1
        offset += 46 + len(entry.filename.encode()) + len(entry.extra) + len(entry.comment)

    assert problems_of(bytes(encrypted)) == ["Workbook: the file is encrypted; save it without a password"]


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>\n"
)


def _with_laughs(exported: bytes, prologue: bytes) -> bytes:
    sheet = zip_entry(exported, TABLE_1_XML)
    sheet = prologue + sheet.replace(b"<t>Row</t>", b"<t>&lol9;</t>")
    return rezipped(exported, replace={TABLE_1_XML: sheet})


@pytest.mark.parametrize(
    ("prologue", "message"),
    [
        (BILLION_LAUGHS, "Workbook: the file declares an XML document type, which no Excel workbook does"),
        # Behind a long comment: each XML part is searched whole, not only its first kilobytes.
        (
            b"<!--" + b" " * 10_000 + b"-->" + BILLION_LAUGHS.removeprefix(b'<?xml version="1.0"?>\n'),
            "Workbook: the file declares an XML document type, which no Excel workbook does",
        ),
        # Split across the boundary of the chunks the part is read in.
        (
            b"<!--" + b" " * (64 * 1024 - 8) + b"-->" + BILLION_LAUGHS.removeprefix(b'<?xml version="1.0"?>\n'),
            "Workbook: the file declares an XML document type, which no Excel workbook does",
        ),
    ],
    ids=["in-the-prologue", "behind-a-long-comment", "across-a-chunk-boundary"],
)
def test_billion_laughs_is_refused_quickly_without_expanding(exported: bytes, prologue: bytes, message: str) -> None:
    crafted = _with_laughs(exported, prologue)
    tracemalloc.start()
    started = time.perf_counter()

    problems = problems_of(crafted)

    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problems == [message]
    assert elapsed < 2  # a billion "lol"s would take minutes and gigabytes
    assert peak < 20 * 1024 * 1024


def test_import_leaves_the_funding_to_the_plans_own_rules(exported: bytes) -> None:
    """Cross-cell rules (N15 = 1.14, Section 31) are the validators' business: a mismatch still imports."""
    funding = read_funding_workbook(with_cells(exported, Table_2__B5=0), document_context())

    assert funding.table_2_totals.total != funding.table_1[1].total
    assert isinstance(funding, Funding)
