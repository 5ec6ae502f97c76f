"""The region dashboard: every partnership of a region, filtered and sorted, for its reviewers."""

import re

import pytest
from sqlmodel import Session

from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import BIRMINGHAM, region_of


@pytest.mark.parametrize(("actor", "links"), [("reviewer_x", 1), ("admin", 9), ("planner_a", 0)])
def test_the_start_page_links_reviewers_to_their_region_and_admins_to_every_region(
    browser_for: BrowserFor, demo: Demo, session: Session, actor: str, links: int
) -> None:
    page = browser_for(actor).get("/").text

    assert len(re.findall(r'href="/regions/\d+/dashboard"', page)) == links
    if actor == "reviewer_x":
        assert f'href="/regions/{region_of(session, demo.filled_plan_id)}/dashboard"' in page


def test_the_dashboard_shows_each_partnership_with_status_lateness_and_findings(
    browser_for: BrowserFor, late_plan: int, session: Session
) -> None:
    submitted_plan = late_plan
    region = region_of(session, submitted_plan)

    page = browser_for("reviewer_x").get(f"/regions/{region}/dashboard").text

    assert '<h1 class="govuk-heading-l">West Midlands</h1>' in page
    assert f'<a class="govuk-link" href="/plans/{submitted_plan}">{BIRMINGHAM}</a>' in page
    assert "Coventry Drug and Alcohol Action Team" in page
    assert "Not started" in page
    assert "Initial submission made, awaiting panel assessment" in page
    assert re.search(r"Submission 1 \(initial\), \d+ \w+ \d{4}", page)
    assert "3 days late" in page  # the initial date was moved to three days ago


def test_the_dashboard_filters_by_status_and_sorts_by_a_column(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    region = region_of(session, submitted_plan)
    browser = browser_for("reviewer_x")

    submitted = browser.get(f"/regions/{region}/dashboard?status=initial-submitted").text
    not_started = browser.get(f"/regions/{region}/dashboard?status=not-started").text
    by_lateness = browser.get(f"/regions/{region}/dashboard?sort=days-late").text

    assert BIRMINGHAM in submitted
    assert "Coventry" not in submitted
    assert '<option value="initial-submitted" selected>' in submitted
    assert BIRMINGHAM not in not_started
    assert "Coventry" in not_started
    assert 'aria-sort="descending">Days late' in by_lateness
    assert by_lateness.index(BIRMINGHAM) < by_lateness.index("Coventry")  # the late one first
    by_name = browser.get(f"/regions/{region}/dashboard?sort=nonsense").text
    assert 'aria-sort="ascending">Partnership' in by_name


@pytest.mark.parametrize(("actor", "status"), [("reviewer_y", 404), ("planner_a", 403), ("finance_a", 403)])
def test_only_the_regions_reviewers_and_admins_see_its_dashboard(
    browser_for: BrowserFor, demo: Demo, session: Session, actor: str, status: int
) -> None:
    answer = browser_for(actor).get(f"/regions/{region_of(session, demo.filled_plan_id)}/dashboard")

    assert answer.status_code == status
    assert BIRMINGHAM not in answer.text
