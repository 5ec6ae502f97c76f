"""Two people editing one part at once, in two real browsers: a late save never undoes the other's work."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from service.access import accounts
from service.platform.db import create_db_engine
from service.tables.access import Role
from service.tables.plans import Plan
from tests.conftest import DEMO_PASSWORD
from tests.pages.browser import PLANNER, axe_violations, require_browser_tools, serve, sign_in

pytestmark = pytest.mark.browser

FINANCE = "finance@demo.example"
SECOND_PLANNER = "second.planner@demo.example"
PLAN = 1


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory of this module's service database."""
    return tmp_path_factory.mktemp("conflicts")


@pytest.fixture(scope="module")
def base_url(served: Path) -> Iterator[str]:
    """The service on a database of this module's own, with a second planner for the filled plan's partnership."""
    require_browser_tools()
    for url in serve(served, DEMO_PASSWORD):
        engine = create_db_engine(f"sqlite:///{served / 'browser.sqlite3'}")
        with Session(engine) as session:
            plan = session.get(Plan, PLAN)
            assert plan is not None
            accounts.create_user(
                session=session,
                email=SECOND_PLANNER,
                name="Sam Second",
                role=Role.PLANNER,
                password=DEMO_PASSWORD,
                partnership_id=plan.partnership_id,
            )
            session.commit()
        engine.dispose()
        yield url


def signed_in(chromium: Any, base_url: str, email: str, path: str) -> Any:
    """A browser of its own (its own cookies), signed in as `email` and showing `path`."""
    tab = chromium.new_context(base_url=base_url).new_page()
    sign_in(tab, email)
    tab.goto(path)
    return tab


def banner(tab: Any) -> str:
    return str(tab.locator(".govuk-notification-banner").first.inner_text())


def plan_year_cell(tab: Any, field: str) -> Any:
    """A Table 1 input of the plan year (the last column), whatever the year is called."""
    return tab.locator(f'input[id^="table_1-"][id$="-{field}"]').last


def test_finance_and_a_planner_on_part_4_keep_each_others_figures(chromium: Any, base_url: str) -> None:
    finance = signed_in(chromium, base_url, FINANCE, f"/plans/{PLAN}/funding")
    planner = signed_in(chromium, base_url, PLANNER, f"/plans/{PLAN}/funding")

    plan_year_cell(finance, "probation").fill("4321.00")
    finance.get_by_role("button", name="Save Part 4").click()
    finance.wait_for_url(re.compile(r"\?saved=1$"))
    plan_year_cell(planner, "police").fill("777.00")
    planner.get_by_role("button", name="Save Part 4").click()

    assert "Frank Finance saved Part 4 while you were editing it" in banner(planner)
    assert plan_year_cell(planner, "probation").input_value() == "4,321.00"
    assert plan_year_cell(planner, "police").input_value() == "777.00"
    assert planner.get_by_text("Changed by Frank Finance since you opened the form").is_visible()
    planner.get_by_role("button", name="Save Part 4").click()
    planner.wait_for_url(re.compile(r"\?saved=1$"))
    assert plan_year_cell(planner, "probation").input_value() == "4,321.00"
    assert plan_year_cell(planner, "police").input_value() == "777.00"
    finance.context.close()
    planner.context.close()


def test_a_figure_both_changed_on_part_4_waits_for_the_planners_choice(chromium: Any, base_url: str) -> None:
    finance = signed_in(chromium, base_url, FINANCE, f"/plans/{PLAN}/funding")
    planner = signed_in(chromium, base_url, PLANNER, f"/plans/{PLAN}/funding")

    plan_year_cell(finance, "police").fill("555.00")
    plan_year_cell(finance, "probation").fill("1234.00")
    finance.get_by_role("button", name="Save Part 4").click()
    finance.wait_for_url(re.compile(r"\?saved=1$"))
    plan_year_cell(planner, "police").fill("888.00")
    planner.get_by_role("button", name="Save Part 4").click()
    assert axe_violations(planner) == []
    planner.get_by_role("button", name="Save Part 4").click()

    assert "Changed by you and by Frank Finance" in planner.locator("#conflicts").inner_text()
    summary = planner.locator(".govuk-error-summary")
    assert "Choose whether to keep yours or use theirs" in summary.inner_text()
    summary.get_by_role("link").first.click()
    planner.get_by_label("Use theirs: “555.00”").check()
    planner.get_by_role("button", name="Save Part 4").click()
    planner.wait_for_url(re.compile(r"\?saved=1$"))
    assert plan_year_cell(planner, "police").input_value() == "555.00"
    assert plan_year_cell(planner, "probation").input_value() == "1,234.00"
    finance.context.close()
    planner.context.close()


def test_two_planners_on_part_3_keep_each_others_changes_and_choose_where_both_wrote(
    chromium: Any, base_url: str
) -> None:
    first = signed_in(chromium, base_url, PLANNER, f"/plans/{PLAN}/planning-grids/1")
    second = signed_in(chromium, base_url, SECOND_PLANNER, f"/plans/{PLAN}/planning-grids/1")

    second.locator("#grid_1-objectives-1-measure").fill("Measured by the second planner.")
    second.locator("#grid_1-key_priorities").fill("The second planner's priorities.")
    second.get_by_role("button", name="Save grid 1").click()
    second.wait_for_url(re.compile(r"\?saved=1$"))
    first.locator("#grid_1-objectives-0-text").fill("The first planner's objective.")
    first.locator("#grid_1-key_priorities").fill("The first planner's priorities.")
    first.get_by_role("button", name="Save grid 1").click()

    assert "Sam Second saved Part 3 while you were editing it" in banner(first)
    assert first.locator("#grid_1-objectives-1-measure").input_value() == "Measured by the second planner."
    assert first.locator("#grid_1-objectives-0-text").input_value() == "The first planner's objective."
    assert "Changed by Sam Second" in first.locator("#grid_1-objectives-1-measure-changed").inner_text()
    assert axe_violations(first) == []
    first.get_by_label("Keep yours: “The first planner's priorities.”").check()
    first.get_by_role("button", name="Save grid 1").click()
    first.wait_for_url(re.compile(r"\?saved=1$"))

    second.reload()
    assert second.locator("#grid_1-key_priorities").input_value() == "The first planner's priorities."
    assert second.locator("#grid_1-objectives-0-text").input_value() == "The first planner's objective."
    assert second.locator("#grid_1-objectives-1-measure").input_value() == "Measured by the second planner."
    first.context.close()
    second.context.close()
