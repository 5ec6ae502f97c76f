"""Any plan year in Chromium, with and without JavaScript: an admin creates a cycle, a planner is told what can start.

Each run gets its own freshly seeded service, since creating a cycle changes what every start page offers.
"""

import re
from typing import Any

import pytest

from tests.pages.browser import sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(fresh_url: str) -> str:
    """The service on its own migrated and seeded SQLite database, for one test."""
    return fresh_url


def test_an_admin_creates_a_cycle_and_a_second_one_for_the_year_is_refused_on_its_field(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/cycles")
    page.get_by_role("button", name="Create a plan cycle").click()
    page.get_by_label("Plan year").fill("2031/32")
    page.get_by_role("button", name="Create the plan cycle").click()

    assert re.search(r"/admin/cycles/\d+\?created=1$", page.url)
    assert "2031/32" in page.locator("main").inner_text()
    assert axe(page) == [], "a new cycle's timetable"

    page.goto("/admin/cycles/new")
    page.get_by_label("Plan year").fill("2031/32")
    page.get_by_role("button", name="Create the plan cycle").click()

    summary = page.locator(".govuk-error-summary")
    assert "2031/32" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "plan_year"
    assert axe(page) == [], "the refused duplicate cycle"


def test_a_planner_with_no_earlier_plan_is_told_so_where_the_choice_would_be(page: Any, axe: Axe) -> None:
    sign_in(page, "planner2@demo.example")

    main = page.locator("main").inner_text()

    assert "There is no earlier plan of Manchester Drug Action Team's to start from" in main
    assert page.get_by_label(re.compile("^Start from our")).count() == 0
    assert axe(page) == [], "the start page with nothing earlier to start from"
