"""A planner's initial submission in a real browser (Debian's Chromium), with and without JavaScript.

Each run gets its own freshly seeded service: a submission changes the plan's place on the timetable,
so the run with JavaScript and the run without must each start from the demo plan as seeded.
axe-core checks every page type of the journey, and its error states, on the way.
"""

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.pages.browser import CURRENT_PLAN_LINK, POLICE, sign_in
from tests.pages.conftest import Axe
from tests.workflow.flow import PDF

pytestmark = pytest.mark.browser


@pytest.fixture
def base_url(fresh_url: str) -> str:
    """The service on its own migrated and seeded SQLite database, for one test (see the module's docstring)."""
    return fresh_url


def add_pounds(field: Any, amount: int) -> None:
    field.fill(str(Decimal(field.input_value().replace(",", "") or "0") + amount))  # shown grouped: "2,000.00"


def test_a_planner_checks_answers_declares_and_makes_the_initial_submission(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.get_by_role("link", name=CURRENT_PLAN_LINK).click()
    assert page.locator("#submit-blocking").inner_text().count("self-audit") == 1
    assert "Nothing has been submitted yet" in page.locator("main").inner_text()
    assert axe(page) == [], "task list with its submit, history and documents sections"

    # Police money in both tables, so Table 2 still spends what Table 1 has (N15 = 1.14).
    page.locator(".govuk-task-list__link", has_text="Part 4").click()
    add_pounds(page.locator(POLICE), 1000)
    add_pounds(page.locator("#table_2-0-police"), 1000)
    page.get_by_role("button", name="Save Part 4").click()
    page.wait_for_url(re.compile(r"/funding\?saved=1$"))

    page.get_by_role("link", name="upload a filled Part 4 workbook").click()
    assert axe(page) == [], "Part 4 workbook upload"
    page.locator("#workbook").set_input_files(
        files=[{"name": "part-4.xlsx", "mimeType": "application/octet-stream", "buffer": PDF}]
    )
    page.get_by_role("button", name="Upload and replace Part 4").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Nothing was imported" in page.locator("main").inner_text()
    assert axe(page) == [], "Part 4 workbook upload with its problems"

    page.get_by_role("link", name="Back to Part 4").click()
    page.get_by_role("link", name="Back to the plan", exact=True).click()
    page.get_by_role("link", name=re.compile("^Attachments")).click()
    page.get_by_label("The harm reduction strategy self-audit").check()
    page.locator("#file").set_input_files(
        files=[{"name": "self-audit.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Attach the file").click()
    page.wait_for_url(re.compile(r"/attachments\?added=1$"))
    assert "self-audit.pdf" in page.locator("#attachment-list").inner_text()
    assert axe(page) == [], "attachments"

    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Check your answers for the initial submission").click()
    assert axe(page) == [], "check your answers"
    page.get_by_role("button", name="Accept and make the initial submission").click()
    assert "Confirm the declaration" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == [], "check your answers with the declaration not ticked"

    page.get_by_label(re.compile("^I confirm")).check()
    page.get_by_role("button", name="Accept and make the initial submission").click()
    page.wait_for_url(re.compile(r"/plans/1/submissions/\d+$"))
    assert page.locator(".govuk-panel__title").inner_text() == "Initial submission made"
    assert page.locator("#submission-number").inner_text() == "1"
    assert "On time" in page.locator("#timeliness").inner_text()  # the demo's deadlines lie ahead
    assert axe(page) == [], "submission made"

    page.get_by_role("link", name="Go back to the plan").click()
    history = page.locator("#submission-history").inner_text()
    assert "1: initial" in history
    assert "On time" in history
    assert "Part 1 (Word)" in history
    assert "Part 4 (Excel)" in history
    assert "Panel assessment" in page.locator("#next-deadline").inner_text()
