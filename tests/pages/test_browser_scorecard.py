"""A planner's scorecard and local targets in Chromium, with and without JavaScript, checked by axe-core."""

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.pages.browser import SCREENSHOTS, sign_in
from tests.pages.conftest import Axe
from tests.pages.test_browser_admin import publish_the_filled_plan

pytestmark = pytest.mark.browser


def open_scorecard(page: Any) -> None:
    """From the demo plan's page, by its link, to this year's scorecard (the demo's figures' year)."""
    page.goto("/plans/1")
    page.get_by_role("link", name="The partnership's scorecard").click()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    earlier = page.get_by_role("link", name="Scorecard for ", exact=False).first
    earlier.click()  # the plan's year has no figures yet; the year before has the demo's
    expect(page.locator("#summary")).to_be_visible()


def test_the_scorecard_reads_in_words_tables_and_charts_with_no_axe_violations(page: Any, axe: Axe) -> None:
    sign_in(page)
    open_scorecard(page)

    summary = page.locator("#summary").inner_text()
    assert "Red\n1 metric" in summary or "Red\t1 metric" in summary
    assert page.locator("main svg[role='img']").count() == 5
    assert page.get_by_role("table", name="Retention in treatment over 12 weeks", exact=False).count() == 1
    assert page.get_by_role("heading", name="The plan's Part 2 indicators").is_visible()
    assert axe(page) == []


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_a_screenshot_of_the_scorecard(page: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page)
    open_scorecard(page)

    page.screenshot(path=str(SCREENSHOTS / "scorecard.png"), full_page=True)

    assert (SCREENSHOTS / "scorecard.png").stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_planner_sets_a_local_target_and_a_mistake_is_named_with_no_axe_violations(page: Any, axe: Axe) -> None:
    sign_in(page)
    open_scorecard(page)
    page.get_by_role("link", name="Set local targets for", exact=False).click()
    expect(page.get_by_role("heading", name="Set a target")).to_be_visible()
    assert axe(page) == []

    page.get_by_label("Metric").select_option("LK-7a")
    page.get_by_label("Baseline").fill("40")
    page.get_by_label("Target for the year").fill("four")
    page.get_by_role("button", name="Save target").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.get_by_role("link", name="Target for the year must be a number, like 42.5").is_visible()
    assert axe(page) == []

    page.get_by_label("Target for the year").fill("45")
    page.get_by_role("button", name="Save target").click()
    expect(page.get_by_text("is saved.")).to_be_visible()
    assert "LK-7a: Successful completions: opiate clients" in page.locator("#local-targets").inner_text()
    assert axe(page) == []


@pytest.fixture(scope="module")
def published(base_url: str) -> None:
    """The demo plan published (once for the module, after the tests above): its scorecard goes public."""
    publish_the_filled_plan(base_url)


def test_the_public_reads_a_published_plans_scorecard_with_no_axe_violations(
    page: Any, axe: Axe, published: None
) -> None:
    page.goto("/published/1")
    page.get_by_role("link", name="The partnership's scorecard for", exact=False).click()

    expect(page.get_by_role("heading", name="Birmingham Drug Action Team")).to_be_visible()
    assert "Counts of 1 to 5 people" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Set local targets", exact=False).count() == 0
    assert axe(page) == []
