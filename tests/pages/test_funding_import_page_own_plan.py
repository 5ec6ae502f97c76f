"""The Part 4 upload page takes a workbook only into its own plan, and the blank template into any."""

import html

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.planning import parts, plans
from tests.api.test_funding_import_own_plan import filled_in, last_cycles_workbook, plans_years
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.test_funding_import_page import exported_workbook, upload


def summary_of(page: str) -> str:
    return html.unescape(page.split('class="govuk-error-summary"')[1].split("</ul>")[0])


def test_a_workbook_downloaded_from_another_partnerships_plan_is_refused_naming_a2(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    birmingham = plans.get_plan(demo.filled_plan_id, session=session).partnership.name
    manchester = plans.get_plan(demo.empty_plan_id, session=session).partnership.name
    before = parts.read_part(demo.empty_plan_id, PartName.FUNDING, session=session).version

    answer = upload(browser_for("planner_b"), demo.empty_plan_id, exported_workbook(session, demo.filled_plan_id))

    assert answer.status_code == 422
    summary = summary_of(answer.text)
    assert f'<a href="#workbook">Table 1!A2: names {birmingham}; this plan is {manchester}\'s</a>' in summary
    assert "Nothing was imported." in answer.text
    session.expire_all()
    assert parts.read_part(demo.empty_plan_id, PartName.FUNDING, session=session).version == before


def test_a_workbook_of_another_cycles_years_is_refused_naming_the_year(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    view = plans.get_plan(demo.empty_plan_id, session=session)
    workbook, first_year = last_cycles_workbook(view)

    answer = upload(browser_for("planner_b"), demo.empty_plan_id, workbook)

    assert answer.status_code == 422
    assert f"Table 1!C4: is {first_year}; this plan's years are {plans_years(view)}" in summary_of(answer.text)
    assert "Table 1!A2" not in answer.text  # the partnership's own workbook, of the wrong years


def test_the_blank_template_is_imported_into_the_plan(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    planner = browser_for("planner_b")
    link = planner.get(f"/plans/{demo.empty_plan_id}/funding/import").text.split('href="/api/v1/cycles/')[1]
    cycle_id = link.split("/")[0]
    template = planner.get(f"/api/v1/cycles/{cycle_id}/templates/funding").content

    answer = upload(planner, demo.empty_plan_id, filled_in(template))

    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/plans/{demo.empty_plan_id}/funding?imported=1"
