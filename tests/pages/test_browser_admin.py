"""Published plans, the reconciliation and the admin pages in Chromium: axe-core with JavaScript on and off."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.pages.browser import api_client, sign_in
from tests.pages.conftest import Axe
from tests.workflow.flow import PDF

pytestmark = pytest.mark.browser
PLAN = 1  # the demo's filled plan: signed off and published below, before any test


def publish_the_filled_plan(base: str) -> None:
    """Through the API of the served database, as people would: submit, accept, sign, publish."""
    planner, reviewer, admin = (api_client(base, f"{who}@demo.example") for who in ("planner", "reviewer", "admin"))
    url = f"/api/v1/plans/{PLAN}"
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    steps: list[Callable[[], httpx.Response]] = [
        lambda: planner.post(f"{url}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}),
        lambda: planner.post(f"{url}/submissions", json={"stage": "initial"}),
        lambda: reviewer.post(f"{url}/assessments", json={"decision": "accepted"}),
        lambda: planner.post(f"{url}/submissions", json={"stage": "final"}),
        lambda: planner.post(f"{url}/sign-offs"),
        lambda: reviewer.post(f"{url}/sign-offs"),
        lambda: admin.post(f"{url}/publication"),
    ]
    for step in steps:
        answer = step()
        assert answer.status_code == 201, answer.text
    for client in (planner, reviewer, admin):
        client.close()


@pytest.fixture(scope="module")
def base_url(base_url: str) -> str:
    """The module's own service (tests/pages/conftest.py), its filled plan published before any test."""
    publish_the_filled_plan(base_url)
    return base_url


# Path, and who looks at it (None: nobody signed in).
PAGE_TYPES: dict[str, tuple[str, str | None]] = {
    "published-list": ("/published", None),
    "published-plan": (f"/published/{PLAN}", None),
    "reconciliation": (f"/plans/{PLAN}/reconciliation", "finance@demo.example"),
    "reconciliation-reviewer": (f"/plans/{PLAN}/reconciliation", "reviewer@demo.example"),
    "admin-index": ("/admin", "admin@demo.example"),
    "admin-cycles": ("/admin/cycles", "admin@demo.example"),
    "admin-cycle": ("/admin/cycles/1", "admin@demo.example"),
    "admin-partnerships": ("/admin/partnerships", "admin@demo.example"),
    "admin-users": ("/admin/users", "admin@demo.example"),
    "admin-figures": ("/admin/figures", "admin@demo.example"),
    "admin-footprint": ("/admin/partnerships/1/footprint", "admin@demo.example"),
    "admin-metrics": ("/admin/metrics", "admin@demo.example"),
    "admin-new-metric": ("/admin/metrics/new", "admin@demo.example"),
    "publication": (f"/plans/{PLAN}/publication", "admin@demo.example"),
    "baselines": (f"/plans/{PLAN}/baselines", "admin@demo.example"),
}


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("name", PAGE_TYPES.keys())
def test_every_page_type_meets_wcag_2_2_aa_by_axe(page: Any, name: str, axe: Axe) -> None:
    path, who = PAGE_TYPES[name]
    if who:
        sign_in(page, who)
    page.goto(path)

    assert page.locator("h1").count() == 1
    assert axe(page) == []


def test_the_published_plan_is_there_for_the_public_without_part_3(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="Published plans").click()
    page.get_by_role("link", name=re.compile("^Birmingham")).click()
    # The click returns before the published page has loaded: wait for its Part 4 heading.
    page.get_by_role("heading", name="Part 4: Pooled treatment budget").wait_for()

    assert "Part 3" not in page.locator("main").inner_text()
    assert page.locator("#funding-n15").inner_text().startswith("£")


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_a_cycle_form_error_keeps_the_input_and_meets_wcag_2_2_aa(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/cycles/1")
    page.locator("#panel_response_due-day").fill("31")
    page.locator("#panel_response_due-month").fill("2")
    page.get_by_role("button", name="Save the timetable and settings").click()

    assert "enter a real date" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#panel_response_due-day").input_value() == "31"
    assert axe(page) == []


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_a_user_form_error_keeps_the_input_and_meets_wcag_2_2_aa(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/users")
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_label("Email address").fill("planner@demo.example")
    page.get_by_label("Administrator").check()
    page.get_by_role("button", name="Create the account").click()

    summary = page.locator(".govuk-error-summary").inner_text()
    assert "There is already an account for planner@demo.example." in summary
    assert page.get_by_label("Full name").input_value() == "Nia Newcomer"
    assert axe(page) == []


def test_an_empty_user_form_lists_every_problem_at_once_in_page_order(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/users")

    page.get_by_role("button", name="Create the account").click()

    links = page.locator(".govuk-error-summary__list a")
    assert [link.get_attribute("href") for link in links.all()] == ["#name", "#email", "#role"]
    assert "Select a role" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_a_figures_file_with_problems_lists_them_by_row_and_meets_wcag_2_2_aa_by_axe(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text("metric,version,area,period,numerator\nXX-1,1,LA-NOWHERE,2027/28 Q5,1\n")
    sign_in(page, "admin@demo.example")
    page.goto("/admin/figures")
    page.get_by_label("Upload a CSV file").set_input_files(str(figures))
    page.get_by_label("Release").fill("Test release")
    page.get_by_role("button", name="Import figures").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Nothing was imported" in page.locator(".govuk-error-summary").inner_text()
    problems = page.get_by_role("table", name="Problems in the file")
    assert problems.get_by_role("row").count() == 1 + 3  # the header, then metric, area and period on row 2
    assert page.get_by_label("Release").input_value() == "Test release"
    assert axe(page) == []


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_a_footprint_refusal_names_each_field_and_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/partnerships/1/footprint")
    page.get_by_label("First plan year covered").fill("2027")
    page.get_by_role("button", name="Add the area").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select the area to add" in summary
    assert "Enter the first plan year covered as the year it starts and the next, like 2027/28" in summary
    assert page.get_by_label("First plan year covered").input_value() == "2027"
    assert axe(page) == []


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_an_empty_local_kpi_form_names_each_field_in_order_and_meets_wcag_2_2_aa_by_axe(page: Any, axe: Axe) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/metrics/new")
    page.get_by_label("Name", exact=True).fill("Clients offered vaccination")
    page.get_by_role("button", name="Add the KPI").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    links = page.locator(".govuk-error-summary a").all_inner_texts()
    assert links[0] == "Enter the KPI's code, such as LK-HEPB"
    assert "Select which way is better" in links
    assert page.get_by_label("Name", exact=True).input_value() == "Clients offered vaccination"
    assert axe(page) == []
