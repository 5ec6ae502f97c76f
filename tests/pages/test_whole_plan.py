"""The whole plan on one page: all four parts of the draft, or exactly the parts a submission carried."""

from markupsafe import escape
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import PART_TITLES, PartName
from service.pages.rendering import money
from service.planning import parts, submitted
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor


def _model(session: Session, plan_id: int, part: PartName) -> object:
    return parts.read_part(plan_id, part, session=session).model


def test_the_draft_shows_all_four_parts_with_part_3s_objectives_and_part_4s_total(
    browser_for: BrowserFor, session: Session, demo: Demo
) -> None:
    grids = _model(session, demo.filled_plan_id, PartName.PLANNING_GRIDS)
    funding = _model(session, demo.filled_plan_id, PartName.FUNDING)
    assert isinstance(grids, PlanningGrids)
    assert isinstance(funding, Funding)

    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/whole")

    assert page.status_code == 200
    for part in PartName:
        assert PART_TITLES[part] in page.text
    assert "Draft: the parts as they stand today, not a submission." in page.text
    first = grids.grids[0].objectives[0]
    assert escape(first.text) in page.text
    assert escape(first.actions[0].postholder) in page.text
    assert f'id="funding-n15">{money(funding.table_2_totals.total)}<' in page.text


def test_the_plan_page_links_the_whole_plan(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}")

    assert f'href="/plans/{demo.filled_plan_id}/whole"' in page.text


def test_a_submission_shows_the_parts_it_carried_as_submitted_and_nothing_it_did_not(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    made = submitted.latest(submitted_plan, session=session)
    assert made is not None
    reviewer = browser_for("reviewer_x")
    history = reviewer.get(f"/plans/{submitted_plan}/review").text
    url = f"/plans/{submitted_plan}/submissions/{made.id}/whole"
    assert f'href="{url}"' in history

    page = reviewer.get(url)

    assert page.status_code == 200
    assert "Submission 1, the initial submission" in page.text
    assert PART_TITLES[PartName.STRATEGIC_SUMMARY] in page.text
    assert PART_TITLES[PartName.FUNDING] in page.text
    assert PART_TITLES[PartName.PLANNING_GRIDS] not in page.text  # the initial submission carries Parts 1 and 4


def test_someone_who_cannot_see_the_plan_or_an_unknown_submission_is_not_found(
    browser_for: BrowserFor, submitted_plan: int, demo: Demo
) -> None:
    assert browser_for("planner_b").get(f"/plans/{demo.filled_plan_id}/whole").status_code == 404
    assert browser_for("reviewer_y").get(f"/plans/{demo.filled_plan_id}/whole").status_code == 404
    assert browser_for("planner_a").get(f"/plans/{submitted_plan}/submissions/999999/whole").status_code == 404
