"""A partnership's scorecard as CSV and as a workbook: the same rows, numbers as numbers, text never a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from service.documents.scorecard_files import HEADERS, ScorecardLine, render_scorecard_csv, render_scorecard_xlsx
from service.monitoring.periods import plan_year_on
from service.planning.timetable import local_date
from service.tables.columns import utc_now
from service.tables.plans import Plan
from tests.conftest import ClientFor, Demo

YEAR = plan_year_on(local_date(utc_now()))


@pytest.fixture
def birmingham(session: Session, demo: Demo) -> int:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    return plan.partnership_id


def line(**changes: object) -> ScorecardLine:
    values: dict[str, object] = {
        "family": "Local and contract KPIs",
        "code": "LK-3b",
        "version": 1,
        "metric": "First drug treatments within 3 weeks",
        "unit": "Percentage",
        "latest_period": "2026/27 Q2",
        "numerator": 30.0,
        "denominator": 40.0,
        "value": 75.0,
        "lower_95": 59.8,
        "upper_95": 85.8,
        "baseline": 70.0,
        "target": 80.0,
        "expected_by_now": 75.0,
        "rag": "Green – on track",
        "significance": "Not significantly below target",
        "direction_of_travel": "No significant change since 2026/27 Q1",
        "compared_with_region": "Similar to West Midlands",
        "compared_with_england": "=HYPERLINK(1)",
    }
    return ScorecardLine(**(values | changes))  # type: ignore[arg-type]


def test_the_csv_has_the_headers_numbers_as_written_and_no_formula() -> None:
    rows = list(csv.reader(io.StringIO(render_scorecard_csv([line(numerator=None)]).decode("utf-8-sig"))))

    assert rows[0] == list(HEADERS)
    assert rows[1][:11] == ["Local and contract KPIs", "LK-3b", "1", "First drug treatments within 3 weeks",
                            "Percentage", "2026/27 Q2", "", "40.0", "75.0", "59.8", "85.8"]  # fmt: skip
    assert rows[1][-1] == "'=HYPERLINK(1)"


def test_the_workbook_holds_numbers_as_numbers_and_formula_like_text_as_text() -> None:
    content = render_scorecard_xlsx(
        [line()], title="Birmingham: scorecard", note="A note", document_date=local_date(utc_now())
    )

    sheet = load_workbook(io.BytesIO(content))["Scorecard"]
    assert sheet["A1"].value == "Birmingham: scorecard"
    assert [cell.value for cell in sheet[3]] == list(HEADERS)
    assert (sheet["G4"].value, sheet["I4"].value, sheet["M4"].value) == (30, 75, 80)
    assert sheet["S4"].value == "=HYPERLINK(1)"
    assert sheet["S4"].data_type == "s"


def test_a_member_downloads_the_demo_scorecard_as_csv_and_xlsx(client_for: ClientFor, birmingham: int) -> None:
    planner = client_for("planner_a")

    as_csv = planner.get(f"/api/v1/partnerships/{birmingham}/scorecard.csv", params={"year": YEAR})
    as_xlsx = planner.get(f"/api/v1/partnerships/{birmingham}/scorecard.xlsx", params={"year": YEAR})

    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert "scorecard" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [row["Code"] for row in rows] == ["P2-1.1", "P2-1.2", "P2-2", "P2-3", "LK-3b"]
    retention = rows[2]
    assert (retention["Target"], retention["RAG"]) == ("84.0", "Amber – close to track")
    assert rows[0]["Compared with the region"] == "Not compared: a count"
    sheet = load_workbook(io.BytesIO(as_xlsx.content))["Scorecard"]
    assert [sheet.cell(row, 2).value for row in range(4, 9)] == [row["Code"] for row in rows]
    assert isinstance(sheet["I6"].value, float)
