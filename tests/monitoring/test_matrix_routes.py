"""A region's metrics and the national view through the API (JSON, CSV, xlsx) and as pages."""

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session, select

from service.monitoring.metric_versions import load_shipped_catalogue
from service.tables.plans import Partnership
from tests.conftest import ClientFor
from tests.monitoring.stored_figures import imported, without_demo_figures

Q1 = "2027/28 Q1"


@pytest.fixture(autouse=True)
def figures(session: Session) -> None:
    """West Midlands' councils: Birmingham's deaths in treatment well below Coventry's (and no demo figures)."""
    without_demo_figures(session)
    load_shipped_catalogue(session=session)
    imported(f"OF-16,1,LA-BIRMINGHAM,{Q1},,10,1000,", f"OF-16,1,LA-COVENTRY,{Q1},,90,300,", session=session)


@pytest.fixture
def region_id(session: Session) -> int:
    return session.exec(select(Partnership).where(Partnership.code == "birmingham-dat")).one().region_id


def test_a_regions_metrics_as_json_name_each_partnerships_figure_and_its_comparison(
    client: TestClient, region_id: int, session: Session
) -> None:
    answer = client.get(f"/api/v1/regions/{region_id}/metrics")

    assert answer.status_code == 200, answer.text
    matrix = answer.json()
    assert (matrix["period"], matrix["periods"]) == (Q1, [Q1])
    assert [column["code"] for column in matrix["columns"]] == ["OF-16"]
    rows = {row["name"]: row for row in matrix["rows"]}
    birmingham = rows["Birmingham Drug Action Team"]["cells"][0]
    # 10 of 1,000 is 1.0 %; England (both councils) is 100 of 1,300, 7.7 %: fewer deaths is better.
    assert (birmingham["numerator"], birmingham["denominator"], birmingham["value_text"]) == (10, 1000, "1.0%")
    assert birmingham["compared_with_england"] == "better"
    assert birmingham["areas_with_figure"] == ["LA-BIRMINGHAM"]
    assert rows["Birmingham Drug Action Team"]["completeness"] == {"reported": 1, "expected": 1}
    assert rows["Coventry Drug and Alcohol Action Team"]["cells"][0]["compared_with_england"] == "worse"
    assert matrix["england"]["cells"][0]["value"] == pytest.approx(100 / 1300 * 100)


def test_a_period_that_is_no_period_is_refused_naming_the_parameter(client: TestClient, region_id: int) -> None:
    answer = client.get(f"/api/v1/regions/{region_id}/metrics", params={"period": "2027 Q5"})

    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"][0]["parameter"] == "period"


def test_the_csv_has_a_line_per_partnership_and_metric_with_numbers_and_englands_last(
    client: TestClient, region_id: int
) -> None:
    answer = client.get(f"/api/v1/regions/{region_id}/metrics.csv", params={"period": Q1})

    assert answer.status_code == 200
    assert "west-midlands-metrics-2027-28-q1.csv" in answer.headers["content-disposition"]
    lines = list(csv.DictReader(io.StringIO(answer.text)))
    birmingham = next(line for line in lines if line["Area"] == "Birmingham Drug Action Team")
    assert (birmingham["Value"], birmingham["Numerator"], birmingham["Compared with England"]) == (
        "1.0",
        "10.0",
        "Better than England",
    )
    assert lines[-1]["Area"] == "England"


def test_the_workbook_holds_numbers_as_numbers(client: TestClient, region_id: int) -> None:
    answer = client.get(f"/api/v1/regions/{region_id}/metrics.xlsx")

    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content))["Metrics"]
    headings = [cell.value for cell in sheet[3]]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    birmingham = next(row for row in rows if row[0] == "Birmingham Drug Action Team")
    assert birmingham[headings.index("Value")] == pytest.approx(1.0)
    assert birmingham[headings.index("Denominator")] == 1000  # a number, not the text "1000"


def test_the_national_view_has_a_row_per_region_and_englands(client: TestClient) -> None:
    matrix = client.get("/api/v1/metrics/england", params={"period": Q1}).json()

    west_midlands = next(row for row in matrix["rows"] if row["name"] == "West Midlands")
    assert west_midlands["cells"][0]["numerator"] == 100
    assert len(matrix["rows"]) == 9
    assert matrix["england"]["cells"][0]["comparison_text"] is None


def test_the_page_says_each_figure_and_its_comparison_in_words(client_for: ClientFor, region_id: int) -> None:
    page = client_for("reviewer_x").get(f"/regions/{region_id}/metrics")

    assert page.status_code == 200
    assert "Partnerships by metric, 2027/28 Q1</caption>" in page.text
    assert "Better than England" in page.text
    assert "Worse than England" in page.text
    assert f'href="/api/v1/regions/{region_id}/metrics.xlsx?period=2027/28%20Q1"' in page.text
    # A reviewer is not offered the national view, which only an admin may open.
    assert "/metrics/england" not in page.text
    dashboard = client_for("reviewer_x").get(f"/regions/{region_id}/dashboard")
    assert f'href="/regions/{region_id}/metrics"' in dashboard.text


def test_the_national_page_compares_each_region_with_england(client: TestClient) -> None:
    page = client.get("/metrics/england")

    assert page.status_code == 200
    assert "Regions by metric, 2027/28 Q1</caption>" in page.text
    assert '<th scope="row" class="govuk-table__header">England</th>' in page.text


def test_without_figures_a_page_says_so(client: TestClient, session: Session) -> None:
    other = session.exec(select(Partnership).where(Partnership.code == "leeds-daat")).one()

    page = client.get(f"/regions/{other.region_id}/metrics")

    assert page.status_code == 200
    assert "No figures have been imported for" in page.text


def test_a_page_asked_for_no_period_says_what_to_write_rather_than_failing(client: TestClient, region_id: int) -> None:
    page = client.get(f"/regions/{region_id}/metrics", params={"period": "last quarter"})

    assert page.status_code == 422
    assert "last quarter&#34; is not a period: write" in page.text
