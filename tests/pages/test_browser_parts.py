"""Parts 1 to 3 in a real browser (Debian's Chromium), with and without JavaScript, and axe-core on each page."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from plan_schema.plan_year import first_calendar_year
from tests.pages.browser import DEMO_PLAN_YEAR, sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser


def test_a_planner_edits_part_1_from_the_task_list_and_saves_it(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1")
    page.get_by_role("link", name=re.compile("^Part 1")).click()
    page.wait_for_url(re.compile(r"/plans/1/strategic-summary$"))
    direction = page.get_by_label("Overall direction and purpose of the partnership strategy")

    direction.fill("Recovery first, for every adult in treatment.")
    page.get_by_role("button", name="Save Part 1").click()
    page.wait_for_url(re.compile(r"/strategic-summary\?saved=1$"))

    assert "Part 1 is saved." in page.locator(".govuk-notification-banner").inner_text()
    assert direction.input_value() == "Recovery first, for every adult in treatment."


def test_a_planner_adds_an_objective_and_an_action_to_grid_4(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1/planning-grids")
    page.get_by_role("link", name=re.compile("^Grid 4:")).click()
    page.wait_for_url(re.compile(r"/plans/1/planning-grids/4$"))
    objective = page.locator('[id^="grid_4-objectives-"][id$="-text"]:not([id*="-actions-"])').count()
    number = f"4.{objective + 1}"
    page.get_by_label("Key priorities from the needs assessment developed in this grid").fill("Kept.")

    page.get_by_role("button", name="Add an objective to grid 4").click()
    page.get_by_label(f"Objective {number}", exact=True).fill("Every discharge is planned.")
    page.get_by_label(f"Action 1 of objective {number}", exact=True).fill("Agree discharge plans.")
    page.get_by_role("button", name=f"Add an action to objective {number}").click()
    action = page.locator(f"#grid_4-objectives-{objective}-actions-1")
    action.get_by_label(f"Action 2 of objective {number}").fill("Audit discharges.")
    action.get_by_label("Named postholder responsible").fill("Treatment system manager")
    action.get_by_label("Day").fill("31")
    action.get_by_label("Month").fill("1")
    action.get_by_label("Year").fill(str(first_calendar_year(DEMO_PLAN_YEAR) + 1))
    first = page.locator(f"#grid_4-objectives-{objective}-actions-0")
    first.get_by_label("Named postholder responsible").fill("Discharge lead")
    first.get_by_label("Day").fill("30")
    first.get_by_label("Month").fill("6")
    first.get_by_label("Year").fill(str(first_calendar_year(DEMO_PLAN_YEAR)))
    page.get_by_role("button", name="Save grid 4").click()
    page.wait_for_url(re.compile(r"/planning-grids/4\?saved=1$"))

    assert page.get_by_label(f"Objective {number}", exact=True).input_value() == "Every discharge is planned."
    assert page.get_by_label(f"Action 2 of objective {number}", exact=True).input_value() == "Audit discharges."
    assert page.locator("#grid_4-key_priorities").input_value() == "Kept."
    assert page.locator(".govuk-error-summary").count() == 0  # the new objective is complete


PART_PAGES = {
    "part-1": "/plans/1/strategic-summary",
    "part-2": "/plans/1/targets",
    "part-3": "/plans/1/planning-grids",
    "part-3-grid-1": "/plans/1/planning-grids/1",
    "part-3-new-grid": "/plans/1/planning-grids/5",
}


@pytest.mark.parametrize("path", PART_PAGES.values(), ids=PART_PAGES.keys())
def test_each_part_page_meets_wcag_2_2_aa_by_axe(page: Any, path: str, axe: Axe) -> None:
    sign_in(page)
    page.goto(path)

    assert axe(page) == []


def test_a_re_shown_part_3_with_errors_and_a_new_objective_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.goto("/plans/1/planning-grids/1")
    page.get_by_role("button", name="Add an objective to grid 1").click()
    expect(page.locator("#form-message")).to_be_visible()  # without JavaScript, once the page has come back
    page.locator('input[id$="-due-day"]').first.fill("31")
    page.locator('input[id$="-due-month"]').first.fill("2")
    page.get_by_role("button", name="Save grid 1").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    assert axe(page) == []


def test_save_and_continue_takes_a_planner_through_the_grids_and_back_to_the_list(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1/planning-grids/3")

    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/plans/1/planning-grids/4$"))
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/plans/1/planning-grids$"))

    assert page.get_by_role("link", name=re.compile("^Grid 4:")).is_visible()
    page.get_by_role("link", name="Continue to Part 4").click()
    page.wait_for_url(re.compile(r"/plans/1/funding$"))


def test_a_planner_adds_a_local_grid_then_removes_it_after_confirming(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1/planning-grids")
    page.get_by_role("link", name="Add a local grid").click()
    page.wait_for_url(re.compile(r"/plans/1/planning-grids/5$"))
    page.get_by_label("Title of grid 5").fill("Housing and recovery")
    page.get_by_label("Key priorities from the needs assessment developed in this grid").fill("Homes for all.")
    page.get_by_role("button", name="Save grid 5").click()
    page.wait_for_url(re.compile(r"/planning-grids/5\?saved=1$"))

    page.get_by_role("button", name="Remove grid 5").click()
    expect(page.get_by_role("heading", name="Remove grid 5?")).to_be_visible()
    page.get_by_role("button", name="Yes, remove grid 5").click()
    page.wait_for_url(re.compile(r"/plans/1/planning-grids\?removed=5$"))

    assert "Grid 5 is removed from Part 3" in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_role("link", name=re.compile("^Grid 5")).count() == 0
