"""GET a partnership's scorecard and its local targets; PUT and DELETE one, every refusal naming its field."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.monitoring.periods import plan_year_on
from service.planning.timetable import local_date
from service.tables.columns import utc_now
from service.tables.plans import Plan
from tests.conftest import ClientFor, Demo

# The demo's figures and Birmingham's local targets are for the plan year in progress when it is seeded.
YEAR = plan_year_on(local_date(utc_now()))


@pytest.fixture
def birmingham(session: Session, demo: Demo) -> int:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    return plan.partnership_id


def test_the_scorecard_lists_the_demo_metrics_with_their_judgements_and_counts(
    client_for: ClientFor, birmingham: int
) -> None:
    answer = client_for("planner_a").get(f"/api/v1/partnerships/{birmingham}/scorecard", params={"year": YEAR})

    assert answer.status_code == 200
    card = answer.json()
    rows = {row["code"]: row for row in card["metrics"]}
    assert set(rows) == {"P2-1.1", "P2-1.2", "P2-2", "P2-3", "LK-3b"}
    judged = [row["rag"] for row in card["metrics"] if row["rag"] is not None]
    counts = card["counts"]
    assert sorted(judged) == sorted(["red"] * counts["red"] + ["amber"] * counts["amber"] + ["green"] * counts["green"])
    assert rows["P2-2"]["target"] == {"plan_year": YEAR, "baseline": 80.0, "annual": 84.0, "milestones": {}}
    assert rows["P2-3"]["target"]["milestones"] == {"1": 44.0, "2": 44.5, "3": 45.0}
    # Counts of people are not compared with a region's; percentages are.
    assert rows["P2-1.1"]["comparisons"] == []
    assert [comparison["benchmark"] for comparison in rows["P2-2"]["comparisons"]] == ["West Midlands", "England"]
    assert 8 <= len(rows["P2-2"]["series"]) <= 12


def test_a_planner_sets_replaces_lists_and_removes_a_local_target(client_for: ClientFor, birmingham: int) -> None:
    planner = client_for("planner_a")
    path = f"/api/v1/partnerships/{birmingham}/targets/LK-7a"

    first = planner.put(path, params={"year": YEAR}, json={"baseline": 40, "annual": 45})
    second = planner.put(path, params={"year": YEAR}, json={"baseline": 40, "annual": 47.5, "milestones": {"2": 43}})
    listed = planner.get(f"/api/v1/partnerships/{birmingham}/targets", params={"year": YEAR})
    removed = planner.delete(path, params={"year": YEAR})
    again = planner.delete(path, params={"year": YEAR})

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == {
        "code": "LK-7a",
        "version": 1,
        "plan_year": YEAR,
        "baseline": 40.0,
        "annual": 47.5,
        "milestones": {"2": 43.0},
    }
    assert [target["code"] for target in listed.json()] == ["LK-3b", "LK-7a", "P2-2", "P2-3"]
    assert (removed.status_code, again.status_code) == (204, 404)


@pytest.mark.parametrize(
    ("code", "body", "year", "pointer"),
    [
        ("P2-2", {"baseline": 80, "annual": 140}, YEAR, "/annual"),
        ("P2-1.1", {"baseline": 80, "annual": 90}, YEAR, "/code"),
        ("OF-16", {"baseline": 20, "annual": 15}, "2008/09", "/year"),
        ("P2-2", {"baseline": 80, "annual": 84, "milestones": {"4": 84}}, YEAR, "/milestones/4"),
        ("P2-2", {"baseline": "eighty", "annual": 84}, YEAR, "/baseline"),
        ("P2-2", {"baseline": 80, "annual": 84}, "2008-09", "/year"),
    ],
)
def test_a_target_that_cannot_be_right_is_a_422_naming_the_field(
    client: TestClient, birmingham: int, code: str, body: dict[str, object], year: str, pointer: str
) -> None:
    answer = client.put(f"/api/v1/partnerships/{birmingham}/targets/{code}", params={"year": year}, json=body)

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    # A body's field is named by its JSON pointer, a query's by its parameter.
    named = [error.get("pointer") or f"/{error['parameter']}" for error in answer.json()["errors"]]
    assert any(name.startswith(pointer) for name in named), named


def test_an_unknown_metric_is_404(client: TestClient, birmingham: int) -> None:
    answer = client.put(f"/api/v1/partnerships/{birmingham}/targets/LK-NONE", json={"baseline": 1, "annual": 2})

    assert answer.status_code == 404


@pytest.mark.parametrize("year", ["1900/01", "2099/00"])
def test_a_scorecard_for_the_first_or_last_year_there_can_be_is_empty_not_an_error(
    client: TestClient, birmingham: int, year: str
) -> None:
    answer = client.get(f"/api/v1/partnerships/{birmingham}/scorecard", params={"year": year})

    assert answer.status_code == 200
    assert (answer.json()["metrics"], answer.json()["plan_year"]) == ([], year)
