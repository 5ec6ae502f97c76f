"""The quarter's spend workbook in LibreOffice: recalculated to the service's figures, printed legibly on A4."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from plan_schema.funding import ExpenditureRow
from plan_schema.money import PENNY
from service.documents.spend_workbook import SpendSheet, flag_text, render_spend_xlsx
from service.returns import spend_variance
from tests.documents.document_builders import PARTNERSHIP, demo_funding, document_context
from tests.documents.office import (
    convert,
    pdf_page_size,
    pdf_page_text,
    pdf_pages,
    recalculating_profile,
    require_office,
)

pytestmark = pytest.mark.office
A4_LANDSCAPE = (841.9, 595.3)
THRESHOLD = Decimal("10.00")


def _rows(update: dict[int, dict[str, str]]) -> list[ExpenditureRow]:
    rows = [ExpenditureRow(category=row.category) for row in demo_funding().table_2]
    for index, figures in update.items():
        rows[index] = ExpenditureRow(category=rows[index].category, **figures)
    return rows


def _sheet(*, entered: bool) -> SpendSheet:
    """Quarter 2 of the demo plan: some sources near profile, one far over, one spent unprofiled."""
    table_2 = demo_funding().table_2
    half = {field: format(getattr(table_2[1], field) / 4, ".2f") for field in ("smptb_adult", "dip_main_grant")}
    this_quarter = _rows({1: half | {"police": "5000000"}, 3: {"other": "1234.56"}})
    earlier = _rows({1: half, 2: {"pct_mainstream": "150000"}})
    to_date = spend_variance.year_to_date([earlier, this_quarter], [row.category for row in table_2])
    profile = spend_variance.profile_to_date(table_2, 2)
    result = spend_variance.spend_variance(
        quarter=2,
        table_2=table_2,
        actual_to_date=to_date,
        threshold_pct=THRESHOLD,
        entered_profile=[row.model_copy(update={"police": Decimal("5000")}) for row in profile] if entered else None,
        entered_forecast=Decimal("2500000") if entered else None,
        adults_in_treatment=1200 if entered else None,
    )
    return SpendSheet(
        PARTNERSHIP,
        "2008/09",
        "July to September 2008",
        result,
        table_2,
        this_quarter,
        entered,
        document_context().document_date,
    )


SHEETS = {"even": _sheet(entered=False), "entered": _sheet(entered=True)}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook recalculated (every formula, not the cached values) and saved by LibreOffice, and one printed."""
    soffice = require_office()
    source, target = tmp_path_factory.mktemp("xlsx"), tmp_path_factory.mktemp("out")
    files = []
    for name, sheet in SHEETS.items():
        files.append(source / f"{name}.xlsx")
        files[-1].write_bytes(render_spend_xlsx(sheet))
    profile = recalculating_profile(tmp_path_factory.mktemp("lo-profile"))
    recalculated = convert(soffice, profile, files, "xlsx", target)
    pdfs = convert(soffice, profile, files[:1], "pdf", tmp_path_factory.mktemp("pdf"))
    return {path.stem: path for path in recalculated} | {"pdf": pdfs[0]}


def _pence(value: object) -> Decimal:
    assert isinstance(value, int | float), f"{value!r} is not a recalculated figure"
    return Decimal(repr(value)).quantize(PENNY)


def _row_of(sheet: Any, label: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet[f"B{row}"].value == label)


@pytest.mark.parametrize("name", SHEETS)
def test_libreoffice_recalculates_every_total_variance_and_flag_to_the_services_figures(
    converted: dict[str, Path], name: str
) -> None:
    result = SHEETS[name].result
    sheet = load_workbook(converted[name], data_only=True)["Spend"]

    for category in result.categories:
        row = _row_of(sheet, f"Total: {category.category}")
        assert _pence(sheet[f"F{row}"].value) == category.total.actual
        assert _pence(sheet[f"G{row}"].value) == category.total.profile
        assert _pence(sheet[f"H{row}"].value) == category.total.amount
        assert (sheet[f"J{row}"].value or "") == (spend_variance_flag(category.total))
        for offset, cell in enumerate(category.cells.values(), start=-12):
            assert _pence(sheet[f"H{row + offset}"].value) == cell.amount
            assert (sheet[f"J{row + offset}"].value or "") == spend_variance_flag(cell)
    grand = _row_of(sheet, "Grand total")
    assert (_pence(sheet[f"F{grand}"].value), _pence(sheet[f"G{grand}"].value)) == (
        result.total.actual,
        result.total.profile,
    )
    assert _pence(sheet[f"C{grand}"].value) == result.planned_total
    forecast = _row_of(sheet, "Forecast outturn for the year")
    assert _pence(sheet[f"C{forecast}"].value) == result.forecast_outturn
    cost = sheet[f"C{forecast + 1}"].value
    assert (cost or None) == (None if result.cost_per_adult is None else float(result.cost_per_adult))


def spend_variance_flag(figure: spend_variance.Variance) -> str:
    return flag_text(figure, THRESHOLD)


def test_the_workbook_flags_an_overspend_and_spend_with_nothing_profiled(converted: dict[str, Path]) -> None:
    sheet = load_workbook(converted["even"], data_only=True)["Spend"]
    flags = {sheet[f"J{row}"].value for row in range(1, sheet.max_row + 1)}

    assert {"Over by more than 10%", "Under by more than 10%", "Spent with nothing profiled"} <= flags


def test_it_prints_on_a4_landscape_named_numbered_and_with_its_headings_on_every_page(
    converted: dict[str, Path],
) -> None:
    pdf = converted["pdf"]
    pages = pdf_pages(pdf)

    assert tuple(round(size, 1) for size in pdf_page_size(pdf)) == A4_LANDSCAPE
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdf_page_text(pdf, page)
        assert PARTNERSHIP in text
        assert f"Page {page} of {pages}" in text
        assert "Funding source" in text, f"page {page} lacks the headings"
        assert "Profile to date" in text, f"page {page} lacks the headings"
