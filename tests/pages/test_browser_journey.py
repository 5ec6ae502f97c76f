"""Issue 13's remaining journeys in a real browser, with and without JavaScript: what the start pages say to do
next, Part 1's word counts, money as people type it on Part 4, the words pages use for dates, PCTs and Table 2,
and taking back an attachment before any submission carries it.

The tests here change only what no other test of the module reads: Part 1's findings element, Part 4's
previous-year column and a supporting file of their own. The reviewer's start page needs a submitted plan, so
that test has a service of its own (`fresh_url`).
"""

import re
import time
from decimal import Decimal
from typing import Any

import pytest

from plan_schema.plan_year import first_calendar_year, year_before
from plan_schema.wording import long_date
from service.pages.planning.funding_form import table_1_name
from service.planning.timetable import default_timetable
from tests.pages.browser import CURRENT_PLAN_LINK, DEMO_PLAN_YEAR, axe_violations, sign_in, without_javascript
from tests.pages.conftest import Axe
from tests.pages.test_browser_review import PLAN, REVIEWER, submit
from tests.workflow.flow import PDF

pytestmark = pytest.mark.browser

TIMETABLE = default_timetable(DEMO_PLAN_YEAR)  # the demo cycle's dates, as seed_demo sets them
PLAN_NAME = f"Birmingham Drug Action Team {DEMO_PLAN_YEAR}"  # how a next step names its plan
PREVIOUS_YEAR = year_before(DEMO_PLAN_YEAR)  # Part 4's other Table 1 column, which Table 2 does not add up to


def attention(page: Any) -> list[str]:
    """The start page's "What needs your attention" list, item by item."""
    return [text.strip() for text in page.locator("#attention + ul > li").all_inner_texts()]


def hint_of(page: Any, field_id: str) -> str:
    return str(page.locator(f"#{field_id}-hint").inner_text())


# 1. Start pages


def test_a_planners_start_page_says_what_to_do_next_by_when_and_for_which_plan(page: Any, axe: Axe) -> None:
    sign_in(page)

    due = long_date(TIMETABLE.initial_submission_due)
    next_step = f"{PLAN_NAME}: Make the initial submission (Parts 1 and 4) by {due}"
    assert next_step in attention(page)
    step = page.locator("#attention + ul").get_by_role("link", name=next_step, exact=True)
    assert step.get_attribute("href") == f"/plans/{PLAN}/submit/initial"
    # The plans table is for people: no column of the API's JSON (the API has its own documentation).
    table = page.locator("main table").first
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    assert headers == ["Partnership", "Plan year", "Status", "Next deadline"]
    assert "JSON" not in table.inner_text()
    assert table.locator("a[href^='/api/']").count() == 0
    row = table.get_by_role("row").filter(has=page.get_by_role("link", name=CURRENT_PLAN_LINK))
    assert f"{due} (due in " in row.inner_text()
    assert axe(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_reviewers_start_page_puts_the_assessment_waiting_for_them_first(
    javascript: bool, chromium: Any, fresh_url: str
) -> None:
    submit(fresh_url, "initial")
    page = chromium.new_context(base_url=fresh_url, java_script_enabled=javascript).new_page()
    sign_in(page, REVIEWER)

    due = long_date(TIMETABLE.panel_response_due)
    assert attention(page) == [f"{PLAN_NAME}: Assess the initial submission by {due}"]
    # "First": what needs them comes before the list of the region's plans.
    main = page.locator("main").inner_text()
    assert main.index("What needs your attention") < main.index("Plans in West Midlands")
    assert axe_violations(page if javascript else without_javascript(page, chromium, fresh_url)) == []

    page.locator("#attention + ul").get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/plans/{PLAN}/review#assessment$"))
    page.context.close()


# 2. Part 1 word counts


ELEMENTS = {
    "direction_and_purpose": "Overall direction and purpose of the partnership strategy",
    "likely_demand": "Likely demand, including differential impact on diverse groups",
    "needs_assessment_findings": "Key findings of the needs assessment",
    "outcome_improvements": "Improvements to treatment outcomes",
    "priorities_for_next_year": "Key priorities for the following financial year",
}
FINDINGS = "Demand from prison leavers is rising.\nCrack use is up in the east of the city."


def test_each_part_1_element_says_how_many_words_it_has_so_far_and_saving_updates_it(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}/strategic-summary")
    # The guidance's length, in pages and in words.
    assert "in the region of 4 to 6 pages of A4 (about 1,500 to 3,500 words)" in page.locator("main").inner_text()
    for name, label in ELEMENTS.items():
        words = len(page.get_by_label(label, exact=True).input_value().split())
        assert hint_of(page, name).endswith(f" So far: {words:,} word{'' if words == 1 else 's'}.")
    before = int(re.sub(r"\D", "", page.locator("#word-count").inner_text()))
    old = len(page.get_by_label(ELEMENTS["needs_assessment_findings"]).input_value().split())

    # The page counts when it is saved (static/ has no word-count script, so typing alone changes nothing).
    page.get_by_label(ELEMENTS["needs_assessment_findings"]).fill(FINDINGS)
    page.get_by_role("button", name="Save Part 1").click()

    assert "Part 1 is saved." in page.locator(".govuk-notification-banner").inner_text()
    assert hint_of(page, "needs_assessment_findings").endswith(" So far: 16 words.")
    after = before - old + 16
    expected = f"The five elements and the key priorities come to {after:,} words so far."
    assert page.locator("#word-count").inner_text() == expected
    assert axe(page) == []


# 3. Money on pages

POLICE_BEFORE = table_1_name(PREVIOUS_YEAR, "police")
SOCIAL_SERVICES_BEFORE = table_1_name(PREVIOUS_YEAR, "social_services")
PROBATION_BEFORE = table_1_name(PREVIOUS_YEAR, "probation")
TOTAL_BEFORE = table_1_name(PREVIOUS_YEAR, "total")  # row 1.14, worked out


def pounds(text: str) -> Decimal:
    return Decimal(re.sub(r"[£,\s]", "", text))


def test_part_4_reads_money_as_people_type_it_and_shows_it_grouped(page: Any, request: pytest.FixtureRequest) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}/funding")
    total = page.locator(f"#{TOTAL_BEFORE} [data-computed]")
    typed = {POLICE_BEFORE: "£2,000,000", SOCIAL_SERVICES_BEFORE: "1,000", PROBATION_BEFORE: " 12 500.5 "}
    old = sum(pounds(page.locator(f"#{name}").input_value()) for name in typed)
    expected = pounds(total.inner_text()) - old + Decimal("2_013_500.50")
    for name, text in typed.items():
        page.locator(f"#{name}").fill(text)
    if request.node.callspec.params["page"]:  # static/funding-totals.js works 1.14 out as you type
        assert pounds(total.inner_text()) == expected

    page.get_by_role("button", name="Save Part 4").click()

    assert "Part 4 is saved" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(f"#{POLICE_BEFORE}").input_value() == "2,000,000.00"
    assert page.locator(f"#{SOCIAL_SERVICES_BEFORE}").input_value() == "1,000.00"
    assert page.locator(f"#{PROBATION_BEFORE}").input_value() == "12,500.50"
    assert total.inner_text() == f"£{expected:,.2f}"


def test_text_that_is_not_money_is_refused_naming_the_field(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}/funding")
    page.locator(f"#{POLICE_BEFORE}").fill("abc")

    page.get_by_role("button", name="Save Part 4").click()

    summary = page.locator(".govuk-error-summary")
    problem = f"1.6 Police, {PREVIOUS_YEAR}: Enter an amount in pounds, like 2,500 or 2,500.50"
    assert problem in summary.inner_text()
    assert "is not an amount of money" not in page.locator("main").inner_text()
    summary.get_by_role("link", name=problem).click()
    field = page.locator(f"#{POLICE_BEFORE}")
    assert field.input_value() == "abc"  # kept as typed, to correct
    assert f"{POLICE_BEFORE}-error" in (field.get_attribute("aria-describedby") or "")
    assert "Enter an amount in pounds" in page.locator(f"#{POLICE_BEFORE}-error").inner_text()
    assert axe(page) == []


# 4. Words: dates, PCTs, Table 2


def test_part_3_grid_dates_are_hinted_in_the_cycles_plan_year(page: Any) -> None:
    sign_in(page)
    for grid in range(1, 5):
        page.goto(f"/plans/{PLAN}/planning-grids/{grid}")

        hints = page.locator(".govuk-date-input").locator("xpath=ancestor::fieldset[1]").locator(".govuk-hint")
        texts = {text.strip() for text in hints.all_inner_texts()}
        # 30 September of the plan year, never the template's 2008 (the demo cycle is the coming year).
        assert texts == {f"For example, 30 9 {first_calendar_year(DEMO_PLAN_YEAR)}"}, grid


def test_part_2_names_each_pct_with_its_code_beside(page: Any) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}/targets")

    table = page.get_by_role("table", name="Indicator 4: practices by PCT")
    rows = [text.strip() for text in table.locator("tbody th").all_inner_texts()]
    assert rows == [
        "Birmingham East and North PCT (5PG)",
        "Heart of Birmingham Teaching PCT (5MX)",
        "South Birmingham PCT (5M1)",
    ]
    # Each figure is labelled for a screen reader by the PCT's name too.
    assert page.get_by_label("South Birmingham PCT (5M1): practices in the area", exact=True).count() == 1


def test_table_2_is_headed_by_words_not_row_codes(page: Any) -> None:
    sign_in(page)
    page.goto(f"/plans/{PLAN}/funding")

    categories = page.locator("fieldset[id^='table-2-category-'] legend").all_inner_texts()
    assert categories[0].strip() == "Open access and harm reduction (tiers 1 and 2)"
    assert len(categories) == 10
    labels = page.locator("fieldset[id='table-2-category-0'] label").all_inner_texts()
    assert labels[0].strip() == "SMPTB available for adult drug treatment (1.1 − 1.2) (row 1.3)"
    # Every heading and label starts with a word; a row code only ever follows, in brackets.
    for text in [*categories, *labels]:
        assert re.match(r"^[A-Za-z]", text.strip()), text


# 5. Removing an attachment before it is submitted


def test_a_planner_removes_a_file_before_any_submission_after_being_told_what_happens(page: Any, axe: Axe) -> None:
    filename = f"Wrong file {time.monotonic_ns()}.pdf"  # its own, as the test runs twice on the module's plan
    sign_in(page)
    page.goto(f"/plans/{PLAN}/attachments")
    page.get_by_label("A supporting file").check()
    page.get_by_label("Upload a file").set_input_files({"name": filename, "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Attach the file").click()
    assert "The file is attached to the plan." in page.locator(".govuk-notification-banner").inner_text()
    files = page.locator("#attachment-list")
    assert filename in files.inner_text()

    files.get_by_role("button", name=f"Remove {filename}").click()

    assert page.locator("h1").inner_text() == f"Are you sure you want to remove {filename}?"
    said = page.locator("main").inner_text()
    assert "A supporting file is taken off the plan: nobody can download it any more" in said
    assert "No submission has carried it yet, so the panel has not seen it." in said
    assert "You cannot undo this yourself." in said
    assert axe(page) == []

    page.get_by_role("button", name="Yes, remove the file").click()

    page.wait_for_url(re.compile(rf"/plans/{PLAN}/attachments\?removed=1$"))
    assert "The file is removed from the plan." in page.locator(".govuk-notification-banner").inner_text()
    assert filename not in page.locator("main").inner_text()
    assert axe(page) == []
