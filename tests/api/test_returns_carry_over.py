"""Next year's plan started from a plan with returns: unfinished actions carried over and marked, the planner told."""

from sqlmodel import Session

from service.planning.cycles import create_cycle
from service.tables.columns import id_of
from tests.conftest import ClientFor
from tests.returns.year_of_returns import year_of_returns


def test_next_years_plan_carries_the_unfinished_actions_and_the_plan_page_says_so(
    client_for: ClientFor, session: Session
) -> None:
    last_year = year_of_returns(session)  # 1.1.1 complete in Q3; 1.1.2 off track; 2.1.1 at risk
    next_cycle = create_cycle("2025/26", session=session)
    planner = client_for("planner_a")

    made = planner.post(
        "/api/v1/plans",
        json={"partnership_id": id_of(last_year.partnership), "cycle_id": id_of(next_cycle), "copy_previous": True},
    )

    assert made.status_code == 201, made.text
    plan_id = made.json()["id"]
    part_3 = planner.get(f"/api/v1/plans/{plan_id}/parts/planning-grids")
    grids = part_3.json()["document"]["grids"]
    objectives = [objective for grid in grids for objective in grid["objectives"]]
    assert [[action["text"] for action in objective["actions"]] for objective in objectives] == [
        ["Carried over from 2024/25: Open an evening clinic"],
        ["Carried over from 2024/25: Review care plans"],
    ]
    # Valid against the rules as any carried-over plan is: Part 3's errors are only the dates it must be given again.
    part_3_findings = planner.get(f"/api/v1/plans/{plan_id}/validation").json()["parts"]["planning-grids"]["findings"]
    errors = {(f["rule_id"], f["path"].rsplit("/", 1)[-1]) for f in part_3_findings if f["severity"] == "error"}
    assert errors == {("G-030", "due")}
    page = planner.get(f"/plans/{plan_id}").text
    assert "Actions carried over" in page
    assert "2 actions of Part 3 were not reported complete" in page
    assert "(actions 1.1.1, 2.1.1)" in page
    assert "Actions carried over" in planner.get(f"/plans/{plan_id}/planning-grids").text

    grids[0]["objectives"][0]["actions"][0]["text"] = "Open an evening clinic by June"
    grids[1]["objectives"][0]["actions"][0]["text"] = "Review care plans twice a year"
    saved = planner.put(
        f"/api/v1/plans/{plan_id}/parts/planning-grids",
        json={"grids": grids},
        headers={"If-Match": part_3.headers["ETag"]},
    )
    assert saved.status_code == 200, saved.text
    assert "Actions carried over" not in planner.get(f"/plans/{plan_id}").text


def test_a_plan_started_from_one_without_returns_gets_no_notice(client_for: ClientFor, session: Session) -> None:
    next_cycle = create_cycle("2009/10", session=session)
    planner = client_for("planner_a")
    partnership = planner.get("/api/v1/plans").json()["items"][0]["partnership"]["id"]

    made = planner.post(
        "/api/v1/plans", json={"partnership_id": partnership, "cycle_id": id_of(next_cycle), "copy_previous": True}
    )

    assert made.status_code == 201, made.text
    assert "Actions carried over" not in planner.get(f"/plans/{made.json()['id']}").text
