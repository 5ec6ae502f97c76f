"""A submitted return on paper, as LibreOffice prints it: the figures a reviewer needs, no table cut off at the edge."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from plan_schema.wording import pounds
from service.documents.return_document import render_return_docx, signed_pounds
from tests.documents.document_builders import PARTNERSHIP
from tests.documents.office import (
    convert,
    pdf_font_families,
    pdf_info,
    pdf_page_text,
    pdf_pages,
    pdf_reading_text,
    pdf_word_boxes,
    require_office,
)
from tests.documents.return_builders import HOSTILE, LONG_NOTE_END, SHA, SUBMITTER, submitted_return

pytestmark = pytest.mark.office

A4_PORTRAIT, A4_LANDSCAPE = (595.3, 841.9), (841.9, 595.3)
MARGIN_POINTS = 56.7  # 20 mm: every page's margin, which no table may run into
STATUS = "Quarter 2 return, submission 3, submitted 3 November 2008"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The return converted in one LibreOffice run."""
    soffice = require_office()
    source, target = tmp_path_factory.mktemp("docx"), tmp_path_factory.mktemp("pdf")
    document = source / "quarterly-return.docx"
    document.write_bytes(render_return_docx(submitted_return()))
    (pdf,) = convert(soffice, tmp_path_factory.mktemp("lo-profile"), [document], "pdf", target)
    return pdf


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    found = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", pdf_info(pdf, "-f", "1", "-l", "999"), re.MULTILINE)
    return [(round(float(width), 1), round(float(height), 1)) for width, height in found]


def _text(pdf: Path) -> str:
    return " ".join(pdf_page_text(pdf, page) for page in range(1, pdf_pages(pdf) + 1))


def test_every_page_names_the_partnership_the_submission_and_its_page(printed: Path) -> None:
    pages = pdf_pages(printed)

    assert pages >= 4
    for page in range(1, pages + 1):
        text = pdf_page_text(printed, page)
        assert f"{PARTNERSHIP} – {STATUS}" in text, f"page {page}"
        assert f"Page {page} of {pages}" in text, f"page {page}"
        assert SHA in text, f"page {page}"
    assert len(pdf_font_families(printed)) == 1


def test_a_portrait_front_page_then_the_return_in_landscape(printed: Path) -> None:
    sizes = _sizes(printed)

    assert sizes[0] == A4_PORTRAIT
    assert set(sizes[1:]) == {A4_LANDSCAPE}


def test_the_figures_a_reviewer_needs_are_printed(printed: Path) -> None:
    # Line by line as laid out (a row of a table on a line), and in reading order (a cell's wrapped lines joined).
    laid_out, reading = _text(printed), pdf_reading_text(printed)
    result = submitted_return().spend
    assert result is not None

    for wording in (
        "Quarter 2 return: July to September 2008",
        f"Submitted by {SUBMITTER}",
        "3 November 2008 at 14:05",
        "Due 31 October 2008",
        "Timeliness 3 days late",
        "Complete on 20 Aug 2008",
        "Off track",
        HOSTILE,
        "Two deaths among older users",
        "Naloxone for everyone leaving treatment",
        "30.0% 18.0% Red – off track",
        "31 Mar 2009",
        "Two of the deaths were of people waiting for a place",
        f"{pounds(result.total.actual)} (quarters 1 to 2)",
        f"{pounds(result.total.profile)} (2/4 of Part 4's Table 2)",
        f"Forecast outturn {pounds(result.forecast_outturn)}",
        f"{pounds(result.cost_per_adult or Decimal(0))} to date (4,685 adults",
        signed_pounds(result.total.amount),
        "Figures more than 10% from profile",
    ):
        assert wording in laid_out or wording in reading, wording
    exceptions = reading.split("Exceptions: the metrics judged red")[1].split("Commentary on the metrics")[0]
    assert "Deaths in treatment" in exceptions
    assert "Waiting times" not in exceptions  # a green metric owes no exception


def test_no_table_runs_past_the_margin_and_a_row_taller_than_a_page_splits_rather_than_losing_its_end(
    printed: Path,
) -> None:
    for page, (width, _) in enumerate(_sizes(printed), start=1):
        boxes = pdf_word_boxes(printed, page)
        beyond = [word for word, _, _, right, _ in boxes if right > width - MARGIN_POINTS + 1]
        assert not beyond, f"page {page}: {beyond} run past the right margin"
    text = _text(printed)
    assert "Step 1 of the recovery." in text
    assert LONG_NOTE_END in text
    # The last column of each spend table, on every page it runs on to (its header row repeated).
    spend_pages = [
        page for page in range(1, pdf_pages(printed) + 1) if "Profile to date" in pdf_page_text(printed, page)
    ]
    assert spend_pages
    for page in spend_pages:
        assert "Against profile" in pdf_page_text(printed, page), f"page {page}"
