"""Part 4 at 1280 px: every Table 2 figure, each total and N15 in view without scrolling sideways (issue 13).

Table 2 has ten categories by twelve funding sources; as one table it was 2,710 px wide in a 960 px column.
"""

import re
from decimal import Decimal
from typing import Any

import pytest

from plan_schema.vocabulary import EXPENDITURE_SOURCES
from tests.pages.browser import sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
VIEWPORT = {"width": 1280, "height": 800}
N15 = '[data-computed="table_2-total-total"]'
CATEGORY_TOTAL = '[data-computed="table_2-3-total"]'
POLICE_TOTAL = '[data-computed="table_2-total-police"]'
# Every worked-out total of Table 2, by the id its findings link to.
TOTALS = [
    *(f"#table_2-{row}-total" for row in range(10)),
    *(f"#table_2-total-{source.field}" for source in EXPENDITURE_SOURCES),
    "#table_2-total-total",
]

# What sticks out sideways: the page, any box that scrolls sideways (an input's own text does not count),
# and any Table 2 input or total whose box is not wholly inside the viewport's width.
OFF_TO_THE_SIDE = """(totals) => {
  const width = window.innerWidth
  const found = []
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px`)
  for (const element of document.querySelectorAll('body *:not(input):not(textarea)')) {
    const overflow = getComputedStyle(element).overflowX
    if (['auto', 'scroll'].includes(overflow) && element.scrollWidth > element.clientWidth) {
      found.push(`scroll region ${element.className} ${element.scrollWidth}px in ${element.clientWidth}px`)
    }
  }
  const inputs = [...document.querySelectorAll('input[name^="table_2-"]')]
  const boxes = [...inputs, ...totals.map((id) => document.querySelector(id))]
  for (const box of boxes) {
    if (!box) { found.push('a total is missing'); continue }
    const { left, right } = box.getBoundingClientRect()
    if (left < 0 || right > width) found.push(`${box.id} from ${left}px to ${right}px`)
  }
  return found
}"""


def pounds(text: str) -> Decimal:
    return Decimal(text.strip().lstrip("£").replace(",", ""))


def open_part_4(page: Any) -> None:
    page.set_viewport_size(VIEWPORT)
    sign_in(page)
    page.goto("/plans/1/funding")


def test_every_table_2_figure_each_total_and_n15_fit_1280_px(page: Any) -> None:
    open_part_4(page)

    assert page.locator('input[name^="table_2-"]').count() == 10 * 12
    assert page.evaluate(OFF_TO_THE_SIDE, TOTALS) == []


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_typing_a_figure_updates_its_category_total_its_source_total_and_n15(page: Any) -> None:
    open_part_4(page)
    before = {total: pounds(page.locator(total).inner_text()) for total in (CATEGORY_TOTAL, POLICE_TOTAL, N15)}
    police = page.locator("#table_2-3-police")

    police.fill(f"£{pounds(police.input_value()) + 1000:,}")  # as typed from a spreadsheet: "£1,000.00"

    for total, amount in before.items():
        assert pounds(page.locator(total).inner_text()) == amount + 1000, total
    # The category's total under its figures and its copy in the summary agree.
    assert page.locator(CATEGORY_TOTAL).inner_text() == page.locator('[data-copy-of="table_2-3-total"]').inner_text()


@pytest.mark.parametrize("page", [False], indirect=True, ids=["no-javascript"])
def test_without_javascript_the_totals_follow_a_figure_once_saved(page: Any) -> None:
    open_part_4(page)
    before = pounds(page.locator(N15).inner_text())
    police = page.locator("#table_2-4-police")

    police.fill(f"£ {pounds(police.input_value()) + 2500:,}")
    page.get_by_role("button", name="Save Part 4").click()
    page.wait_for_url(re.compile(r"/funding\?saved=1$"))

    assert pounds(page.locator(N15).inner_text()) == before + 2500
    assert page.locator("#table_2-4-police").input_value().count(",") >= 1  # shown grouped again
    assert page.evaluate(OFF_TO_THE_SIDE, TOTALS) == []


def test_part_4_laid_out_a_category_at_a_time_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    open_part_4(page)

    assert axe(page) == []
