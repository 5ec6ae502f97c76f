"""Uploading a filled Part 4 workbook from a page: all or nothing, each problem named as Sheet!Cell."""

import io
from datetime import date

import httpx
import openpyxl
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.documents.funding_workbook import render_funding_xlsx
from service.planning import exports, parts, plans
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token


def exported_workbook(session: Session, plan_id: int, **cells: object) -> bytes:
    """Part 4 as the service exports it, with cells changed ("Table 1!C9" → value)."""
    stored = parts.read_part(plan_id, PartName.FUNDING, session=session)
    assert isinstance(stored.model, Funding)
    view = plans.get_plan(plan_id, session=session)
    book = openpyxl.load_workbook(
        io.BytesIO(render_funding_xlsx(stored.model, exports.document_context(view, date(2008, 1, 14))))
    )
    for cell, value in cells.items():
        sheet, coordinate = cell.split("!")
        book[sheet][coordinate] = value
    edited = io.BytesIO()
    book.save(edited)
    return edited.getvalue()


def upload(
    browser: TestClient, plan_id: int, workbook: bytes, version: str | None = None, filename: str = "part-4.xlsx"
) -> httpx.Response:
    url = f"/plans/{plan_id}/funding/import"
    page = browser.get(url).text
    shown_version = page.split('name="version" value="')[1].split('"')[0]
    answer: httpx.Response = browser.post(
        url,
        data={"csrf_token": csrf_token(page), "version": version or shown_version},
        files={"workbook": (filename, workbook, "application/octet-stream")},
        follow_redirects=False,
    )
    return answer


def test_a_filled_workbook_replaces_part_4_and_returns_to_it_with_a_banner(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    finance = browser_for("finance_a")
    before = parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session).version
    workbook = exported_workbook(session, demo.filled_plan_id, **{"Table 1!C9": 1234.5})

    answer = upload(finance, demo.filled_plan_id, workbook)

    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/plans/{demo.filled_plan_id}/funding?imported=1"
    session.expire_all()  # the row as the request left it, not as this session first read it
    after = parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session)
    assert after.version == before + 1
    assert "1234.50" in after.document["table_1"][0].values()  # C9 is a previous-year figure
    banner = finance.get(answer.headers["location"]).text
    assert "The workbook is imported into Part 4." in banner
    assert "There is a problem" not in banner  # one message: imported, with whatever is left to fix


def test_a_workbook_with_problems_names_every_cell_and_stores_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    finance = browser_for("finance_a")
    before = parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session).version
    workbook = exported_workbook(session, demo.filled_plan_id, **{"Table 1!C9": -5, "Table 1!D8": 1.005})

    answer = upload(finance, demo.filled_plan_id, workbook)

    assert answer.status_code == 422
    summary = answer.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert '<a href="#workbook">Table 1!C9: must not be negative</a>' in summary
    assert "Table 1!D8: must have at most 2 decimal places" in summary
    assert "listed above. Nothing was imported." in answer.text
    session.expire_all()
    assert parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session).version == before


def test_a_file_that_is_not_a_workbook_is_refused_and_no_file_is_named(browser_for: BrowserFor, demo: Demo) -> None:
    planner = browser_for("planner_a")

    not_a_workbook = upload(planner, demo.filled_plan_id, b"%PDF-1.4\n%%EOF\n")
    nothing = upload(planner, demo.filled_plan_id, b"", filename="")

    assert not_a_workbook.status_code == 422
    assert "govuk-error-summary" in not_a_workbook.text
    assert nothing.status_code == 422
    assert "Select a filled Part 4 workbook to upload" in nothing.text


def test_an_upload_after_someone_else_saved_imports_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    finance = browser_for("finance_a")
    before = parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session).version
    workbook = exported_workbook(session, demo.filled_plan_id)

    answer = upload(finance, demo.filled_plan_id, workbook, version=str(before - 1))

    assert answer.status_code == 409
    assert "Someone else saved Part 4 after you opened this page" in answer.text
    session.expire_all()
    assert parts.read_part(demo.filled_plan_id, PartName.FUNDING, session=session).version == before


def test_the_part_4_page_links_to_the_upload_and_a_reviewer_gets_no_form(browser_for: BrowserFor, demo: Demo) -> None:
    assert (
        f'href="/plans/{demo.filled_plan_id}/funding/import"'
        in browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}/funding").text
    )
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/funding/import")

    assert page.status_code == 200
    assert 'type="file"' not in page.text
