"""POST /api/v1/observations: an admin's CSV imported all or nothing, every problem answered by row and column."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.monitoring.metric_versions import load_shipped_catalogue
from service.tables.monitoring import Observation
from tests.conftest import ClientFor
from tests.monitoring.stored_figures import HEADER, without_demo_figures

CSV = {"Content-Type": "text/csv"}


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    """The catalogue as shipped, without the demo's figures: these tests count what they import."""
    without_demo_figures(session)
    load_shipped_catalogue(session=session)


def body(*rows: str) -> bytes:
    return "\n".join((HEADER, *rows)).encode() + b"\n"


def test_an_admins_import_is_created_with_counts_and_the_same_file_again_is_200_unchanged(
    client: TestClient, session: Session
) -> None:
    figures = body("OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", "OF-04,1,LA-LEEDS,2027/28 Q1,,4,,")

    first = client.post("/api/v1/observations", params={"release": "NDTMS Q1"}, content=figures, headers=CSV)
    again = client.post("/api/v1/observations", params={"release": "NDTMS Q1"}, content=figures, headers=CSV)

    assert (first.status_code, first.json()) == (201, {"added": 2, "revised": 0, "unchanged": 0})
    assert (again.status_code, again.json()) == (200, {"added": 0, "revised": 0, "unchanged": 2})
    stored = session.exec(select(Observation)).all()
    assert {row.release for row in stored} == {"NDTMS Q1"}
    assert all(row.imported_by is not None for row in stored)


def test_a_revision_is_created_and_counted(client: TestClient) -> None:
    client.post("/api/v1/observations?release=a", content=body("OF-04,1,LA-LEEDS,2027/28,,4,,"), headers=CSV)

    revised = client.post("/api/v1/observations?release=b", content=body("OF-04,1,LA-LEEDS,2027/28,,5,,"), headers=CSV)

    assert (revised.status_code, revised.json()) == (201, {"added": 0, "revised": 1, "unchanged": 0})


def test_every_problem_is_answered_as_problem_json_with_its_row_and_column(
    client: TestClient, session: Session
) -> None:
    figures = body("OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", "OF-16,1,NOWHERE,2027/28 Q9,,3,2,")

    refused = client.post("/api/v1/observations?release=r", content=figures, headers=CSV)

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert [(e["row"], e["column"]) for e in refused.json()["errors"]] == [(3, "area"), (3, "period"), (3, "numerator")]
    assert session.exec(select(Observation)).all() == []


def test_a_body_that_is_not_csv_is_refused_as_an_unsupported_media_type(client: TestClient) -> None:
    refused = client.post("/api/v1/observations?release=r", json={"metric": "OF-04"})

    assert refused.status_code == 415


def test_a_planner_may_not_import(client_for: ClientFor) -> None:
    refused = client_for("planner_a").post("/api/v1/observations?release=r", content=body(), headers=CSV)

    assert refused.status_code == 403
