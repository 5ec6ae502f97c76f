"""Check your answers shows what the submission carries, each answer linked back to its field."""

import re

from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.funding_totals import grand_total, table_1_total, year_column
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import PartName
from plan_schema.wording import pounds
from service.planning import parts
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor


def _stored(session: Session, plan_id: int, part: PartName) -> object:
    return parts.read_part(plan_id, part, session=session).model


def test_the_initial_submission_shows_part_1_and_part_4_answers_with_change_links(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan_id = demo.filled_plan_id
    page = browser_for("planner_a").get(f"/plans/{plan_id}/submit/initial").text
    summary = _stored(session, plan_id, PartName.STRATEGIC_SUMMARY)
    funding = _stored(session, plan_id, PartName.FUNDING)
    plan = session.get(Plan, plan_id)
    assert isinstance(summary, StrategicSummary)
    assert isinstance(funding, Funding)
    assert plan is not None
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert cycle is not None

    # Part 1: each element with its word count, linked to its field; the key priorities by title.
    words = len(summary.likely_demand.split())
    assert "Likely demand, including differential impact on diverse groups" in page
    assert f"{words:,} words" in page
    assert f'href="/plans/{plan_id}/strategic-summary#likely_demand">Change' in page
    first = summary.key_priorities[0]
    assert f"Key priority {first.number}" in page
    assert first.title in page
    assert f'href="/plans/{plan_id}/strategic-summary#key_priorities-0-title"' in page
    # Part 4: Table 1 for the plan year with the worked-out 1.3 and 1.14, and Table 2's N15.
    column = year_column(funding, cycle.plan_year)
    assert column is not None
    year = cycle.plan_year.replace("/", "-")
    assert f"1.14 Total funding for adult drug treatment and DIP delivery (1.3 to 1.13), {cycle.plan_year}" in page
    assert pounds(table_1_total(column)) in page
    assert f'href="/plans/{plan_id}/funding#table_1-{year}-police">Change' in page
    assert f'href="/plans/{plan_id}/funding#table_1-{year}-total"' not in page  # worked out, not changed
    assert "N15 Total expenditure (Table 2)" in page
    assert pounds(grand_total(funding.table_2)) in page
    # Parts 2 and 3 are not in the initial submission.
    assert "/planning-grids/" not in page
    assert "/targets#" not in page


def test_the_final_submission_shows_part_2_figures_and_part_3_objectives_and_actions(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan_id = demo.filled_plan_id
    page = browser_for("planner_a").get(f"/plans/{plan_id}/submit/final").text

    assert "Indicator 1.1: actual baseline" in page
    assert f'href="/plans/{plan_id}/targets#crack_opiate_users_in_effective_treatment-baseline_actual"' in page
    assert re.search(r"Indicator 1.1: planned change, plan year</dt>\s*<dd[^>]*>\s*<p[^>]*>-?[\d.]+%</p>", page)
    assert "Objective 1.1" in page
    assert "Action 1: " in page
    assert f'href="/plans/{plan_id}/planning-grids/1#grid_1-objectives-0-text"' in page


def test_an_empty_plan_says_what_is_not_entered(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}/submit/initial").text

    assert "Not entered" in page
    assert f'href="/plans/{demo.empty_plan_id}/strategic-summary#direction_and_purpose">Change' in page
