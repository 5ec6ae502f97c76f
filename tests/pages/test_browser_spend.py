"""The quarter's spend page in Chromium at 1280 px: saved as typed, flags in words, nothing off to the side, axe."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.pages.browser import sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
VIEWPORT = {"width": 1280, "height": 900}
FINANCE = "finance@demo.example"
SPEND = "/plans/1/returns/2/spend"
# To look at, not to commit.
SHOTS = Path(__file__).resolve().parents[2] / "var"

# The page, or any input or figure of the grid, wider than the viewport.
OFF_TO_THE_SIDE = """() => {
  const width = window.innerWidth
  const found = []
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px`)
  for (const box of document.querySelectorAll('.adtp-spend-table td, .adtp-spend-table th')) {
    const { right } = box.getBoundingClientRect()
    if (right > width) found.push(`${box.textContent.trim()} ends at ${right}px`)
  }
  return found
}"""


def open_spend(page: Any) -> None:
    page.set_viewport_size(VIEWPORT)
    sign_in(page, FINANCE)
    page.goto(SPEND)


def test_the_finance_officer_saves_spend_and_an_overspend_is_flagged_in_words(page: Any) -> None:
    open_spend(page)

    page.locator("#spend-1-police").fill("£9,000,000")
    page.locator("#spend-0-police").fill("500")
    page.get_by_role("button", name="Save quarter 2 spend").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("spend is saved")
    assert page.locator("#spend-1-police").input_value() == "9,000,000.00"
    expect(page.locator("#category-1 tbody tr").filter(has_text="Police")).to_contain_text("Over by more than 10%")
    expect(page.locator("#category-0 tbody tr").filter(has_text="Police")).to_contain_text(
        "Spent with nothing profiled"
    )
    assert page.evaluate(OFF_TO_THE_SIDE) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "spend-saved.png"), full_page=True)


def test_cells_that_are_not_money_are_named_in_the_summary_and_kept_as_typed(page: Any) -> None:
    open_spend(page)

    page.locator("#spend-2-probation").fill("abc")
    page.locator("#spend-0-police").fill("-5")
    page.get_by_role("button", name="Save quarter 2 spend").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    links = summary.locator("a")
    assert links.nth(0).get_attribute("href") == "#spend-0-police"
    assert links.nth(1).get_attribute("href") == "#spend-2-probation"
    assert page.locator("#spend-2-probation").input_value() == "abc"
    assert re.search(r"Probation", links.nth(1).inner_text())
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "spend-refused.png"), full_page=False)


def test_the_spend_page_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    open_spend(page)

    assert axe(page) == []


def test_the_finance_officer_enters_a_profile_then_goes_back_to_the_plans_with_no_axe_violations(
    page: Any, axe: Axe
) -> None:
    open_spend(page)

    page.locator("#profile-0-police").fill("lots")
    page.get_by_role("button", name="Save quarter 2 spend").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Police (1.6), profile to date: Enter an amount")
    assert axe(page) == []
    page.locator("#profile-0-police").fill("£2,500")
    page.get_by_role("button", name="Save quarter 2 spend").click()

    expect(page.locator("#total-profile")).to_contain_text("as the finance officer entered it")
    assert page.locator("#profile-0-police").input_value() == "2,500.00"
    assert page.evaluate(OFF_TO_THE_SIDE) == []
    page.screenshot(path=str(SHOTS / "spend-profile.png"), full_page=True)
    page.get_by_role("button", name="Save and use the plan's profile (2/4 of Table 2)").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("the plan's again")
    expect(page.locator("#total-profile")).to_contain_text("2/4 of the")
