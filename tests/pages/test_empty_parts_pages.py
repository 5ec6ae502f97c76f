"""A part with nothing entered, as the pages show it: not started on the task list, refused by check your answers."""

import re

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.journey import submissions
from service.planning import parts, plans
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.test_funding_page import open_funding
from tests.pages.test_submit_pages import attach_self_audit, submit_initial

NOT_STARTED_4 = "Part 4 funding has not been started"


def empty_part_4(session: Session, plan_id: int) -> None:
    """Part 4 put back to the document the plan was created with: its years and categories, nothing entered."""
    plan = session.get(Plan, plan_id)
    assert plan is not None
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert cycle is not None
    stored = parts.read_part(plan_id, PartName.FUNDING, session=session)
    blank = plans.starting_document(PartName.FUNDING, cycle=cycle, pct_codes=[])
    parts.replace_part(plan_id, PartName.FUNDING, blank, expected_version=stored.version, session=session)


def task_list_item(page: str, title_start: str) -> str:
    """The text of the task list item whose title starts with the words given, tags stripped."""
    items = page.split('<li class="govuk-task-list__item')[1:]
    item = next(item for item in items if f">{title_start}" in item)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split("</li>")[0]))


def test_the_task_list_says_an_empty_part_is_not_started_and_never_that_it_has_no_problems(
    browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}").text

    funding = task_list_item(page, "Part 4")
    assert "Not started" in funding
    assert "Nothing entered yet" in funding
    assert "No problems found" not in page
    assert f"{NOT_STARTED_4}: nothing has been entered in it" in page  # what stops the next submission


def test_part_4_saved_with_nothing_typed_is_still_not_started(browser_for: BrowserFor, demo: Demo) -> None:
    planner = browser_for("planner_b")
    fields = open_funding(planner, demo.empty_plan_id)

    saved = planner.post(f"/plans/{demo.empty_plan_id}/funding", data=fields)

    assert saved.status_code == 200
    assert "Part 4 is saved" in saved.text
    funding = task_list_item(planner.get(f"/plans/{demo.empty_plan_id}").text, "Part 4")
    assert "Not started" in funding


def test_check_your_answers_names_an_empty_part_4_and_offers_no_declaration(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    empty_part_4(session, demo.filled_plan_id)
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)

    page = planner.get(f"/plans/{demo.filled_plan_id}/submit/initial").text

    blocking = page.split('id="blocking"')[1].split("</ul>")[0]
    assert f"{NOT_STARTED_4}: nothing has been entered in it, so the initial submission cannot carry it." in blocking
    assert 'name="declaration"' not in page
    card = page.split('id="funding"')[1].split('class="govuk-summary-card"')[0]
    assert "Not started" in card


def test_a_submission_of_an_empty_part_4_is_refused_on_the_page_naming_it(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    opened = planner.get(f"/plans/{demo.filled_plan_id}/submit/initial").text
    assert 'name="declaration"' in opened  # ready when opened; Part 4 is emptied before the declaration is sent
    empty_part_4(session, demo.filled_plan_id)

    answer = submit_initial(planner, demo.filled_plan_id, declaration="confirmed")

    assert answer.status_code == 422
    summary = answer.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'<a href="#funding">{NOT_STARTED_4}: nothing has been entered in it' in summary
    assert submissions.list_for(demo.filled_plan_id, session=session) == []
