"""Areas and footprints through the API: an administrator says which areas make a partnership, year by year."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.monitoring.aggregation import partnership_figure
from service.monitoring.catalogue import MetricRef
from service.monitoring.metric_versions import load_shipped_catalogue
from service.planning import plans
from tests.conftest import ClientFor, Demo
from tests.monitoring.stored_figures import imported

PROPORTION = MetricRef("OF-16", 1)  # per cent, published for local authorities
NEW_AREA = {"code": "LA-SOLIHULL", "name": "Solihull Metropolitan Borough Council", "kind": "local-authority"}


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    load_shipped_catalogue(session=session)


@pytest.fixture
def partnership_a(session: Session, demo: Demo) -> int:
    """The filled demo plan's partnership (Birmingham's, whose planner is planner_a)."""
    return plans.get_plan(demo.filled_plan_id, session=session).plan.partnership_id


def footprint_url(partnership_id: int) -> str:
    return f"/api/v1/partnerships/{partnership_id}/footprint"


def test_an_area_added_to_a_footprint_counts_in_the_partnerships_figure_from_that_year(
    client: TestClient, session: Session, partnership_a: int
) -> None:
    assert client.post("/api/v1/areas", json=NEW_AREA).status_code == 201
    imported(
        "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,",
        "OF-16,1,LA-SOLIHULL,2028/29 Q1,,10,100,",
        "OF-16,1,LA-BIRMINGHAM,2028/29 Q1,,30,100,",
        session=session,
    )

    added = client.post(footprint_url(partnership_a), json={"area_code": "LA-SOLIHULL", "valid_from": "2028/29"})

    assert added.status_code == 201, added.text
    assert added.json()["area"] == NEW_AREA
    listed = client.get(footprint_url(partnership_a)).json()
    assert [
        (row["area"]["code"], row["valid_from"], row["valid_to"])
        for row in listed
        if row["area"]["code"] == "LA-SOLIHULL"
    ] == [("LA-SOLIHULL", "2028/29", None)]
    # 2027/28: Birmingham alone; 2028/29: (30 + 10) / (100 + 100) = 20 %.
    before = partnership_figure(PROPORTION, partnership_a, "2027/28 Q1", session=session)
    after = partnership_figure(PROPORTION, partnership_a, "2028/29 Q1", session=session)
    assert before.aggregate is not None
    assert before.aggregate.value == pytest.approx(30.0)
    assert after.aggregate is not None
    assert after.aggregate.value == pytest.approx(20.0)
    assert "LA-SOLIHULL" in after.included


def test_ending_a_stretch_leaves_the_area_out_of_the_years_after(
    client: TestClient, session: Session, partnership_a: int
) -> None:
    client.post("/api/v1/areas", json=NEW_AREA)
    added = client.post(footprint_url(partnership_a), json={"area_code": "LA-SOLIHULL", "valid_from": "2027/28"}).json()
    imported("OF-16,1,LA-SOLIHULL,2029/30 Q1,,10,100,", "OF-16,1,LA-BIRMINGHAM,2029/30 Q1,,30,100,", session=session)

    ended = client.patch(f"{footprint_url(partnership_a)}/{added['id']}", json={"valid_to": "2028/29"})

    assert ended.status_code == 200, ended.text
    assert ended.json()["valid_to"] == "2028/29"
    figure = partnership_figure(PROPORTION, partnership_a, "2029/30 Q1", session=session)
    assert "LA-SOLIHULL" not in figure.included + figure.missing
    assert figure.aggregate is not None
    assert figure.aggregate.value == pytest.approx(30.0)


def test_a_stretch_sharing_a_year_with_another_of_the_same_area_is_refused_and_nothing_is_added(
    client: TestClient, partnership_a: int
) -> None:
    client.post("/api/v1/areas", json=NEW_AREA)
    client.post(
        footprint_url(partnership_a), json={"area_code": "LA-SOLIHULL", "valid_from": "2027/28", "valid_to": "2029/30"}
    )
    before = client.get(footprint_url(partnership_a)).json()

    clash = client.post(footprint_url(partnership_a), json={"area_code": "LA-SOLIHULL", "valid_from": "2029/30"})

    assert clash.status_code == 409
    assert "already covers Solihull Metropolitan Borough Council from 2027/28 to 2029/30" in clash.json()["detail"]
    assert client.get(footprint_url(partnership_a)).json() == before


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"area_code": "LA-NOWHERE", "valid_from": "2027/28"}, "/area_code"),
        ({"area_code": "LA-BIRMINGHAM", "valid_from": "2027/29"}, "/valid_from"),
        ({"area_code": "LA-BIRMINGHAM", "valid_from": "2027"}, "/valid_from"),
        ({"area_code": "LA-BIRMINGHAM", "valid_from": "2030/31", "valid_to": "2029/30"}, "/valid_to"),
    ],
)
def test_a_bad_stretch_is_refused_naming_the_field(
    client: TestClient, partnership_a: int, body: dict[str, str], pointer: str
) -> None:
    refused = client.post(footprint_url(partnership_a), json=body)

    assert refused.status_code == 422
    assert pointer in {error["pointer"] for error in refused.json()["errors"]}


def test_an_area_code_is_one_areas_and_a_region_is_not_added_here(client: TestClient) -> None:
    assert client.post("/api/v1/areas", json=NEW_AREA).status_code == 201
    again = client.post("/api/v1/areas", json=NEW_AREA | {"name": "Another"})
    region = client.post("/api/v1/areas", json=NEW_AREA | {"code": "R-X", "kind": "english-region"})

    assert again.status_code == 409
    assert region.status_code == 422
    codes = {area["code"] for area in client.get("/api/v1/areas", params={"kind": "local-authority"}).json()["items"]}
    assert "LA-SOLIHULL" in codes


def test_a_partnership_sees_its_own_footprint_and_not_anothers(
    client_for: ClientFor, demo: Demo, partnership_a: int
) -> None:
    own = client_for("planner_a").get(footprint_url(partnership_a))
    other = client_for("planner_b").get(footprint_url(partnership_a))

    assert own.status_code == 200
    assert any(row["area"]["code"] == "LA-BIRMINGHAM" for row in own.json())
    assert other.status_code == 404
