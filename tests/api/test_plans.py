"""Plans: started once per partnership and cycle, listed with filters, read by id."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.tables.columns import id_of
from service.tables.plans import Partnership, Plan, PlanCycle
from tests.conftest import Demo


def _partnership_without_plan(session: Session) -> Partnership:
    planned = {plan.partnership_id for plan in session.exec(select(Plan)).all()}
    return next(p for p in session.exec(select(Partnership)).all() if p.id not in planned)


def test_starting_a_plan_answers_201_with_its_location_and_parts(
    client: TestClient, session: Session, demo: Demo
) -> None:
    partnership = _partnership_without_plan(session)
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None

    response = client.post("/api/v1/plans", json={"partnership_id": id_of(partnership), "cycle_id": id_of(cycle)})

    assert response.status_code == 201, response.text
    plan = response.json()
    assert response.headers["Location"] == f"/api/v1/plans/{plan['id']}"
    assert plan["partnership"]["name"] == partnership.name
    assert plan["cycle"]["plan_year"] == cycle.plan_year
    assert (plan["status"], plan["status_label"]) == ("drafting", "drafting")
    assert [part["part"] for part in plan["parts"]] == ["strategic-summary", "targets", "planning-grids", "funding"]
    assert client.get(plan["parts"][3]["href"]).status_code == 200


def test_a_second_plan_for_the_same_partnership_and_cycle_is_a_conflict(client: TestClient, demo: Demo) -> None:
    existing = client.get(f"/api/v1/plans/{demo.filled_plan_id}").json()

    response = client.post(
        "/api/v1/plans",
        json={"partnership_id": existing["partnership"]["id"], "cycle_id": existing["cycle"]["id"]},
    )

    assert response.status_code == 409
    assert response.json()["existing_plan_id"] == demo.filled_plan_id
    assert f"already has a plan for {existing['cycle']['plan_year']}" in response.json()["detail"]


def test_a_plan_for_an_unknown_partnership_names_the_field(client: TestClient, demo: Demo) -> None:
    response = client.post("/api/v1/plans", json={"partnership_id": 987654, "cycle_id": 1})

    assert response.status_code == 422
    assert response.json()["errors"] == [{"pointer": "/partnership_id", "detail": "there is no partnership 987654"}]


def test_server_owned_fields_cannot_be_set_when_starting_a_plan(client: TestClient, demo: Demo) -> None:
    response = client.post("/api/v1/plans", json={"partnership_id": 1, "cycle_id": 1, "id": 5, "status": "published"})

    assert response.status_code == 422
    assert {error["pointer"] for error in response.json()["errors"]} == {"/id", "/status"}


def test_plans_are_listed_with_totals_and_filters(client: TestClient, demo: Demo) -> None:
    everything = client.get("/api/v1/plans").json()
    filled = client.get(f"/api/v1/plans/{demo.filled_plan_id}").json()
    region = filled["partnership"]["region_id"]

    in_region = client.get("/api/v1/plans", params={"region_id": region}).json()
    of_partnership = client.get("/api/v1/plans", params={"partnership_id": filled["partnership"]["id"]}).json()

    this_year = client.get("/api/v1/plans", params={"cycle_id": demo.current_cycle_id}).json()

    assert everything["total"] == 3
    assert {plan["id"] for plan in everything["items"]} == {
        demo.filled_plan_id,
        demo.empty_plan_id,
        demo.last_year_plan_id,
    }
    assert [plan["id"] for plan in in_region["items"]] == [demo.filled_plan_id, demo.last_year_plan_id]
    assert [plan["id"] for plan in of_partnership["items"]] == [demo.filled_plan_id, demo.last_year_plan_id]
    assert {plan["id"] for plan in this_year["items"]} == {demo.filled_plan_id, demo.empty_plan_id}


def test_plan_lists_are_paginated(client: TestClient, demo: Demo) -> None:
    first = client.get("/api/v1/plans", params={"page_size": 1}).json()
    second = client.get("/api/v1/plans", params={"page_size": 1, "page": 2}).json()
    beyond = client.get("/api/v1/plans", params={"page_size": 1, "page": 4}).json()

    assert (first["total"], first["page_size"], len(first["items"])) == (3, 1, 1)
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert beyond["items"] == []


def test_an_unknown_plan_is_404_problem(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/plans/424242")

    assert response.status_code == 404
    assert response.json()["detail"] == "There is no plan 424242."
