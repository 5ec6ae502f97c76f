"""GET and PUT a quarter's spend with ETag and If-Match, 422s naming the cell by JSON Pointer, and its variance."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import ClientFor, Demo


def _path(demo: Demo, quarter: int = 1) -> str:
    return f"/api/v1/plans/{demo.filled_plan_id}/returns/{quarter}/spend"


def _body(read: dict[str, Any], **first_row: str) -> dict[str, Any]:
    """The GET body as a PUT body, with figures put in the first category."""
    actual = [dict(row) for row in read["actual"]]
    actual[0] |= first_row
    return {"actual": actual, "profile": read["profile"], "forecast_outturn": read["forecast_outturn"]}


def test_a_quarter_reads_as_version_0_and_a_get_body_can_be_put_back(client_for: ClientFor, demo: Demo) -> None:
    finance = client_for("finance_a")
    read = finance.get(_path(demo))

    saved = finance.put(
        _path(demo), json=_body(read.json(), police="1250.5"), headers={"If-Match": read.headers["ETag"]}
    )

    assert (read.status_code, read.headers["ETag"], read.json()["version"]) == (200, '"spend-q1-0"', 0)
    assert saved.status_code == 200, saved.text
    assert saved.headers["ETag"] == '"spend-q1-1"'
    assert saved.json()["actual"][0]["police"] == "1250.50"
    assert saved.json()["actual"][0]["total"] == "1250.50"


def test_a_put_without_if_match_is_428_and_a_stale_one_412_with_the_current_etag(
    client: TestClient, demo: Demo
) -> None:
    read = client.get(_path(demo, 2)).json()
    client.put(_path(demo, 2), json=_body(read, police="1"), headers={"If-Match": '"spend-q2-0"'})

    missing = client.put(_path(demo, 2), json=_body(read))
    stale = client.put(_path(demo, 2), json=_body(read, police="2"), headers={"If-Match": '"spend-q2-0"'})
    other_quarter = client.put(_path(demo, 2), json=_body(read), headers={"If-Match": '"spend-q3-1"'})

    assert missing.status_code == 428
    assert (stale.status_code, stale.headers["ETag"], stale.json()["current_version"]) == (412, '"spend-q2-1"', 1)
    assert other_quarter.status_code == 412
    assert client.get(_path(demo, 2)).json()["actual"][0]["police"] == "1.00"


def test_a_figure_that_is_not_money_is_422_naming_its_cell_by_json_pointer(client: TestClient, demo: Demo) -> None:
    read = client.get(_path(demo)).json()
    body = _body(read)
    body["actual"][3]["police"] = "abc"
    body["actual"][5]["probation"] = "-1"
    renamed = _body(read)
    renamed["actual"][2]["category"] = "Something else"

    refused = client.put(_path(demo), json=body, headers={"If-Match": '"spend-q1-0"'})
    wrong_row = client.put(_path(demo), json=renamed, headers={"If-Match": '"spend-q1-0"'})

    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert [error["pointer"] for error in refused.json()["errors"]] == ["/actual/3/police", "/actual/5/probation"]
    assert wrong_row.status_code == 422
    assert [error["pointer"] for error in wrong_row.json()["errors"]] == ["/actual/2/category"]


def test_the_variance_is_worked_out_from_the_quarters_so_far_with_money_as_decimal_strings(
    client: TestClient, demo: Demo
) -> None:
    q1 = client.get(_path(demo, 1)).json()
    client.put(_path(demo, 1), json=_body(q1, police="100"), headers={"If-Match": '"spend-q1-0"'})
    q2 = client.get(_path(demo, 2)).json()
    client.put(
        _path(demo, 2),
        json=_body(q2, police="50.25") | {"forecast_outturn": "1000"},
        headers={"If-Match": '"spend-q2-0"'},
    )

    variance = client.get(f"{_path(demo, 2)}/variance")

    assert variance.status_code == 200
    body = variance.json()
    police = next(cell for cell in body["categories"][0]["cells"] if cell["source"] == "police")
    # Nothing profiled for police in the first category: 150.25 spent unprofiled is flagged with no %.
    assert police == {
        "source": "police",
        "profile": "0.00",
        "actual": "150.25",
        "variance": "150.25",
        "variance_pct": None,
        "flagged": True,
    }
    assert (body["threshold_pct"], body["forecast_outturn"], body["forecast_entered"]) == ("10.00", "1000.00", True)
    assert body["total"]["actual"] == "150.25"
    assert body["adults_in_treatment"] == 4685
    assert body["cost_per_adult"] == "0.03"


def test_a_quarter_outside_1_to_4_is_refused_by_name(client: TestClient, demo: Demo) -> None:
    answer = client.get(_path(demo, 5))

    assert answer.status_code == 422
    assert "quarter" in answer.text


def test_the_spend_workbook_downloads_with_the_partnerships_name_and_the_quarter(
    client: TestClient, demo: Demo
) -> None:
    answer = client.get(f"{_path(demo, 3)}.xlsx")

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "Q3.xlsx" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"PK")
