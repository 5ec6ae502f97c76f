"""An administrator imports a release's outcome figures from a page: all or nothing, every problem by row and column."""

import re

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from service.monitoring.metric_versions import load_shipped_catalogue
from service.tables.monitoring import Observation
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token

HEADER = "metric,version,area,period,breakdown,numerator,denominator,release"
GOOD = "\n".join([HEADER, "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", "OF-16,1,LA-COVENTRY,2027/28 Q1,,12,60,"])


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    load_shipped_catalogue(session=session)  # as `adtp db upgrade` does


def upload(admin: TestClient, content: bytes, release: str = "NDTMS 2027/28 Q1") -> httpx.Response:
    token = csrf_token(admin.get("/admin/figures").text)
    answer: httpx.Response = admin.post(
        "/admin/figures",
        data={"csrf_token": token, "release": release},
        files={"figures": ("figures.csv", content, "text/csv")},
        follow_redirects=False,
    )
    return answer


def stored(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Observation)).one()


def test_a_good_file_is_stored_and_the_page_says_what_it_added(browser_for: BrowserFor, session: Session) -> None:
    admin = browser_for("admin")
    before = stored(session)

    answer = upload(admin, GOOD.encode())

    assert answer.status_code == 303
    page = admin.get(answer.headers["location"]).text
    assert "Figures imported" in page
    assert "Added 2, revised 0" in page
    assert stored(session) == before + 2


def test_the_same_file_again_changes_nothing_and_says_so(browser_for: BrowserFor) -> None:
    admin = browser_for("admin")
    upload(admin, GOOD.encode())

    again = admin.get(upload(admin, GOOD.encode()).headers["location"]).text

    assert "Added 0, revised 0 (each keeping the figure it replaced), unchanged 2." in again


def test_a_file_with_problems_stores_nothing_and_names_each_by_row_and_column(
    browser_for: BrowserFor, session: Session
) -> None:
    admin = browser_for("admin")
    before = stored(session)
    bad = "\n".join([HEADER, "OF-16,1,LA-BIRMINGHAM,2027/28 Q1,,30,100,", "OF-16,1,NOWHERE,2027/28 Q9,,x,100,"])

    answer = upload(admin, bad.encode())

    assert answer.status_code == 422
    assert "There is a problem" in answer.text
    assert "Nothing was imported" in answer.text
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', answer.text.split('id="problems"')[1])
    named = {(row, column) for row, column in zip(cells[0::3], cells[1::3], strict=True)}
    assert named == {("3", "area"), ("3", "period"), ("3", "numerator")}
    assert stored(session) == before  # the good first row was not kept either


def test_no_file_or_a_file_that_is_not_text_is_refused_by_name(browser_for: BrowserFor) -> None:
    admin = browser_for("admin")
    token = csrf_token(admin.get("/admin/figures").text)

    empty = admin.post("/admin/figures", data={"csrf_token": token, "release": ""}, files={})
    binary = upload(admin, b"\xff\xfe\x00PK\x03\x04")

    assert empty.status_code == 422
    assert "Select a CSV file of figures to upload" in empty.text
    assert binary.status_code == 422
    assert "The file must be a CSV saved as UTF-8 text" in binary.text


def test_only_administrators_see_the_import(browser_for: BrowserFor) -> None:
    assert browser_for("planner_a").get("/admin/figures").status_code == 403
    assert 'href="/admin/figures"' in browser_for("admin").get("/admin").text
