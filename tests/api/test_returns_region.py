"""The region's view of returns and a plan's year of returns through the API, on both backends."""

import csv
import io

from openpyxl import load_workbook
from sqlmodel import Session

from service.tables.columns import id_of
from tests.conftest import ClientFor
from tests.returns.year_of_returns import year_of_returns


def _region(session: Session) -> tuple[str, str]:
    view = year_of_returns(session)
    return f"/api/v1/regions/{view.partnership.region_id}/returns", f"cycle_id={id_of(view.cycle)}"


def test_the_region_shows_each_quarters_status_figures_and_completeness(
    client_for: ClientFor, session: Session
) -> None:
    path, cycle = _region(session)

    answer = client_for("reviewer_x").get(f"{path}?{cycle}")

    assert answer.status_code == 200, answer.text
    body = answer.json()
    (row,) = body["partnerships"]
    assert [
        (q["status"], q["submissions"], q["red_metrics"], q["overdue_actions"], q["flagged_variances"])
        for q in row["quarters"]
    ] == [
        ("submitted-late", 2, 1, 0, 0),
        ("submitted-on-time", 1, 0, 1, 1),
        ("submitted-late", 1, 0, 1, 1),
        ("overdue", 0, None, None, None),
    ]
    assert row["quarters"][1]["status_label"] == "Submitted on time"
    assert body["year_so_far"] == {"expected": 4, "submitted": 3, "on_time": 1, "submitted_pct": 75, "on_time_pct": 25}
    assert "due date has passed" in body["expected_means"]
    assert all(other["plan_status"] == "no plan started" for other in body["not_reporting"])


def test_the_region_downloads_as_csv_and_as_a_workbook_with_numbers_as_numbers(
    client_for: ClientFor, session: Session
) -> None:
    path, cycle = _region(session)
    reviewer = client_for("reviewer_x")

    as_csv = reviewer.get(f"{path}.csv?{cycle}")
    as_xlsx = reviewer.get(f"{path}.xlsx?{cycle}")

    assert as_csv.status_code == as_xlsx.status_code == 200
    assert 'filename="west-midlands-2024-25-returns.csv"' in as_csv.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(as_csv.text)))
    assert lines[0][:4] == ["Partnership", "Quarter", "Due", "Status"]
    assert lines[2][3:] == ["Submitted on time", "0", "1", "Waiting for review", "0", "1", "1"]
    assert lines[4][3:] == ["Overdue", "", "0", "", "", "", ""]
    workbook = load_workbook(io.BytesIO(as_xlsx.content))
    assert workbook.sheetnames == ["Returns", "Completeness"]
    returns = workbook["Returns"]
    assert [cell.value for cell in returns[3]][:4] == ["Partnership", "Quarter", "Due", "Status"]
    assert returns["B5"].value == 2  # numbers, not text
    assert returns["G4"].value == "Waiting for review"
    assert returns["H4"].value == 1  # red metrics, a number
    assert [cell.value for cell in workbook["Completeness"][8]] == ["Year so far", 4, 3, 75, 1, 25]


def test_another_regions_reviewer_is_told_it_is_not_there_and_a_bad_extension_is_named(
    client_for: ClientFor, session: Session
) -> None:
    path, cycle = _region(session)

    assert client_for("reviewer_y").get(f"{path}?{cycle}").status_code == 404
    assert client_for("planner_a").get(f"{path}?{cycle}").status_code == 403
    bad = client_for("admin").get(f"{path}.pdf?{cycle}")
    assert bad.status_code == 422
    assert "extension" in bad.text
    assert client_for("admin").get(f"{path}?cycle_id=999999").status_code == 404
    assert client_for("admin").get("/api/v1/regions/999999/returns").status_code == 404


def test_the_years_picture_puts_the_quarters_side_by_side_from_their_latest_submissions(
    client_for: ClientFor, session: Session
) -> None:
    view = year_of_returns(session)

    answer = client_for("finance_a").get(f"/api/v1/plans/{id_of(view.plan)}/returns/year")

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [(q["quarter"], q["submission"]) for q in body["quarters"]] == [(1, 2), (2, 1), (3, 1), (4, None)]
    assert [(a["reference"], a["statuses"]) for a in body["actions"]] == [
        ("1.1.1", ["on-track", "at-risk", "complete", None]),
        ("1.1.2", ["not-started", "off-track", "off-track", None]),
        ("2.1.1", ["not-started", "not-started", "at-risk", None]),
    ]
    assert [(m["code"], [q and q["rag"] for q in m["quarters"]]) for m in body["metrics"]] == [
        ("OF-16", ["red", "green", None, None])
    ]
    assert (body["total"]["planned"], body["total"]["quarters"], body["total"]["remaining"]) == (
        "4000.00",
        ["1000.00", "2000.00", "1000.00", None],
        "0.00",
    )
    assert [(v["quarter"], v["variance"], v["cells_flagged"]) for v in body["variances"]] == [
        (1, "0.00", 0),
        (2, "1000.00", 1),
        (3, "1000.00", 1),
    ]


def test_the_years_workbook_has_a_sheet_per_aspect_with_money_as_numbers(
    client_for: ClientFor, session: Session
) -> None:
    view = year_of_returns(session)

    answer = client_for("reviewer_x").get(f"/api/v1/plans/{id_of(view.plan)}/returns/year.xlsx")

    assert answer.status_code == 200
    workbook = load_workbook(io.BytesIO(answer.content))
    assert workbook.sheetnames == ["Quarters", "Actions", "Metrics", "Spend", "Variance"]
    last_quarter = [cell.value for cell in workbook["Quarters"][7]]
    assert last_quarter[:4] == [4, "January to March", "2025-04-30", "No submission"]
    assert [cell.value for cell in workbook["Actions"][4]][4:] == ["On track", "At risk", "Complete", "Not reported"]
    total = [cell.value for cell in workbook["Spend"][14]]
    assert total == ["Total", 4000, 1000, 2000, 1000, None, 4000, 0]
    assert workbook["Spend"]["B14"].number_format == "#,##0.00"


def test_a_plan_that_does_not_report_has_no_year_of_returns(client_for: ClientFor, session: Session) -> None:
    plans = client_for("planner_a").get("/api/v1/plans").json()["items"]
    drafting = next(plan["id"] for plan in plans if plan["status"] == "drafting")

    answer = client_for("planner_a").get(f"/api/v1/plans/{drafting}/returns/year")

    assert answer.status_code == 409
    assert "signed off" in answer.json()["detail"]
