"""A planner in a real browser (Debian's Chromium), with and without JavaScript, and axe-core on every page type."""

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from service.pages.planning.funding_form import table_1_name
from tests.pages.browser import CURRENT_PLAN_LINK, DEMO_PLAN_YEAR, POLICE, SCREENSHOTS, api_client, sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
REVIEWER = "reviewer@demo.example"
TOTAL = f'[data-computed="{table_1_name(DEMO_PLAN_YEAR, "total")}"]'


def pounds(text: str) -> Decimal:
    return Decimal(text.strip().lstrip("£").replace(",", ""))


# First, while the plan is as seeded: the screenshots show the demo plan, not what later tests typed.
@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_screenshots_of_the_task_list_part_3_and_part_4_as_seeded(page: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page)
    shots = (
        ("/plans/1", "task-list.png"),
        ("/plans/1/planning-grids", "part-3-grids.png"),
        ("/plans/1/funding", "part-4-funding.png"),
    )
    for path, name in shots:
        page.goto(path)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)

        assert (SCREENSHOTS / name).stat().st_size > 10_000
        # Table 2's thirteen columns scroll inside their own box; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_planner_changes_a_figure_saves_and_sees_the_totals_update(page: Any) -> None:
    sign_in(page)
    page.get_by_role("link", name=CURRENT_PLAN_LINK).click()
    page.locator(".govuk-task-list__link", has_text="Part 4").click()
    before = pounds(page.locator(TOTAL).inner_text())
    police = page.locator(POLICE)

    police.fill(str(Decimal(police.input_value().replace(",", "")) + 1000))
    page.get_by_role("button", name="Save Part 4").click()
    page.wait_for_url(re.compile(r"/funding\?saved=1$"))

    # Table 2 no longer spends all of 1.14, so one message says both: saved, and what is left to fix.
    told = page.locator(".govuk-error-summary__title").inner_text()
    assert told.startswith("Part 4 is saved")
    assert "to fix before Part 4 can be submitted" in told
    assert page.locator(".govuk-notification-banner").count() == 0
    assert pounds(page.locator(TOTAL).inner_text()) == before + 1000


def test_bad_money_is_named_in_the_error_summary_and_kept_in_its_field(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1/funding")

    page.locator(POLICE).fill("12.345")
    page.get_by_role("button", name="Save Part 4").click()

    summary = page.locator(".govuk-error-summary")
    summary.get_by_text(f"1.6 Police, {DEMO_PLAN_YEAR}").wait_for()  # the answer to the save has loaded
    assert f"1.6 Police, {DEMO_PLAN_YEAR}" in summary.inner_text()
    assert page.locator(POLICE).input_value() == "12.345"


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_totals_follow_the_figures_as_they_are_typed(page: Any) -> None:
    sign_in(page)
    page.goto("/plans/1/funding")
    before = pounds(page.locator(TOTAL).inner_text())
    police = page.locator(POLICE)

    police.fill(str(Decimal(police.input_value().replace(",", "")) + 5))

    assert pounds(page.locator(TOTAL).inner_text()) == before + 5


PAGE_TYPES = {
    "sign-in": "/sign-in",
    "start": "/",
    "task-list": "/plans/1",
    "part-4": "/plans/1/funding",
    "not-found": "/plans/999",
}


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_meets_wcag_2_2_aa_by_axe(page: Any, path: str, axe: Axe, base_url: str) -> None:
    if path != "/sign-in":
        sign_in(page)
    if path == "/":  # something for the start page to list under "What is new since you last signed in"
        with api_client(base_url, REVIEWER) as reviewer:
            comment = {"body": "Is 1.6 right?", "part": "funding"}
            assert reviewer.post("/api/v1/plans/1/comments", json=comment).status_code == 201
    page.goto(path)
    if path == "/":
        expect(page.locator(".adtp-news li").first).to_contain_text("Rosa Reviewer commented on Part 4")

    assert axe(page) == []


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_a_sign_in_error_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("planner@demo.example")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe(page) == []


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_gov_uk_frontend_starts_under_the_content_security_policy_with_nothing_blocked(page: Any) -> None:
    blocked: list[str] = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page)

    answer = page.goto("/plans/1/funding")

    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert "js-enabled govuk-frontend-supported" in page.locator("body").get_attribute("class")
    # GOV.UK Frontend's skip link and the service navigation are started by initAll().
    assert page.locator('[data-module="govuk-skip-link"][data-govuk-skip-link-init]').count() == 1
    assert blocked == []
