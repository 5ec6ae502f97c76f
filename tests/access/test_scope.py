"""Nobody sees or changes what is not theirs: by id, in lists, or through a write."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.tables.access import AuditEvent
from tests.conftest import ClientFor, Demo


def _ids(client: TestClient, url: str, **filters: int) -> set[int]:
    return {item["id"] for item in client.get(url, params={"page_size": 100, **filters}).json()["items"]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/{plan}",
        "/api/v1/plans/{plan}/validation",
        "/api/v1/plans/{plan}/parts/strategic-summary",
        "/api/v1/plans/{plan}/parts/targets",
        "/api/v1/plans/{plan}/parts/planning-grids",
        "/api/v1/plans/{plan}/parts/funding",
        "/api/v1/partnerships/{partnership}",
    ],
)
@pytest.mark.parametrize(("actor", "other_side"), [("planner_a", "b"), ("reviewer_x", "b"), ("planner_b", "a")])
def test_objects_of_another_partnership_or_region_are_not_found(
    client_for: ClientFor, client: TestClient, demo: Demo, path: str, actor: str, other_side: str
) -> None:
    plan_id = demo.empty_plan_id if other_side == "b" else demo.filled_plan_id
    partnership_id = client.get(f"/api/v1/plans/{plan_id}").json()["partnership"]["id"]

    response = client_for(actor).get(path.format(plan=plan_id, partnership=partnership_id))

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_plan_that_does_not_exist_and_one_that_is_hidden_look_the_same(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")

    hidden = planner.get(f"/api/v1/plans/{demo.empty_plan_id}").json()
    missing = planner.get("/api/v1/plans/99999").json()

    assert hidden["title"] == missing["title"] == "Not found"
    assert hidden["detail"] == f"There is no plan {demo.empty_plan_id}."


def test_lists_show_only_the_callers_partnership_or_region(client_for: ClientFor, demo: Demo) -> None:
    planner_a, reviewer_y, admin = client_for("planner_a"), client_for("reviewer_y"), client_for("admin")
    b_partnership = admin.get(f"/api/v1/plans/{demo.empty_plan_id}").json()["partnership"]["id"]

    assert _ids(planner_a, "/api/v1/plans") == {demo.filled_plan_id, demo.last_year_plan_id}
    assert _ids(reviewer_y, "/api/v1/plans") == {demo.empty_plan_id}
    assert _ids(admin, "/api/v1/plans") == {demo.filled_plan_id, demo.empty_plan_id, demo.last_year_plan_id}
    assert b_partnership not in _ids(planner_a, "/api/v1/partnerships")
    assert len(_ids(planner_a, "/api/v1/partnerships")) == 1
    assert _ids(planner_a, "/api/v1/plans", partnership_id=b_partnership) == set()


def test_a_reviewer_lists_every_partnership_of_their_region_only(client_for: ClientFor, demo: Demo) -> None:
    reviewer = client_for("reviewer_x")
    region = reviewer.get("/api/v1/me").json()["region_id"]

    partnerships = reviewer.get("/api/v1/partnerships", params={"page_size": 100}).json()["items"]

    assert len(partnerships) > 1
    assert {p["region_id"] for p in partnerships} == {region}


@pytest.mark.parametrize("part", ["strategic-summary", "targets", "planning-grids"])
def test_finance_cannot_write_parts_1_to_3(client_for: ClientFor, demo: Demo, part: str) -> None:
    finance = client_for("finance_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/{part}"
    read = finance.get(url)

    response = finance.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert response.status_code == 403
    assert finance.get(url).headers["ETag"] == read.headers["ETag"]


def test_finance_can_write_part_4(client_for: ClientFor, demo: Demo) -> None:
    finance = client_for("finance_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    read = finance.get(url)

    response = finance.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert response.status_code == 200


@pytest.mark.parametrize("field", ["partnership_id", "status", "version", "plan_id", "updated_by"])
def test_server_owned_fields_cannot_be_set_through_a_part_write(client_for: ClientFor, demo: Demo, field: str) -> None:
    planner = client_for("planner_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    before = planner.get(url)
    plan_before = planner.get(f"/api/v1/plans/{demo.filled_plan_id}").json()

    response = planner.put(
        url, json={**before.json()["document"], field: 2}, headers={"If-Match": before.headers["ETag"]}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{field}"
    assert planner.get(url).json() == before.json()
    assert planner.get(f"/api/v1/plans/{demo.filled_plan_id}").json() == plan_before


def test_a_planner_cannot_start_a_plan_for_another_partnership(
    client_for: ClientFor, client: TestClient, demo: Demo
) -> None:
    b_partnership = client.get(f"/api/v1/plans/{demo.empty_plan_id}").json()["partnership"]["id"]

    response = client_for("planner_a").post("/api/v1/plans", json={"partnership_id": b_partnership, "cycle_id": 1})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"pointer": "/partnership_id", "detail": f"there is no partnership {b_partnership}"}
    ]


def test_refusals_are_in_the_audit_log(client_for: ClientFor, session: Session, demo: Demo) -> None:
    client_for("planner_a").get(f"/api/v1/plans/{demo.empty_plan_id}")
    client_for("reviewer_x").put(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding", json={})

    refusals = session.exec(select(AuditEvent).where(AuditEvent.action == "authorization-refused")).all()

    assert [(event.email, event.detail["status"]) for event in refusals] == [
        ("planner@demo.example", 404),
        ("reviewer@demo.example", 403),
    ]
    assert refusals[0].object_id == str(demo.empty_plan_id)
