"""A region's reconciliation workbook: live differences and totals, money as money, text as text, same bytes."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from plan_schema.money import PENNY, ZERO
from service.documents.funding_layout import MONEY_FORMAT
from service.documents.reconciliation_workbook import (
    COLUMNS,
    SHEET,
    ReconciliationRow,
    render_reconciliation_xlsx,
    total_row,
)
from tests.documents.document_builders import FORMULA_INJECTIONS, zip_entry
from tests.documents.office import convert, require_office

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ISSUED = datetime.date(2008, 4, 1)
TITLE = "West Midlands: funding reconciliation 2008/09"
HOSTILE = '=HYPERLINK("http://x","y")'


def row(partnership: str, funding: str | None, expenditure: str | None, **changes: object) -> ReconciliationRow:
    fields: dict[str, object] = {
        "region": "West Midlands",
        "partnership": partnership,
        "plan_year": "2008/09",
        "status": "submitted",
        "submission": "2 (final)",
        "submitted_on": datetime.date(2008, 3, 14),
        "days_late": 0,
        "total_funding_1_14": Decimal(funding) if funding is not None else None,
        "expenditure_n15": Decimal(expenditure) if expenditure is not None else None,
        "errors": 0,
        "warnings": 1,
    }
    return ReconciliationRow(**(fields | changes))  # type: ignore[arg-type]


ROWS = [
    row("Birmingham Drug Action Team", "25311396.48", "25311396.48"),
    row(HOSTILE, "1000000.10", "1000000.30", days_late=3, errors=2),  # 20p over
    row("Coventry DAAT", "0.10", "0.30"),  # the classic floating point pair: 0.1 + 0.2
    row("Dudley", "4200000.20", "4199999.99", submission="1 (initial)"),  # 21p under
    row("Sandwell DAAT", None, None, status="not started", submission="none", submitted_on=None, days_late=None),
    row("Solihull", "812345.67", None, status="submitted", submission="1 (initial)"),  # no Table 2 yet
]


def sheet_of(data: bytes) -> Worksheet:
    return load_workbook(io.BytesIO(data))[SHEET]


@pytest.fixture(scope="module")
def exported() -> bytes:
    return render_reconciliation_xlsx(ROWS, title=TITLE, document_date=ISSUED)


def column(header: str) -> str:
    """The letter of a column, by its header."""
    return "ABCDEFGHIJKL"[[entry.header for entry in COLUMNS].index(header)]


FUNDING, EXPENDITURE = column("1.14 Total funding (Table 1)"), column("N15 Total expenditure (Table 2)")
DIFFERENCE = column("Difference (N15 − 1.14)")


def test_a_title_a_frozen_filtered_header_and_a_row_per_partnership(exported: bytes) -> None:
    sheet = sheet_of(exported)

    assert sheet["A1"].value == TITLE
    assert sheet["A2"].value.startswith("Issued 1 April 2008.")
    assert [cell.value for cell in sheet[3]] == [entry.header for entry in COLUMNS]
    assert sheet.freeze_panes == "C4"
    assert sheet.auto_filter.ref == f"A3:Y{3 + len(ROWS)}"
    assert [sheet[f"B{4 + index}"].value for index in range(len(ROWS))] == [entry.partnership for entry in ROWS]
    assert sheet["E8"].value == "none"
    assert sheet["F4"].value.date() == datetime.date(2008, 3, 14)
    assert sheet["F4"].number_format == "d mmm yyyy"
    assert sheet["F8"].value is None
    assert sheet["G8"].value is None
    assert [sheet["G5"].value, sheet["K5"].value, sheet["L5"].value] == [3, 2, 1]
    assert all(sheet.column_dimensions[letter].width >= 9 for letter in "ABCDEFGHIJKL")


def test_money_cells_hold_the_figures_in_pounds(exported: bytes) -> None:
    sheet = sheet_of(exported)

    assert sheet[f"{FUNDING}4"].value == pytest.approx(25311396.48)
    assert sheet[f"{EXPENDITURE}7"].value == pytest.approx(4199999.99)
    assert sheet[f"{FUNDING}8"].value is None
    assert sheet[f"{EXPENDITURE}9"].value is None
    money = [f"{letter}{number}" for letter in (FUNDING, EXPENDITURE, DIFFERENCE) for number in range(4, 10)]
    money += [f"{letter}{total_row(len(ROWS))}" for letter in (FUNDING, EXPENDITURE, DIFFERENCE)]
    assert {sheet[coordinate].number_format for coordinate in money} == {MONEY_FORMAT}
    # In the file, each figure is the Decimal's own digits.
    worksheet = fromstring(zip_entry(exported, "xl/worksheets/sheet1.xml"))
    values = {cell.get("r"): cell.findtext(f"{MAIN}v") for cell in worksheet.iter(f"{MAIN}c")}
    for number, entry in enumerate(ROWS, start=4):
        for letter, figure in ((FUNDING, entry.total_funding_1_14), (EXPENDITURE, entry.expenditure_n15)):
            written = values.get(f"{letter}{number}")
            assert (Decimal(written) if written is not None else None) == figure


def test_each_difference_is_a_live_formula_n15_less_1_14_to_the_penny(exported: bytes) -> None:
    sheet = sheet_of(exported)

    for number in range(4, 4 + len(ROWS)):
        cell = sheet[f"{DIFFERENCE}{number}"]
        assert cell.data_type == "f"
        assert cell.value == (
            f'=IF(COUNT({FUNDING}{number},{EXPENDITURE}{number})=2,ROUND({EXPENDITURE}{number}-{FUNDING}{number},2),"")'
        )


def test_the_totals_are_sums_over_every_partnership(exported: bytes) -> None:
    sheet = sheet_of(exported)
    totals = total_row(len(ROWS))

    assert totals == 4 + len(ROWS) + 1  # an empty row between, inside the sums, for rows added by hand
    assert sheet[f"A{totals}"].value == "Total"
    for letter in (FUNDING, EXPENDITURE, DIFFERENCE):
        assert sheet[f"{letter}{totals}"].value == f"=ROUND(SUM({letter}4:{letter}{totals - 1}),2)"
    assert all(sheet.cell(totals - 1, index).value is None for index in range(1, 13))


def test_a_difference_that_is_not_zero_shows_red(exported: bytes) -> None:
    sheet = sheet_of(exported)

    (rules,) = [entry for entry in sheet.conditional_formatting if str(entry.sqref) == f"J4:J{total_row(len(ROWS))}"]
    (rule,) = rules.rules
    assert rule.formula == ["AND(ISNUMBER(J4),J4<>0)"]


@pytest.mark.parametrize("text", FORMULA_INJECTIONS)
def test_formula_like_names_are_written_as_text_never_as_a_formula(text: str) -> None:
    data = render_reconciliation_xlsx(
        [row(text, "1", "1", region=text, status=text, submission=text)], title=text, document_date=ISSUED
    )

    worksheet = fromstring(zip_entry(data, "xl/worksheets/sheet1.xml"))
    formulas = [element.text or "" for element in worksheet.iter(f"{MAIN}f")]
    assert not [formula for formula in formulas if any(bait[1:] in formula for bait in FORMULA_INJECTIONS)]
    sheet = sheet_of(data)
    holding = [cell for cells in sheet.iter_rows() for cell in cells if cell.value == text]
    assert len(holding) == 5  # the title, region, partnership, status and submission
    assert all(cell.data_type == "s" for cell in holding)
    assert sheet["B4"].value == text
    assert sheet["B4"].data_type == "s"
    assert sheet["B4"].quotePrefix  # Excel shows it, and keeps it on editing, as text


def test_the_same_rows_give_the_same_bytes_stamped_with_the_document_date() -> None:
    first = render_reconciliation_xlsx(ROWS, title=TITLE, document_date=ISSUED)
    second = render_reconciliation_xlsx(list(ROWS), title=TITLE, document_date=ISSUED)

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2008, 4, 1, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.created.date() == properties.modified.date() == ISSUED
    assert properties.title == TITLE


def test_a_region_without_partnerships_still_has_its_headers_and_zero_totals() -> None:
    sheet = sheet_of(render_reconciliation_xlsx([], title=TITLE, document_date=ISSUED))

    assert sheet.auto_filter.ref == "A3:Y3"
    assert total_row(0) == 5
    assert sheet["H5"].value == "=ROUND(SUM(H4:H4),2)"  # the empty row only: no circular reference


def _pence(value: object) -> Decimal:
    assert isinstance(value, int | float), f"{value!r} is not a recalculated figure"
    return Decimal(repr(value)).quantize(PENNY)


@pytest.mark.office
def test_libreoffice_recalculates_the_differences_and_totals_to_the_service_figures(tmp_path: Path) -> None:
    soffice = require_office()
    source, target, profile = tmp_path / "xlsx", tmp_path / "recalculated", tmp_path / "lo-profile"
    source.mkdir()
    target.mkdir()
    workbook = source / "reconciliation.xlsx"
    workbook.write_bytes(render_reconciliation_xlsx(ROWS, title=TITLE, document_date=ISSUED))

    (recalculated,) = convert(soffice, profile, [workbook], "xlsx", target)

    sheet = load_workbook(recalculated, data_only=True)[SHEET]
    for number, entry in enumerate(ROWS, start=4):
        difference = sheet[f"{DIFFERENCE}{number}"].value
        if entry.total_funding_1_14 is None or entry.expenditure_n15 is None:
            assert difference in (None, "")
        else:
            assert _pence(difference) == entry.expenditure_n15 - entry.total_funding_1_14
    assert [_pence(sheet[f"{DIFFERENCE}{number}"].value) for number in (5, 6, 7)] == [
        Decimal("0.20"),
        Decimal("0.20"),
        Decimal("-0.21"),
    ]
    totals = total_row(len(ROWS))
    funding = sum((entry.total_funding_1_14 for entry in ROWS if entry.total_funding_1_14 is not None), ZERO)
    expenditure = sum((entry.expenditure_n15 for entry in ROWS if entry.expenditure_n15 is not None), ZERO)
    differences = sum(
        (
            entry.expenditure_n15 - entry.total_funding_1_14
            for entry in ROWS
            if entry.expenditure_n15 is not None and entry.total_funding_1_14 is not None
        ),
        ZERO,
    )
    assert _pence(sheet[f"{FUNDING}{totals}"].value) == funding
    assert _pence(sheet[f"{EXPENDITURE}{totals}"].value) == expenditure
    assert _pence(sheet[f"{DIFFERENCE}{totals}"].value) == differences == Decimal("0.19")
    assert sheet["B5"].value == HOSTILE  # still text after a round trip through LibreOffice
