"""The scorecard page: a summary of the judgements, each metric by family, and links only where they lead somewhere."""

import html
import re

import pytest
from sqlmodel import Session

from service.monitoring.periods import plan_year_on
from service.planning.timetable import local_date
from service.tables.columns import utc_now
from service.tables.plans import Plan
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor

YEAR = plan_year_on(local_date(utc_now()))


@pytest.fixture
def birmingham(session: Session, demo: Demo) -> int:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    return plan.partnership_id


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_planner_sees_the_summary_the_families_and_each_metric_with_its_chart_and_table(
    browser_for: BrowserFor, birmingham: int
) -> None:
    page = browser_for("planner_a").get(f"/partnerships/{birmingham}/scorecard")

    assert page.status_code == 200
    text = text_of(page.text)
    assert f"Scorecard, {YEAR}" in text
    assert "Red 1 metric Amber 1 metric Green 1 metric Not rated 2 metrics" in text
    assert "The plan's Part 2 indicators" in text
    assert "Local and contract KPIs" in text
    assert page.text.count("<svg") == 5
    assert page.text.count('<table class="govuk-table govuk-table--small-text-until-tablet"') == 5
    assert f'href="/partnerships/{birmingham}/targets?year={YEAR}"' in page.text


def test_a_reviewer_of_the_region_sees_it_without_the_targets_link_and_others_are_told_it_is_not_there(
    browser_for: BrowserFor, birmingham: int
) -> None:
    reviewer = browser_for("reviewer_x").get(f"/partnerships/{birmingham}/scorecard")
    elsewhere = browser_for("reviewer_y").get(f"/partnerships/{birmingham}/scorecard")

    assert reviewer.status_code == 200
    assert "/targets?" not in reviewer.text
    assert elsewhere.status_code == 404


def test_a_year_with_nothing_says_so_and_a_year_that_is_no_year_is_refused(
    browser_for: BrowserFor, birmingham: int
) -> None:
    planner = browser_for("planner_a")

    empty = planner.get(f"/partnerships/{birmingham}/scorecard", params={"year": "2040/41"})
    wrong = planner.get(f"/partnerships/{birmingham}/scorecard", params={"year": "next year"})

    assert "There are no figures or targets for Birmingham Drug Action Team in 2040/41." in text_of(empty.text)
    assert wrong.status_code == 422
    assert 'The year "next year" is not a plan year: write it like 2027/28.' in text_of(wrong.text)
