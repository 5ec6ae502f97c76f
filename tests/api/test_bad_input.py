"""Bad input gets a problem+json that names the field, and nothing is stored."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Demo

PROBLEM = "application/problem+json"


def _funding_with(client: TestClient, plan_id: int, **police_column: Any) -> dict[str, Any]:
    document: dict[str, Any] = client.get(f"/api/v1/plans/{plan_id}/parts/funding").json()["document"]
    document["table_1"][1].update(police_column)
    return document


MONEY_CASES = [
    ("-1.00", "must not be negative"),
    ("10.005", "at most 2 decimal places"),
    ("1000000000.01", "£1,000,000,000"),
    ("1e309", "not an amount of money"),
    ("NaN", "not an amount of money"),
    ("1,000", "not an amount of money"),
    (12.5, "as a string"),
    (True, "not true or false"),
    ("１２３", "not an amount of money"),
    ("٥٠٠", "not an amount of money"),
    (" 5", "not an amount of money"),
    ("5\n", "not an amount of money"),
]


@pytest.mark.parametrize(("amount", "message"), MONEY_CASES)
def test_bad_money_names_the_cell_and_stores_nothing(client: TestClient, demo: Demo, amount: Any, message: str) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    before = client.get(url)
    document = _funding_with(client, demo.filled_plan_id, police=amount)

    response = client.put(url, json=document, headers={"If-Match": before.headers["ETag"]})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    errors = response.json()["errors"]
    assert errors[0]["pointer"] == "/table_1/1/police"
    assert message in errors[0]["detail"]
    assert client.get(url).json() == before.json()


BODY_CASES = [
    pytest.param("targets", {"retention": {"baseline_actual": "high"}}, "/retention/baseline_actual", id="wrong-type"),
    pytest.param(
        "targets", {"retention": {"baseline_actual": "250"}}, "/retention/baseline_actual", id="rate-over-100"
    ),
    pytest.param("strategic-summary", {"colour": "blue"}, "/colour", id="unknown-field"),
    pytest.param("funding", {"table_1": [{"year": "2008/09", "bonus": "1"}]}, "/table_1/0/bonus", id="unknown-cell"),
    pytest.param("strategic-summary", {"likely_demand": "x" * 60_001}, "/likely_demand", id="text-too-long"),
    pytest.param(
        "planning-grids",
        {"grids": [{"number": 1, "objectives": [{"actions": [{"postholder": "A" * 501}]}]}]},
        "/grids/0/objectives/0/actions/0/postholder",
        id="short-text-too-long",
    ),
    pytest.param("strategic-summary", {"likely_demand": "Bell\x07"}, "/likely_demand", id="control-character"),
    pytest.param("strategic-summary", {"likely_demand": "NUL\x00"}, "/likely_demand", id="nul-character"),
    pytest.param("funding", {"table_1": [{"year": "2008/10"}]}, "/table_1/0/year", id="not-a-plan-year"),
    pytest.param(
        "planning-grids",
        {"grids": [{"number": 1, "objectives": [{"target_date": "31/03/2009"}]}]},
        "/grids/0/objectives/0/target_date",
        id="not-a-date",
    ),
    pytest.param(
        "planning-grids",
        {"grids": [{"number": 1, "objectives": [{"themes": ["astrology"]}]}]},
        "/grids/0/objectives/0/themes/0",
        id="unknown-theme",
    ),
    pytest.param(
        "targets",
        {"crack_opiate_users_in_effective_treatment": {"planned_change_pct": {"plan_year": "NaN"}}},
        "/crack_opiate_users_in_effective_treatment/planned_change_pct/plan_year",
        id="nan-percentage",
    ),
]


@pytest.mark.parametrize(("part", "document", "pointer"), BODY_CASES)
def test_bad_documents_name_the_field_and_store_nothing(
    client: TestClient, demo: Demo, part: str, document: dict[str, Any], pointer: str
) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/{part}"
    before = client.get(url)

    response = client.put(url, json=document, headers={"If-Match": before.headers["ETag"]})

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert pointer in [error.get("pointer") for error in response.json()["errors"]]
    assert client.get(url).json() == before.json()


def test_control_characters_are_named_by_code_point(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    etag = client.get(url).headers["ETag"]

    response = client.put(url, json={"likely_demand": "ok\x0bnot ok"}, headers={"If-Match": etag})

    assert "U+000B" in response.json()["errors"][0]["detail"]


def test_tabs_newlines_and_any_script_are_welcome(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.empty_plan_id}/parts/strategic-summary"
    etag = client.get(url).headers["ETag"]
    text = "Cynllun\tgwasanaethau ŵ ŷ\r\nخطة العلاج 💊"

    response = client.put(url, json={"likely_demand": text}, headers={"If-Match": etag})

    assert response.status_code == 200
    assert response.json()["document"]["likely_demand"] == "Cynllun\tgwasanaethau ŵ ŷ\nخطة العلاج 💊"


def test_malformed_json_is_a_422_that_says_so(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    before = client.get(url)

    response = client.put(
        url, content=b'{"table_1": [', headers={"If-Match": before.headers["ETag"], "Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert "not valid JSON" in response.json()["detail"]
    assert client.get(url).json() == before.json()


def test_a_body_over_2_mb_is_refused_with_413(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    before = client.get(url)
    body = b'{"likely_demand": "' + b"x" * (2 * 1024 * 1024) + b'"}'

    response = client.put(
        url, content=body, headers={"If-Match": before.headers["ETag"], "Content-Type": "application/json"}
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert client.get(url).json() == before.json()


def test_a_chunked_body_over_2_mb_is_refused_with_413(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold for streamed bodies too
        for _ in range(33):
            yield b"x" * 65536

    response = client.put(url, content=chunks(), headers={"If-Match": '"strategic-summary-1"'})

    assert response.status_code == 413


@pytest.mark.parametrize("part", ["strategy", "part-5", "FUNDING"])
def test_an_unknown_part_name_is_404_listing_the_parts(client: TestClient, demo: Demo, part: str) -> None:
    response = client.put(f"/api/v1/plans/{demo.filled_plan_id}/parts/{part}", json={}, headers={"If-Match": '"x-1"'})

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert "strategic-summary, targets, planning-grids, funding" in response.json()["detail"]


def test_page_size_over_the_cap_names_the_parameter(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/plans", params={"page_size": 101})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"] == [{"parameter": "page_size", "in": "query", "detail": "must be at most 100"}]


def test_a_non_numeric_plan_id_names_the_path_parameter(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/plans/abc")

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "plan_id"
