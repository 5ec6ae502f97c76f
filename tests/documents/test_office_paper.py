"""On paper, as LibreOffice prints them: one font family, what the document is on every page, Part 3's layout."""

import datetime
from pathlib import Path

import pytest

from plan_schema.planning_grids import PlanningGrids
from plan_schema.targets import Targets
from service.documents.context import Submitted
from service.documents.word import render_planning_grids_docx, render_strategic_summary_docx, render_targets_docx
from tests.documents.document_builders import demo_grids, demo_summary, demo_targets, document_context
from tests.documents.office import convert, pdf_font_families, pdf_page_lines, pdf_page_text, pdf_pages, require_office

pytestmark = pytest.mark.office

SHA = "0123456789abcdef" * 4
SUBMITTED = Submitted("final", 2, datetime.datetime(2008, 1, 14, 9, 30, tzinfo=datetime.UTC), SHA)
# A row taller than a landscape page, between two short ones: it splits rather than losing its end.
# The end is one word, so that a page break cannot fall inside it (with Liberation Sans for Arial,
# "The very end." broke over two pages).
TALL_END = "Theveryend."
TALL_ACTION = " ".join(f"Step {number} of the long action." for number in range(1, 400)) + f" {TALL_END}"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = require_office()
    submitted = document_context(submitted=SUBMITTED)
    blank = document_context(partnership_name="Partnership", blank=True)
    tall = PlanningGrids.model_validate(
        {"grids": [{"number": 1, "objectives": [{"text": "Before", "actions": [{"text": TALL_ACTION}]}]}]}
    )
    documents = {
        "draft-part-1": render_strategic_summary_docx(demo_summary(), document_context()),
        "draft-part-2": render_targets_docx(demo_targets(), document_context()),
        "submitted-part-3": render_planning_grids_docx(demo_grids(), demo_summary(), submitted),
        "blank-part-2": render_targets_docx(Targets(), blank),
        "tall-part-3": render_planning_grids_docx(tall, None, document_context()),
    }
    source, target = tmp_path_factory.mktemp("docx"), tmp_path_factory.mktemp("pdf")
    files = []
    for name, data in documents.items():
        files.append(source / f"{name}.docx")
        files[-1].write_bytes(data)
    profile = tmp_path_factory.mktemp("lo-profile")
    return {path.stem: path for path in convert(soffice, profile, files, "pdf", target)}


@pytest.mark.parametrize("name", ["draft-part-1", "draft-part-2", "submitted-part-3", "blank-part-2"])
def test_headings_tables_and_totals_print_in_one_font_family(pdfs: dict[str, Path], name: str) -> None:
    assert len(pdf_font_families(pdfs[name])) == 1


def test_every_page_of_a_draft_says_it_is_not_submitted(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["draft-part-1"]

    for page in range(1, pdf_pages(pdf) + 1):
        assert "Draft — not submitted" in pdf_page_text(pdf, page), f"page {page}"


def test_every_page_of_a_submission_names_its_stage_number_date_and_snapshot(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["submitted-part-3"]

    for page in range(1, pdf_pages(pdf) + 1):
        text = pdf_page_text(pdf, page)
        assert "Final submission 2, submitted 14 January 2008" in text, f"page {page}"
        assert SHA in text, f"page {page}"
        assert "Draft" not in text


def test_part_3_dates_print_on_one_line_under_the_guidances_headings(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["submitted-part-3"]
    pages = range(2, pdf_pages(pdf) + 1)
    lines = [line for page in pages for line in pdf_page_lines(pdf, page)]
    text = " ".join(pdf_page_text(pdf, page) for page in pages)

    assert any("30 Nov 2008" in line for line in lines)
    assert not [line for line in lines if line.rstrip().endswith((" Nov", " Sep", " Jun", " Mar"))]
    assert text.index("Drug system management") < text.index("Grid 1:")
    assert text.index("Grid 1:") < text.index("Drug treatment delivery system – the treatment journey")
    assert text.index("Drug treatment delivery system – the treatment journey") < text.index("Grid 2:")


def test_a_row_longer_than_a_page_splits_rather_than_being_cut(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["tall-part-3"]

    text = " ".join(pdf_page_text(pdf, page) for page in range(1, pdf_pages(pdf) + 1))

    assert pdf_pages(pdf) >= 3
    assert "Step 1 of the long action." in text
    assert TALL_END in text


def test_a_blank_template_has_empty_rows_rather_than_not_given(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["blank-part-2"]

    text = " ".join(pdf_page_text(pdf, page) for page in range(1, pdf_pages(pdf) + 1))

    assert "Blank template" in text
    assert "Not given" not in text
    assert "No primary care entries yet." not in text
