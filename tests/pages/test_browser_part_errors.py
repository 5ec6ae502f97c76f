"""An unfinished part in a real browser: how much is left first, every problem once asked, axe-core on both."""

import re
from typing import Any

import pytest

from tests.pages.browser import DEMO_PLAN_YEAR, sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser

EMPTY_PLAN_PLANNER = "planner2@demo.example"  # Manchester, whose current plan has nothing entered
# Playwright writes the pattern into a /…/ selector, so the year's slash is escaped (as browser.py does).
_SELECTOR_YEAR = DEMO_PLAN_YEAR.replace("/", "\\/")


def test_an_empty_part_says_what_is_left_and_shows_every_problem_when_asked(page: Any, axe: Axe) -> None:
    sign_in(page, EMPTY_PLAN_PLANNER)
    page.get_by_role("link", name=re.compile(rf"^Manchester Drug Action Team ?, {_SELECTOR_YEAR} plan$")).click()
    page.get_by_role("link", name="Part 2: Effective treatment targets").click()

    to_do = page.locator("#to-do").inner_text()
    left = re.search(r"(\d+) things to do before Part 2 can be submitted", to_do)
    assert left is not None
    assert page.locator(".govuk-error-summary").count() == 0
    assert page.locator(".govuk-error-message").count() == 0
    assert axe(page) == [], "Part 2 before the user acts"

    page.get_by_role("link", name="Check Part 2 for what is left").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.locator("li").count() == int(left.group(1))
    assert page.locator(".govuk-error-message", has_text="Enter a figure").count() > 0
    first = summary.locator("a").first.get_attribute("href")
    assert first == "#crack_opiate_users_in_effective_treatment-baseline_actual"  # the page's first field
    assert page.locator(first).is_visible()
    assert axe(page) == [], "Part 2 checked"
