"""A planner finds the signed-off plan's quarterly returns from its page, in Chromium, checked by axe-core."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from service.access.accounts import find_user
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP
from service.planning import plans
from service.planning.cycles import create_cycle
from service.planning.workflow import PlanStatus
from service.platform.db import create_db_engine
from service.returns.submissions import submit_return
from service.tables.columns import id_of
from service.tables.plans import Partnership
from tests.pages.browser import DEMO_PLAN_YEAR, api_client, sign_in
from tests.pages.conftest import Axe
from tests.pages.test_browser_admin import PLAN, publish_the_filled_plan

pytestmark = pytest.mark.browser
PAST_YEAR = "2024/25"
# The 2024/25 plan the module's service is given (its id is known only once made).
PAST_PLAN: dict[str, int] = {}


@pytest.fixture(scope="module")
def base_url(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The module's own service, its filled plan signed off and published (so it reports) and Q1 begun;
    and a signed-off 2024/25 plan (every quarter ended) whose first return is submitted."""
    publish_the_filled_plan(base_url)
    # The module's database, under its own folder of pytest's temporary one (a "current" link points at it too).
    (database,) = {path.resolve() for path in tmp_path_factory.getbasetemp().glob("test_browser_returns*/*.sqlite3")}
    engine = create_db_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        cycle = create_cycle(PAST_YEAR, session=session)
        partnership = session.exec(select(Partnership).where(Partnership.code == FILLED_PLAN_PARTNERSHIP.code)).one()
        view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=id_of(cycle))
        view.plan.status = PlanStatus.SIGNED_OFF.value
        session.add(view.plan)
        submitter = find_user("planner@demo.example", session=session)
        assert submitter is not None
        submit_return(id_of(view.plan), 1, submitted_by=id_of(submitter), session=session)
        PAST_PLAN["id"] = id_of(view.plan)
        session.commit()
    engine.dispose()
    planner = api_client(base_url, "planner@demo.example")
    body = {"actions": [{"grid": 1, "objective": 1, "action": 1, "status": "on-track", "note": "Recruiting"}]}
    answer = planner.put(f"/api/v1/plans/{PLAN}/returns/1/actions", json=body, headers={"If-Match": '"actions-0"'})
    assert answer.status_code == 200, answer.text
    planner.close()
    return base_url


def _open_returns(page: Any) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}")
    page.get_by_role("link", name="Each quarter's return", exact=False).click()
    expect(page.get_by_role("heading", name="Quarterly returns")).to_be_visible()


def test_the_returns_page_lists_the_four_quarters_with_due_dates_and_states_with_no_axe_violations(
    page: Any, axe: Axe
) -> None:
    _open_returns(page)

    rows = page.locator("#quarters tbody tr")
    assert rows.count() == 4
    assert "April to June" in rows.nth(0).inner_text()
    assert "31 July" in rows.nth(0).inner_text()
    assert "In progress" in rows.nth(0).inner_text()
    assert "Not started" in rows.nth(1).inner_text()
    assert axe(page) == []


def test_a_screenshot_of_the_returns_page(page: Any, tmp_path: Path) -> None:
    # Under pytest's --basetemp, not docs/screenshots: looked at while building the page, not published.
    folder = tmp_path
    page.set_viewport_size({"width": 1280, "height": 900})
    _open_returns(page)

    page.screenshot(path=str(folder / "returns.png"), full_page=True)

    assert (folder / "returns.png").stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_an_admin_moves_a_returns_due_date_and_one_before_its_quarter_ends_is_named_with_no_axe_violations(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    sign_in(page, "admin@demo.example")
    page.goto("/admin/cycles")
    page.get_by_role("link", name=f"Change the {DEMO_PLAN_YEAR} timetable and settings").click()
    q1 = page.get_by_role("group", name="Quarter 1 return (April to June) due")
    start = int(DEMO_PLAN_YEAR[:4])

    q1.get_by_label("Day").fill("30")
    q1.get_by_label("Month").fill("5")
    page.get_by_role("button", name="Save the timetable and settings").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"must be due after the quarter ends (30 June {start})")
    assert q1.get_by_label("Day").input_value() == "30"  # what was typed is kept
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "cycle-returns-error.png"), full_page=True)

    q1.get_by_label("Day").fill("7")
    q1.get_by_label("Month").fill("8")
    page.get_by_role("button", name="Save the timetable and settings").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    page.goto(f"/plans/{PLAN}/returns")
    expect(page.locator("#quarters tbody tr").first).to_contain_text(f"7 August {start}")


def test_a_planner_reports_progress_and_a_mistake_is_named_with_no_axe_violations(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    _open_returns(page)
    page.get_by_role("link", name="Progress on actions in quarter 2").click()
    expect(page.get_by_role("heading", name="Progress on actions")).to_be_visible()
    assert axe(page) == []

    page.get_by_label("Status").first.select_option("complete")
    page.get_by_role("group", name="Date completed").first.get_by_label("Day").fill("31")
    page.get_by_role("group", name="Date completed").first.get_by_label("Month").fill("13")
    page.get_by_role("group", name="Date completed").first.get_by_label("Year").fill("2027")
    page.get_by_label("Note").first.fill("Two keyworkers started")
    page.get_by_role("button", name="Save progress").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("enter a real date")
    assert page.get_by_label("Note").first.input_value() == "Two keyworkers started"
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "actions-error.png"))  # the top: the whole form is long

    page.get_by_role("group", name="Date completed").first.get_by_label("Month").fill("5")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Your progress is saved.")).to_be_visible()
    assert page.get_by_label("Status").first.input_value() == "complete"


def test_a_planner_comments_on_the_scorecard_s_metrics_with_no_axe_violations(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    _open_returns(page)
    page.get_by_role("link", name="Exceptions in quarter 1").click()
    expect(page.get_by_role("heading", name="Exceptions and commentary")).to_be_visible()
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "exceptions.png"))

    page.get_by_label("Commentary (optional)").first.fill("Figures for the quarter are not in yet")
    page.get_by_role("button", name="Save exceptions and commentary").click()

    expect(page.get_by_text("Your exceptions and commentary are saved.")).to_be_visible()
    assert page.get_by_label("Commentary (optional)").first.input_value() == "Figures for the quarter are not in yet"
    assert axe(page) == []


def test_a_return_not_yet_due_to_be_submitted_says_why_with_no_axe_violations(page: Any, axe: Axe) -> None:
    _open_returns(page)
    page.get_by_role("link", name="Check and submit quarter 1").click()
    expect(page.get_by_role("heading", name="Check your return before submitting it")).to_be_visible()

    expect(page.locator(".govuk-error-summary")).to_contain_text("submit its return after that day")
    assert page.get_by_role("button", name="Submit the return").count() == 0
    assert axe(page) == []


def test_a_submitted_return_is_confirmed_from_the_returns_page_with_no_axe_violations(
    page: Any, axe: Axe, tmp_path: Path
) -> None:
    sign_in(page)
    page.goto(f"/plans/{PAST_PLAN['id']}")
    page.get_by_role("link", name="Each quarter's return", exact=False).click()
    page.get_by_role("link", name="Submission 1").click()

    expect(page.get_by_role("heading", name="Quarter 1 (April to June 2024) return: submission 1")).to_be_visible()
    expect(page.locator("#timeliness")).to_contain_text("days late (due 31 July 2024)")
    expect(
        page.get_by_role("link", name=re.compile(r"^The return as submitted \(Word document, \d+ KB\)$"))
    ).to_be_visible()
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "submitted.png"), full_page=True)
