"""The Part 4 workbook on paper, as LibreOffice prints it: A4 landscape, no table below 8 pt, every page named."""

from pathlib import Path

import pytest

from service.documents.funding_workbook import render_funding_xlsx
from tests.documents.document_builders import PARTNERSHIP, demo_funding, document_context
from tests.documents.office import convert, pdf_page_size, pdf_page_text, pdf_pages, pdf_words, require_office

pytestmark = pytest.mark.office

TITLE_POINTS = 14  # the size of each table's title, "Table 1: …", against which every other word is measured
SMALLEST_POINTS = 8
A4_LANDSCAPE = (841.9, 595.3)
CHART_TITLES = ("By commissioning category", "By source")  # one chart to a page


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_office()
    source, target = tmp_path_factory.mktemp("xlsx"), tmp_path_factory.mktemp("pdf")
    workbook = source / "part-4.xlsx"
    workbook.write_bytes(render_funding_xlsx(demo_funding(), document_context()))
    (pdf,) = convert(soffice, tmp_path_factory.mktemp("lo-profile"), [workbook], "pdf", target)
    return pdf


def test_every_page_is_a4_landscape_named_and_numbered(printed: Path) -> None:
    width, height = pdf_page_size(printed)
    pages = pdf_pages(printed)

    assert (round(width, 1), round(height, 1)) == A4_LANDSCAPE
    for page in range(1, pages + 1):
        text = pdf_page_text(printed, page)
        assert PARTNERSHIP in text, f"page {page} lacks the partnership's name"
        assert "Pooled treatment budget, mainstream funding and expenditure 2008/09" in text
        assert f"Page {page} of {pages}" in text, f"page {page} is not numbered"


def test_no_table_prints_smaller_than_8_points_and_headings_repeat_on_every_page(printed: Path) -> None:
    table_pages = 0
    for page in range(1, pdf_pages(printed) + 1):
        text = pdf_page_text(printed, page)
        if any(title in text for title in CHART_TITLES):
            continue  # the chart sheet: a picture, whose labels are the chart's own
        table_pages += 1
        words = pdf_words(printed, page)
        points_per_unit = TITLE_POINTS / max(height for word, height in words if word == "Table")
        smallest = min(height for _, height in words) * points_per_unit
        assert smallest >= SMALLEST_POINTS, f"page {page} has text at {smallest:.1f} pt"
        # Row titles and column headings repeated: each page of a table starts with its first column's heading.
        assert "Funding source" in text or "Commissioning framework category" in text
    assert table_pages >= 2
