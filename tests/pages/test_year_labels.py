"""Part 2's and Part 4's year labels come from the plan's cycle: pages, documents, API and the public page."""

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from plan_schema.plan_year import year_before
from service.documents import funding_layout as layout
from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.published import publish_plan

# The template's years: none of them may show on a plan of another year.
TEMPLATE_YEARS = ("2006/07", "2007/08", "2008/09", "2009/10", "2010/11")
# Every page's footer names the guidance the service follows, which is the 2008/09 guidance.
GUIDANCE = "Revised adult drug treatment plan 2008/09 guidance notes"


def _template_years_in(text: str) -> list[str]:
    text = text.replace(GUIDANCE, "")
    return [year for year in TEMPLATE_YEARS if year in text]


@pytest.fixture
def cycle(session: Session, demo: Demo) -> PlanCycle:
    """The demo's current cycle (2027/28 when seeded on 5 December 2026)."""
    found = session.get(PlanCycle, demo.current_cycle_id)
    assert found is not None
    assert found.plan_year not in TEMPLATE_YEARS
    return found


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_part_2_page_heads_its_columns_with_the_cycles_years(
    browser_for: BrowserFor, demo: Demo, cycle: PlanCycle
) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/targets").text

    assert f"{year_before(cycle.previous_year)} actual (people)" in page
    assert f"{cycle.previous_year} predicted (people)" in page
    assert f"Planned change {cycle.plan_year} (%)" in page
    for year in cycle.indicative_years:
        assert f"Planned change {year}, indicative (%)" in page
    assert not _template_years_in(page)


def test_part_4_page_heads_table_1_with_the_cycles_years(browser_for: BrowserFor, demo: Demo, cycle: PlanCycle) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/funding").text

    assert f">{cycle.previous_year}<" in page
    assert f"Table 2: expenditure profile, {cycle.plan_year}" in page
    assert not _template_years_in(page)


def test_the_word_part_2_names_the_cycles_years(client: TestClient, demo: Demo, cycle: PlanCycle) -> None:
    text = _docx_text(client.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/targets").content)

    assert f"{cycle.previous_year} predicted, people" in text
    assert year_before(cycle.previous_year) in text
    assert f"Planned change {cycle.plan_year}" in text
    assert f"Planned change {cycle.indicative_years[0]} (indicative)" in text
    assert not _template_years_in(text)


def test_the_excel_table_1_heads_its_columns_with_the_cycles_years(
    client: TestClient, demo: Demo, cycle: PlanCycle
) -> None:
    data = client.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/funding").content
    sheet = load_workbook(io.BytesIO(data))[layout.TABLE_1]

    headings = [sheet.cell(layout.HEADER_ROW, layout.year_column(index)).value for index in range(2)]

    assert headings == [cycle.previous_year, cycle.plan_year]
    assert cycle.plan_year in str(sheet["A1"].value)


def test_the_plans_api_carries_the_cycles_years(client: TestClient, demo: Demo, cycle: PlanCycle) -> None:
    plan = client.get(f"/api/v1/plans/{demo.filled_plan_id}").json()

    assert plan["cycle"]["plan_year"] == cycle.plan_year
    assert plan["cycle"]["previous_year"] == cycle.previous_year
    assert plan["cycle"]["indicative_years"] == cycle.indicative_years


def test_the_public_page_and_api_name_the_years_instead_of_year_before_last(
    visitor: TestClient, client_for: ClientFor, demo: Demo, cycle: PlanCycle
) -> None:
    publish_plan(client_for, demo.filled_plan_id)

    page = visitor.get(f"/published/{demo.filled_plan_id}").text
    published = visitor.get(f"/api/v1/public/plans/{demo.filled_plan_id}").json()

    assert f"Actual, {year_before(cycle.previous_year)}" in page
    assert f"Predicted, {cycle.previous_year}" in page
    assert f"Planned change, {cycle.plan_year}" in page
    assert f"Planned change, {cycle.indicative_years[0]} (indicative)" in page
    assert "year before last" not in page
    assert "Predicted, last year" not in page
    assert (published["baseline_year"], published["previous_year"]) == (
        year_before(cycle.previous_year),
        cycle.previous_year,
    )
    assert published["indicative_years"] == cycle.indicative_years
