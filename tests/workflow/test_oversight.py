"""Dashboards, the audit trail and starting a plan from last year's."""

import csv
import io

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.planning.cycles import create_cycle
from service.tables.columns import id_of
from tests.conftest import ClientFor, Demo


def test_the_region_dashboard_lists_every_partnership_with_status_and_counts(client_for: ClientFor, demo: Demo) -> None:
    reviewer = client_for("reviewer_x")
    region = reviewer.get("/api/v1/me").json()["region_id"]

    dashboard = reviewer.get(f"/api/v1/regions/{region}/dashboard").json()

    rows = {row["partnership"]: row for row in dashboard["partnerships"]}
    birmingham = rows["Birmingham Drug Action Team"]
    current = reviewer.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()
    assert dashboard["plan_year"] == current["plan_year"]
    assert (birmingham["plan_id"], birmingham["status"], birmingham["errors"]) == (demo.filled_plan_id, "drafting", 0)
    assert birmingham["next_deadline"].startswith("initial submission (Parts 1 and 4)")
    assert all(row["status"] == "not-started" for name, row in rows.items() if name != "Birmingham Drug Action Team")
    assert len(rows) > 1


def test_the_region_dashboard_filters_and_sorts(client_for: ClientFor, demo: Demo) -> None:
    reviewer = client_for("reviewer_x")
    region = reviewer.get("/api/v1/me").json()["region_id"]

    drafting = reviewer.get(f"/api/v1/regions/{region}/dashboard", params={"status": "drafting"}).json()
    by_errors = reviewer.get(f"/api/v1/regions/{region}/dashboard", params={"sort": "status"}).json()

    assert [row["plan_id"] for row in drafting["partnerships"]] == [demo.filled_plan_id]
    assert by_errors["partnerships"][0]["status"] == "drafting"


def test_the_national_dashboard_rolls_up_every_region(client_for: ClientFor, demo: Demo) -> None:
    national = client_for("admin").get("/api/v1/dashboard").json()

    assert len(national["regions"]) == 9
    assert sum(region["plans"] for region in national["regions"]) == 2
    west_midlands = next(region for region in national["regions"] if region["region"] == "West Midlands")
    assert west_midlands["by_status"]["drafting"] == 1


def test_every_part_write_is_in_the_plans_audit_trail_with_hashes(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    read = planner.get(url)
    document = {**read.json()["document"], "likely_demand": "Revised demand."}
    planner.put(url, json=document, headers={"If-Match": read.headers["ETag"]})

    trail = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/audit").json()["items"]

    write = trail[0]
    assert write["action"] == "part-updated"
    assert write["user_id"] == planner.get("/api/v1/me").json()["id"]
    assert write["detail"]["part"] == "strategic-summary"
    assert write["detail"]["before_sha256"] != write["detail"]["after_sha256"]


def test_the_audit_trail_downloads_as_csv_safe_for_spreadsheets(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")
    planner.post(
        f"/api/v1/plans/{demo.filled_plan_id}/comments", json={"body": '=HYPERLINK("http://x")', "part": "funding"}
    )

    response = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/audit", params={"format": "csv"})

    rows = list(csv.reader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert rows[0] == ["at", "action", "user_id", "email", "address", "object_type", "object_id", "detail"]
    assert rows[1][1] == "comment-added"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_new_cycles_plan_starts_from_last_years(client_for: ClientFor, session: Session, demo: Demo) -> None:
    next_cycle = create_cycle("2009/10", session=session)
    planner = client_for("planner_a")
    partnership = planner.get(f"/api/v1/plans/{demo.filled_plan_id}").json()["partnership"]["id"]

    response = planner.post(
        "/api/v1/plans", json={"partnership_id": partnership, "cycle_id": id_of(next_cycle), "copy_previous": True}
    )

    assert response.status_code == 201, response.text
    new_plan = response.json()["id"]
    grids = planner.get(f"/api/v1/plans/{new_plan}/parts/planning-grids").json()["document"]["grids"]
    funding = planner.get(f"/api/v1/plans/{new_plan}/parts/funding").json()["document"]
    # The latest plan before 2009/10 is the demo's 2008/09 plan, not this year's.
    old_funding = planner.get(f"/api/v1/plans/{demo.last_year_plan_id}/parts/funding").json()["document"]
    objectives = [objective for grid in grids for objective in grid["objectives"]]
    assert objectives
    assert all(objective["target_date"] is None for objective in objectives)
    assert all(action["due"] is None for objective in objectives for action in objective["actions"])
    assert [column["year"] for column in funding["table_1"]] == ["2008/09", "2009/10"]
    assert funding["table_1"][0]["total"] == old_funding["table_1"][1]["total"]


def test_copying_a_plan_that_does_not_exist_names_the_field(client: TestClient, session: Session, demo: Demo) -> None:
    next_cycle = create_cycle("2010/11", session=session)
    # Manchester's only plan is the current year's, after 2010/11: it has nothing earlier to start from.
    manchester = client.get(f"/api/v1/plans/{demo.empty_plan_id}").json()["partnership"]

    response = client.post(
        "/api/v1/plans",
        json={"partnership_id": manchester["id"], "cycle_id": id_of(next_cycle), "copy_previous": True},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/copy_previous"
    assert f"There is no earlier plan of {manchester['name']}'s to start from" in response.json()["detail"]
