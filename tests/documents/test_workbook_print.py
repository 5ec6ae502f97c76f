"""The Part 4 workbook on paper, as LibreOffice prints it: A4 landscape, no table below 8 pt, every page named."""

import re
from pathlib import Path

import pytest

from service.documents.funding_workbook import render_funding_xlsx
from service.documents.word import render_strategic_summary_docx
from tests.documents.document_builders import PARTNERSHIP, demo_funding, demo_summary, document_context
from tests.documents.office import (
    convert,
    pdf_font_families,
    pdf_page_size,
    pdf_page_text,
    pdf_pages,
    pdf_word_boxes,
    pdf_words,
    require_office,
)

pytestmark = pytest.mark.office

TITLE_POINTS = 14  # the size of each table's title, "Table 1: …", against which every other word is measured
SMALLEST_POINTS = 8
A4_LANDSCAPE = (841.9, 595.3)
CHART_TITLES = ("By commissioning category", "By source")  # one chart to a page
TABLE_2_TITLE = "Table 2: Expenditure profile – 2008/09"
TABLE_2_NOTE = "The total of all funding in cell N15 should equal 1.14 of Table 1 for 2008/09."


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_office()
    source, target = tmp_path_factory.mktemp("xlsx"), tmp_path_factory.mktemp("pdf")
    workbook, word = source / "part-4.xlsx", source / "part-1.docx"
    workbook.write_bytes(render_funding_xlsx(demo_funding(), document_context()))
    # A Word document beside it, converted in the same run, for the font they should share.
    word.write_bytes(render_strategic_summary_docx(demo_summary(), document_context()))
    (pdf, _) = convert(soffice, tmp_path_factory.mktemp("lo-profile"), [workbook, word], "pdf", target)
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


def test_each_page_of_table_2_carries_its_whole_title_name_and_note_within_the_repeated_column(printed: Path) -> None:
    pages = [page for page in range(1, pdf_pages(printed) + 1) if "Table 2:" in pdf_page_text(printed, page)]

    assert len(pages) >= 2, "Table 2 should run on to a second page: its columns are wider than one"
    for page in pages:
        text = pdf_page_text(printed, page)
        for wording in (TABLE_2_TITLE, PARTNERSHIP, TABLE_2_NOTE, "Commissioning framework category"):
            assert wording in text, f"page {page} lacks {wording!r}"
        boxes = pdf_word_boxes(printed, page)
        title_top = min(top for word, _, top, _, _ in boxes if word == "Table")
        heading = next(box for box in boxes if box[0] == "Commissioning")
        # The next column starts where its heading, a source's row code ("1.3", "1.9"), does.
        next_column = min(
            left for word, left, top, _, _ in boxes if abs(top - heading[2]) < 1 and re.fullmatch(r"1\.\d+", word)
        )
        above_table = [box for box in boxes if title_top <= box[2] and box[4] <= heading[2]]
        # Text running on past column A would be printed there on the first page but cut off on the second.
        cut = [word for word, _, _, right, _ in above_table if right > next_column]
        assert not cut, f"page {page}: {cut} run past the repeated column A and are cut off"


def test_the_workbook_prints_in_the_word_documents_font_family(printed: Path) -> None:
    # Both name Arial; without it LibreOffice prints its metric twin, Liberation Sans, for both.
    families = pdf_font_families(printed)

    assert len(families) == 1
    assert families == pdf_font_families(printed.with_name("part-1.pdf"))
