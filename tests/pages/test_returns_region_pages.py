"""The region's returns page and a plan's year of returns page, over HTTP: what reviewers and planners read."""

import re

from sqlmodel import Session

from service.tables.columns import id_of
from tests.pages.conftest import BrowserFor
from tests.returns.year_of_returns import year_of_returns


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_region_page_shows_each_quarters_status_and_figures_and_says_what_expected_means(
    browser_for: BrowserFor, session: Session
) -> None:
    view = year_of_returns(session)
    region, cycle = view.partnership.region_id, id_of(view.cycle)
    reviewer = browser_for("reviewer_x")

    dashboard = reviewer.get(f"/regions/{region}/dashboard?cycle_id={cycle}").text
    assert f'href="/regions/{region}/returns?cycle_id={cycle}"' in dashboard
    answer = reviewer.get(f"/regions/{region}/returns?cycle_id={cycle}")

    assert answer.status_code == 200
    page = _text(answer.text)
    assert "A return is expected once its due date has passed" in page
    assert "Year so far 4 3 of 4 (75%) 1 of 4 (25%)" in page
    first = "Submitted on time Review: waiting for review Red metrics: 0 Overdue actions: 1 Spend variances flagged: 1"
    assert f"{first} Submission 1" in page
    assert "Overdue" in page
    assert f'href="/plans/{id_of(view.plan)}/returns/year"' in answer.text
    assert f'href="/api/v1/regions/{region}/returns.xlsx?cycle_id={cycle}"' in answer.text
    assert "Coventry Drug and Alcohol Action Team: no plan started" in page


def test_the_region_page_is_for_its_reviewers_and_admins(browser_for: BrowserFor, session: Session) -> None:
    view = year_of_returns(session)
    path = f"/regions/{view.partnership.region_id}/returns"

    assert browser_for("admin").get(path).status_code == 200
    assert browser_for("reviewer_y").get(path).status_code == 404
    assert browser_for("planner_a").get(path).status_code == 403


def test_the_years_page_shows_the_quarters_side_by_side_and_what_each_is_read_from(
    browser_for: BrowserFor, session: Session
) -> None:
    view = year_of_returns(session)
    plan_id = id_of(view.plan)
    planner = browser_for("planner_a")

    assert f'href="/plans/{plan_id}/returns/year"' in planner.get(f"/plans/{plan_id}/returns").text
    answer = planner.get(f"/plans/{plan_id}/returns/year")

    assert answer.status_code == 200
    page = _text(answer.text)
    assert "Quarter 1 (April to June 2024) 31 July 2024 Submission 2, " in page
    assert "Quarter 4 (January to March 2025) 30 April 2025 No submission" in page
    assert "1.1.1 Recruit two keyworkers Service manager, due 30 September 2024 " in page
    assert "30 September 2024 On track At risk Complete Not reported" in page
    assert "OF-16 Deaths in treatment Red – off track 30.0% Green – on track 10.0% Not judged No figure " in page
    assert "Total £4,000.00 £1,000.00 £2,000.00 £1,000.00 No return – £4,000.00 £0.00" in page
    assert "Q2 £2,000.00 £3,000.00 £1,000.00 (50.0%) 1" in page
    assert f'href="/api/v1/plans/{plan_id}/returns/year.xlsx"' in answer.text


def test_a_plan_that_does_not_report_has_no_years_page(browser_for: BrowserFor, session: Session) -> None:
    planner = browser_for("planner_a")
    plan_id = re.search(r'href="/plans/(\d+)"', planner.get("/").text)

    assert plan_id is not None
    answer = planner.get(f"/plans/{plan_id.group(1)}/returns/year")
    assert answer.status_code == 409
    assert "signed off" in answer.text
