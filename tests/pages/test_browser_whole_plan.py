"""The whole plan printed from Chromium: each part on its own sheet, Part 4's wide tables on landscape ones."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.documents.office import pdf_info
from tests.pages.browser import CURRENT_PLAN_LINK, sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
PAGE_SIZE = re.compile(r"^Page\s+\d+ size:\s+(?P<width>[\d.]+) x (?P<height>[\d.]+) pts", re.M)


def sheet_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each printed sheet's width and height in points, as poppler reads them."""
    info = pdf_info(pdf, "-f", "1", "-l", "999")
    return [(float(found["width"]), float(found["height"])) for found in PAGE_SIZE.finditer(info)]


def test_the_whole_plan_prints_with_part_4_on_landscape_sheets(page: Any, axe: Axe, tmp_path: Path) -> None:
    sign_in(page)
    page.get_by_role("link", name=CURRENT_PLAN_LINK).click()
    page.get_by_role("link", name="Read the whole plan on one page").click()
    page.get_by_role("heading", name=re.compile("^Part 3")).wait_for()
    assert axe(page) == []

    page.emulate_media(media="print")
    assert not page.locator(".govuk-template__header").is_visible()  # the service's chrome is not printed
    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)

    sizes = sheet_sizes(pdf)
    assert len(sizes) >= 4  # at least a sheet per part
    assert sizes[0][0] < sizes[0][1]  # Part 1 on portrait A4
    assert sizes[-1][0] > sizes[-1][1]  # Part 4's tables on landscape A4
