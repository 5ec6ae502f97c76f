"""The public's scorecard of a published plan's partnership: the same rows, with counts of 1 to 5 hidden."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.tables.plans import Plan, PlanCycle
from tests.conftest import ClientFor, Demo
from tests.monitoring.stored_figures import imported
from tests.pages.page_text import text_of
from tests.pages.published import publish_plan


def _small_figure_in_the_plans_year(session: Session, demo: Demo) -> str:
    """3 of 9 first treatments within 3 weeks for Birmingham's council in the plan's first quarter."""
    plan = session.get(Plan, demo.filled_plan_id)
    cycle = session.get(PlanCycle, plan.cycle_id) if plan else None
    assert cycle is not None
    imported(f"LK-3b,1,LA-BIRMINGHAM,{cycle.plan_year} Q1,,3,9,", session=session)
    return cycle.plan_year


def test_a_published_plans_scorecard_hides_small_numbers_from_the_public_not_from_members(
    client_for: ClientFor, anonymous: TestClient, demo: Demo, session: Session
) -> None:
    year = _small_figure_in_the_plans_year(session, demo)
    publish_plan(client_for, demo.filled_plan_id)

    public_api = anonymous.get(f"/api/v1/public/plans/{demo.filled_plan_id}/scorecard")
    public_page = anonymous.get(f"/published/{demo.filled_plan_id}/scorecard")
    plan_page = anonymous.get(f"/published/{demo.filled_plan_id}")

    assert public_api.status_code == 200
    card = public_api.json()
    assert (card["public"], card["plan_year"]) == (True, year)
    waits = next(row for row in card["metrics"] if row["code"] == "LK-3b")
    # The count of 3 and everything computed from it are hidden; which parts may show is disclosure's to say.
    latest = waits["latest"]
    assert (latest["period"], latest["numerator"], latest["value"], latest["lower"]) == (f"{year} Q1", None, None, None)
    assert latest["suppressed"] is True
    assert waits["value_text"] == "Not shown (small numbers)"
    assert public_page.status_code == 200
    assert "Counts of 1 to 5 people, and anything that would reveal them, are not shown." in text_of(public_page.text)
    assert "Not shown (small numbers)" in text_of(public_page.text)
    assert f'href="/published/{demo.filled_plan_id}/scorecard"' in plan_page.text
    partnership = card["partnership_id"]
    member = client_for("planner_a").get(f"/api/v1/partnerships/{partnership}/scorecard", params={"year": year})
    mine = next(row for row in member.json()["metrics"] if row["code"] == "LK-3b")
    assert mine["latest"]["numerator"] == 3


def test_an_unpublished_plans_scorecard_is_not_there_for_the_public(anonymous: TestClient, demo: Demo) -> None:
    assert anonymous.get(f"/api/v1/public/plans/{demo.filled_plan_id}/scorecard").status_code == 404
    assert anonymous.get(f"/published/{demo.filled_plan_id}/scorecard").status_code == 404
