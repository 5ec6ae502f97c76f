"""A Part 4 workbook goes only into its own plan: the partnership in A2 and the years in row 4 must be the plan's."""

import datetime
import io
from typing import Any

import openpyxl
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.plan_year import first_calendar_year, plan_year_label
from plan_schema.vocabulary import PartName
from service.documents.context import DocumentContext
from service.documents.funding_workbook import render_funding_template_xlsx
from service.planning import plans
from tests.conftest import ClientFor, Demo


def plans_years(view: plans.PlanView) -> str:
    """ "2026/27, 2027/28, 2028/29 and 2029/30": the years a plan's workbook may have, in words."""
    cycle = view.cycle
    years = sorted({cycle.previous_year, cycle.plan_year, *cycle.indicative_years})
    return f"{', '.join(years[:-1])} and {years[-1]}"


def last_cycles_workbook(view: plans.PlanView) -> tuple[bytes, str]:
    """The plan's partnership's blank workbook of the cycle before, filled in; and its first year (C4)."""
    start = first_calendar_year(view.cycle.plan_year)
    first_year = plan_year_label(start - 2)
    context = DocumentContext(
        partnership_name=view.partnership.name,
        plan_year=view.cycle.previous_year,
        previous_year=first_year,
        indicative_years=(view.cycle.plan_year, plan_year_label(start + 1)),
        document_date=datetime.date(start - 1, 1, 14),
    )
    blank = render_funding_template_xlsx(context)
    return filled_in(blank, view.partnership.name), first_year


def filled_in(workbook: bytes, name: str | None = None) -> bytes:
    """A workbook with police money (1.6) in the first year's Table 1 (C11), and A2 set to a name if one is given."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book["Table 1"]["C11"] = 1000
    if name is not None:
        book["Table 1"]["A2"] = book["Table 2"]["A2"] = name
    edited = io.BytesIO()
    book.save(edited)
    return edited.getvalue()


def import_into(client: TestClient, plan_id: int, workbook: bytes) -> tuple[int, dict[str, Any]]:
    url = f"/api/v1/plans/{plan_id}/parts/funding"
    etag = client.get(url).headers["ETag"]
    response = client.post(f"{url}/import", files={"workbook": ("p4.xlsx", workbook)}, headers={"If-Match": etag})
    return response.status_code, response.json()


def test_a_workbook_from_another_partnerships_plan_is_refused_naming_a2(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    birmingham = plans.get_plan(demo.filled_plan_id, session=session).partnership.name
    manchester = plans.get_plan(demo.empty_plan_id, session=session).partnership.name
    workbook = client_for("planner_a").get(f"/api/v1/plans/{demo.filled_plan_id}/documents/funding").content
    planner = client_for("planner_b")
    before = planner.get(f"/api/v1/plans/{demo.empty_plan_id}/parts/funding").json()

    status, problem = import_into(planner, demo.empty_plan_id, workbook)

    assert status == 422
    mismatch = f"names {birmingham}; this plan is {manchester}'s"
    assert problem["detail"] == f"The workbook cannot be imported: Table 1!A2: {mismatch}"
    assert problem["errors"] == [
        {"cell": "Table 1!A2", "detail": mismatch},
        {"cell": "Table 2!A2", "detail": mismatch},
    ]
    assert planner.get(f"/api/v1/plans/{demo.empty_plan_id}/parts/funding").json() == before


def test_a_workbook_of_another_cycles_years_is_refused_naming_the_year(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    view = plans.get_plan(demo.empty_plan_id, session=session)
    workbook, first_year = last_cycles_workbook(view)
    planner = client_for("planner_b")
    before = planner.get(f"/api/v1/plans/{demo.empty_plan_id}/parts/funding").json()

    status, problem = import_into(planner, demo.empty_plan_id, workbook)

    assert status == 422
    assert {"cell": "Table 1!C4", "detail": f"is {first_year}; this plan's years are {plans_years(view)}"} in (
        problem["errors"]
    )
    assert planner.get(f"/api/v1/plans/{demo.empty_plan_id}/parts/funding").json() == before


def test_the_blank_template_names_no_partnership_and_imports_into_the_plan(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    view = plans.get_plan(demo.empty_plan_id, session=session)
    planner = client_for("planner_b")
    template = planner.get(f"/api/v1/cycles/{view.cycle.id}/templates/{PartName.FUNDING.value}").content
    assert openpyxl.load_workbook(io.BytesIO(template))["Table 1"]["A2"].value in (None, "")

    status, imported = import_into(planner, demo.empty_plan_id, filled_in(template))

    assert status == 200, imported
    validation = planner.get(f"/api/v1/plans/{demo.empty_plan_id}/validation").json()
    assert validation["parts"]["funding"]["started"] is True
