"""The scorecard page: a summary of the judgements, each metric by family, and links only where they lead somewhere."""

import re

import pytest
from sqlmodel import Session

from service.monitoring.catalogue import Family
from service.monitoring.periods import plan_year_on
from service.monitoring.scorecards import partnership_scorecard
from service.monitoring.targets import set_local_target
from service.planning.timetable import local_date
from service.tables.columns import utc_now
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.monitoring.stored_figures import imported
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.page_text import text_of

YEAR = plan_year_on(local_date(utc_now()))


@pytest.fixture
def birmingham(session: Session, demo: Demo) -> int:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    return plan.partnership_id


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
    assert f'href="/api/v1/partnerships/{birmingham}/scorecard.xlsx?year={YEAR}" download' in page.text


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


def test_a_planner_sets_a_target_and_sees_it_listed_then_removes_it(browser_for: BrowserFor, birmingham: int) -> None:
    planner = browser_for("planner_a")
    form = planner.get(f"/partnerships/{birmingham}/targets", params={"year": YEAR})
    token = csrf_token(form.text)

    saved = planner.post(
        f"/partnerships/{birmingham}/targets?year={YEAR}",
        data={"csrf_token": token, "code": "LK-7a", "baseline": "40", "annual": "1,45.5", "milestone-2": "42"},
    )
    fixed = planner.post(
        f"/partnerships/{birmingham}/targets?year={YEAR}",
        data={"csrf_token": token, "code": "LK-7a", "baseline": "40", "annual": "45.5", "milestone-2": "42"},
    )
    removed = planner.post(f"/partnerships/{birmingham}/targets/LK-7a/removal?year={YEAR}", data={"csrf_token": token})

    assert form.status_code == 200
    assert "Successful completions: opiate clients" in text_of(form.text)
    assert saved.status_code == 422
    assert "Target for the year: LK-7a is a proportion: a value between 0 and 100" in text_of(saved.text)
    assert fixed.status_code == 200  # after the redirect
    listed = text_of(fixed.text)
    assert "The target for Successful completions: opiate clients is saved." in listed
    assert "LK-7a: Successful completions: opiate clients 40.0% 45.5% Q2: 42.0%" in listed
    assert "opiate clients 40.0%" not in text_of(removed.text)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"code": "", "baseline": "1", "annual": "2"}, "Choose the metric the target is for"),
        ({"code": "P2-2", "baseline": "eighty", "annual": "84"}, "Baseline must be a number, like 42.5"),
        ({"code": "P2-2", "baseline": "80", "annual": ""}, "Target for the year must be a number, like 42.5"),
        ({"code": "P2-2", "baseline": "80", "annual": "84", "milestone-1": "x"}, "Quarter 1's milestone must be"),
    ],
)
def test_the_form_names_each_problem_beside_its_field(
    browser_for: BrowserFor, birmingham: int, fields: dict[str, str], message: str
) -> None:
    planner = browser_for("planner_a")
    token = csrf_token(planner.get(f"/partnerships/{birmingham}/targets").text)

    answer = planner.post(f"/partnerships/{birmingham}/targets", data=fields | {"csrf_token": token})

    assert answer.status_code == 422
    assert message in text_of(answer.text)
    assert "There is a problem" in answer.text


def test_finance_and_reviewers_may_not_set_targets(browser_for: BrowserFor, birmingham: int) -> None:
    assert browser_for("finance_a").get(f"/partnerships/{birmingham}/targets").status_code == 403
    assert browser_for("reviewer_x").get(f"/partnerships/{birmingham}/targets").status_code == 403
    assert browser_for("planner_b").get(f"/partnerships/{birmingham}/targets").status_code == 404


def _filled_plan_year(session: Session, demo: Demo) -> str:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert cycle is not None
    return cycle.plan_year


def test_the_plan_page_links_each_part_2_indicator_to_its_metric_with_its_latest_judgement(
    browser_for: BrowserFor, demo: Demo, birmingham: int, session: Session
) -> None:
    year = _filled_plan_year(session, demo)

    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}")

    link = f'href="/partnerships/{birmingham}/scorecard?year={year}#chart-p2-2-v1-heading"'
    assert link in page.text
    text = text_of(page.text)
    assert "Part 2 targets through the year" in text
    # The plan's year has no figures yet: the latest is the year before's, and it is no target of this plan's.
    assert re.search(
        r"P2-2: Retention[^(]*No target set for this plan year \(latest figure \d+\.\d%, \d{4}/\d{2} Q\d\)", text
    )


@pytest.mark.parametrize("year", ["1900/01", "2099/00"])
def test_the_page_for_the_first_or_last_year_there_can_be_says_it_is_empty(
    browser_for: BrowserFor, birmingham: int, year: str
) -> None:
    page = browser_for("planner_a").get(f"/partnerships/{birmingham}/scorecard", params={"year": year})

    assert page.status_code == 200
    assert f"There are no figures or targets for Birmingham Drug Action Team in {year}." in text_of(page.text)


def test_the_start_page_links_a_planner_to_the_partnership_s_scorecard(
    browser_for: BrowserFor, birmingham: int
) -> None:
    page = browser_for("planner_a").get("/")

    link = f'<a class="govuk-link" href="/partnerships/{birmingham}/scorecard">'
    assert f"{link}Your partnership's scorecard</a>" in page.text


def test_the_plan_page_judges_a_part_2_indicator_as_its_scorecard_does_as_soon_as_a_target_and_figure_are_stored(
    browser_for: BrowserFor, demo: Demo, birmingham: int, session: Session
) -> None:
    year = _filled_plan_year(session, demo)
    planner = browser_for("planner_a")
    before = text_of(planner.get(f"/plans/{demo.filled_plan_id}").text)

    set_local_target(birmingham, "P2-2", year, baseline=80, annual=90, by=None, session=session)
    imported(f"P2-2,1,birmingham-dat,{year} Q1,,70,100,", session=session)
    after = text_of(planner.get(f"/plans/{demo.filled_plan_id}").text)

    assert re.search(r"P2-2: Retention[^(]*No target set for this plan year", before)
    # The task list reads only each indicator's latest figure: its judgement is the full scorecard row's.
    card = partnership_scorecard(birmingham, year, session=session)
    part_2 = [row for row in card.rows if row.metric.family is Family.PLAN_PART_2]
    assert [row.metric.code for row in part_2 if row.assessment.rag is not None] == ["P2-2"]
    for row in part_2:
        assert f"{row.metric.name} {row.rag_text} (latest figure {row.value_text}, {row.latest.period})" in after
    assert f"before 12 weeks Red – off track (latest figure 70.0%, {year} Q1)" in after
