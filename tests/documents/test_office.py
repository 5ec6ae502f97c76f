"""In a real office suite: the workbook recalculates to the service's figures; every Word page is named and numbered."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from plan_schema import funding_totals
from plan_schema.funding import Funding
from plan_schema.money import PENNY
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from service.documents.funding_import import read_funding_workbook
from service.documents.funding_workbook import render_funding_template_xlsx, render_funding_xlsx
from service.documents.word import render_planning_grids_docx, render_strategic_summary_docx, render_targets_docx
from tests.documents.document_builders import (
    EMOJI,
    RIGHT_TO_LEFT,
    WELSH,
    demo_funding,
    demo_grids,
    demo_summary,
    demo_targets,
    document_context,
    hostile_funding,
)
from tests.documents.office import convert, pdf_page_text, pdf_pages, recalculating_profile, require_office

pytestmark = pytest.mark.office

WELSH_PARTNERSHIP = "Ynys Môn Drug and Alcohol Action Team"
NARRATIVE = ("Treatment works when people stay in it long enough. " * 800)[:40_000]


def _off_by_a_penny() -> Funding:
    """The demo Part 4 with Table 2 one penny over 1.14: the check cell must show exactly that."""
    document = demo_funding().model_dump(mode="json")
    document["table_2"][0]["police"] = "0.01"
    return Funding.model_validate(document)


FUNDINGS: dict[str, Funding] = {
    "demo": demo_funding(),
    "hostile": hostile_funding(),
    "off-by-a-penny": _off_by_a_penny(),
}


@pytest.fixture(scope="module")
def soffice() -> Path:
    return require_office()


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice profile of this test process's own (parallel runs never share one) that recalculates every
    formula on opening: left to itself LibreOffice keeps the values the workbook was saved with."""
    return recalculating_profile(tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="module")
def recalculated(soffice: Path, profile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook opened, recalculated and saved again by LibreOffice, all in one run."""
    source, target = tmp_path_factory.mktemp("xlsx"), tmp_path_factory.mktemp("recalculated")
    files = []
    for name, funding in FUNDINGS.items():
        files.append(source / f"{name}.xlsx")
        files[-1].write_bytes(render_funding_xlsx(funding, document_context()))
    files.append(source / "template.xlsx")
    files[-1].write_bytes(render_funding_template_xlsx(document_context()))
    return {path.stem: path for path in convert(soffice, profile, files, "xlsx", target)}


def _pence(value: object) -> Decimal:
    assert isinstance(value, int | float), f"{value!r} is not a recalculated figure"
    return Decimal(repr(value)).quantize(PENNY)


@pytest.mark.parametrize("name", FUNDINGS)
def test_libreoffice_recalculates_every_computed_cell_to_the_services_figures(
    recalculated: dict[str, Path], name: str
) -> None:
    funding = FUNDINGS[name]
    workbook = load_workbook(recalculated[name], data_only=True)
    table_1, table_2 = workbook["Table 1"], workbook["Table 2"]

    for index, column in enumerate(funding.table_1):
        letter = get_column_letter(3 + index)
        assert table_1[f"{letter}4"].value == column.year
        assert _pence(table_1[f"{letter}7"].value) == funding_totals.adult_smptb(column)
        assert _pence(table_1[f"{letter}19"].value) == funding_totals.table_1_total(column)
    for row, expenditure in zip(range(5, 15), funding.table_2, strict=True):
        assert _pence(table_2[f"N{row}"].value) == funding_totals.expenditure_row_total(expenditure)
    for index, field in enumerate(funding_totals.SOURCE_FIELDS):
        letter = get_column_letter(2 + index)
        assert _pence(table_2[f"{letter}15"].value) == funding_totals.expenditure_source_total(funding.table_2, field)
    grand_total = funding_totals.grand_total(funding.table_2)
    assert _pence(table_2["N15"].value) == grand_total
    plan_year = funding_totals.year_column(funding, "2008/09")
    assert plan_year is not None
    assert _pence(table_2["N17"].value) == grand_total - funding_totals.table_1_total(plan_year)


def test_the_check_cell_is_zero_when_table_2_spends_exactly_1_14(recalculated: dict[str, Path]) -> None:
    for name in ("demo", "hostile", "template"):
        assert _pence(load_workbook(recalculated[name], data_only=True)["Table 2"]["N17"].value) == 0
    off = load_workbook(recalculated["off-by-a-penny"], data_only=True)["Table 2"]["N17"].value
    assert _pence(off) == Decimal("0.01")


@pytest.mark.parametrize("name", FUNDINGS)
def test_a_workbook_saved_again_by_libreoffice_imports_unchanged(recalculated: dict[str, Path], name: str) -> None:
    assert read_funding_workbook(recalculated[name].read_bytes(), document_context()) == FUNDINGS[name]


@pytest.fixture(scope="module")
def pdfs(soffice: Path, profile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path]]:
    """Parts 1 to 3 as PDFs, all converted in one LibreOffice run: name -> (partnership, pdf)."""
    welsh = document_context(partnership_name=WELSH_PARTNERSHIP)
    long_summary = StrategicSummary.model_validate(
        demo_summary().model_dump()
        | {"outcome_improvements": NARRATIVE, "likely_demand": f"{WELSH} {EMOJI} {RIGHT_TO_LEFT}"}
    )
    # A row that must not split yet is taller than a page: the office suite still pages it.
    tall_row = NARRATIVE[:8_000]
    long_objective = PlanningGrids.model_validate(
        {"grids": [{"number": 1, "objectives": [{"text": "Before"}, {"text": tall_row}, {"text": "After"}]}]}
    )
    documents = {
        "part-1": (welsh, render_strategic_summary_docx(long_summary, welsh)),
        "part-2": (document_context(), render_targets_docx(demo_targets(), document_context())),
        "part-3": (document_context(), render_planning_grids_docx(demo_grids(), demo_summary(), document_context())),
        "part-3-long-row": (welsh, render_planning_grids_docx(long_objective, None, welsh)),
    }
    source, target = tmp_path_factory.mktemp("docx"), tmp_path_factory.mktemp("pdf")
    files = []
    for name, (_, data) in documents.items():
        files.append(source / f"{name}.docx")
        files[-1].write_bytes(data)
    converted = convert(soffice, profile, files, "pdf", target)
    return {path.stem: (documents[path.stem][0].partnership_name, path) for path in converted}


@pytest.mark.parametrize("name", ["part-1", "part-2", "part-3", "part-3-long-row"])
def test_every_page_carries_the_partnership_name_and_page_x_of_y(pdfs: dict[str, tuple[str, Path]], name: str) -> None:
    partnership, pdf = pdfs[name]
    pages = pdf_pages(pdf)
    assert pages >= 2

    for page in range(1, pages + 1):
        text = pdf_page_text(pdf, page)
        assert partnership in text, f"page {page} of {name} lacks the partnership's name"
        assert "Draft — not submitted, 14 January 2008" in text, f"page {page} of {name} does not say it is a draft"
        assert f"Page {page} of {pages}" in text, f"page {page} of {name} is not numbered"
