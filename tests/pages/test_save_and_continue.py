"""Save and continue: every part's page saves and goes on to the next part, unless something is left to fix."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.planning import parts, plans, validation
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.part_forms import form_of
from validators.findings import count_by_severity


def errors_in(session: Session, plan_id: int, part: PartName) -> int:
    view = plans.get_plan(plan_id, session=session)
    found = validation.part_findings(parts.read_part(plan_id, part, session=session), view, session=session)
    return count_by_severity(found).errors


def save_and_continue(browser: TestClient, plan_id: int, path: str) -> str:
    page = browser.get(f"/plans/{plan_id}/{path}")
    assert page.status_code == 200
    assert ">Save and continue</button>" in page.text
    answer = browser.post(f"/plans/{plan_id}/{path}", data=form_of(page.text) | {"continue": "yes"})
    assert answer.status_code == 200, answer.text
    return str(answer.url)


@pytest.mark.parametrize(
    ("path", "after"),
    [
        ("strategic-summary", "/targets"),
        ("planning-grids/1", "/planning-grids/2"),
        ("planning-grids/4", "/planning-grids"),
        ("funding", ""),
    ],
)
def test_a_part_without_errors_continues_to_the_next_part(
    browser_for: BrowserFor, demo: Demo, session: Session, path: str, after: str
) -> None:
    plan = demo.filled_plan_id
    part = PartName(path.split("/")[0])
    assert errors_in(session, plan, part) == 0, "the demo's filled plan has no errors in this part"

    url = save_and_continue(browser_for("planner_a"), plan, path)

    assert url.endswith(f"/plans/{plan}{after}")


def test_a_part_with_errors_stays_on_its_page_and_lists_them(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan = demo.empty_plan_id
    assert errors_in(session, plan, PartName.STRATEGIC_SUMMARY) > 0

    browser = browser_for("planner_b")
    url = save_and_continue(browser, plan, "strategic-summary")

    assert url.endswith(f"/plans/{plan}/strategic-summary?saved=1")
    page = browser.get(url).text
    assert "Part 1 is saved." in page
    assert "things to fix before Part 1 can be submitted" in page


def test_save_alone_stays_on_the_page(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    page = browser.get(f"/plans/{demo.filled_plan_id}/targets").text

    answer = browser.post(f"/plans/{demo.filled_plan_id}/targets", data=form_of(page))

    assert str(answer.url).endswith("/targets?saved=1")
