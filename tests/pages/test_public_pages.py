"""Published plans for everyone: Parts 1, 2 and 4 as signed off; never Part 3, never a plan not published."""

from fastapi.testclient import TestClient
from markupsafe import escape
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import PART_TITLES, PartName
from service.pages.rendering import money
from service.planning import parts
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.published import publish_plan


def _part(session: Session, plan_id: int, part: PartName) -> object:
    return parts.read_part(plan_id, part, session=session).model


def test_a_plan_not_published_is_not_found_by_anyone(visitor: TestClient, browser_for: BrowserFor, demo: Demo) -> None:
    assert visitor.get(f"/published/{demo.filled_plan_id}").status_code == 404
    assert browser_for("planner_a").get(f"/published/{demo.filled_plan_id}").status_code == 404
    assert browser_for("admin").get(f"/published/{demo.filled_plan_id}").status_code == 404
    assert "No plans have been published yet." in visitor.get("/published").text


def test_the_public_list_links_each_published_plan_without_a_sign_in(
    visitor: TestClient, client_for: ClientFor, demo: Demo
) -> None:
    publish_plan(client_for, demo.filled_plan_id)

    page = visitor.get("/published")

    assert page.status_code == 200
    assert f'href="/published/{demo.filled_plan_id}"' in page.text
    assert "Birmingham" in page.text
    assert f'href="/published/{demo.empty_plan_id}"' not in page.text


def test_a_published_plan_shows_parts_1_2_and_4_with_the_worked_out_totals(
    visitor: TestClient, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    publish_plan(client_for, demo.filled_plan_id)
    summary = _part(session, demo.filled_plan_id, PartName.STRATEGIC_SUMMARY)
    funding = _part(session, demo.filled_plan_id, PartName.FUNDING)
    assert isinstance(summary, StrategicSummary)
    assert isinstance(funding, Funding)

    page = visitor.get(f"/published/{demo.filled_plan_id}").text

    for part in (PartName.STRATEGIC_SUMMARY, PartName.TARGETS, PartName.FUNDING):
        assert PART_TITLES[part] in page
    assert escape(summary.key_priorities[0].title) in page
    assert escape(summary.direction_and_purpose.splitlines()[0]) in page
    assert f'id="funding-n15">{money(funding.table_2_totals.total)}<' in page
    assert money(funding.table_1[-1].total) in page  # 1.14, worked out
    assert "1.14" in page


def test_part_3_never_appears_on_a_published_plan(
    visitor: TestClient, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    publish_plan(client_for, demo.filled_plan_id)
    grids = _part(session, demo.filled_plan_id, PartName.PLANNING_GRIDS)
    assert isinstance(grids, PlanningGrids)
    objective = grids.grids[0].objectives[0]

    page = visitor.get(f"/published/{demo.filled_plan_id}").text

    assert PART_TITLES[PartName.PLANNING_GRIDS] not in page
    assert objective.text
    assert escape(objective.text) not in page
    assert escape(objective.actions[0].text) not in page


def test_everyone_is_offered_the_published_plans_and_only_admins_the_administration(
    visitor: TestClient, browser_for: BrowserFor
) -> None:
    anonymous, planner, admin = (
        visitor.get("/").text,
        browser_for("planner_a").get("/").text,
        browser_for("admin").get("/").text,
    )

    assert all('href="/published"' in page for page in (anonymous, planner, admin))
    assert 'href="/admin"' in admin
    assert 'href="/admin"' not in planner
    assert 'href="/admin"' not in anonymous
