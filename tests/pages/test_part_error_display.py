"""When a part's page shows what is wrong: a count before the user acts, every problem once they save or check."""

import html
import re

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.pages.planning.plan_pages import TaskListItem
from service.planning import reference
from service.planning.part_status import PartStatus
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.part_forms import form_of

TO_DO = re.compile(r"(\d+) things to do before Part 2 can be submitted")


def summary_items(page: str) -> list[str]:
    """The error summary's entries, as text."""
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in summary.split("<li>")[1:]]


def test_an_empty_part_opens_with_how_much_is_left_not_a_wall_of_errors(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}/targets").text

    assert "govuk-error-summary" not in page
    assert "govuk-error-message" not in page
    assert "<title>Error:" not in page
    assert TO_DO.search(page)
    assert f'href="/plans/{demo.empty_plan_id}/targets?check=1"' in page


def test_checking_a_part_lists_every_problem_once_and_each_blank_cell_says_so_briefly(
    browser_for: BrowserFor, demo: Demo
) -> None:
    planner = browser_for("planner_b")
    to_do = TO_DO.search(planner.get(f"/plans/{demo.empty_plan_id}/targets").text)
    assert to_do

    page = planner.get(f"/plans/{demo.empty_plan_id}/targets?check=1").text

    items = summary_items(page)
    assert len(items) == int(to_do.group(1))  # the count said before is the list shown now
    assert "There is a problem" in page
    for item in items:  # each long message once, in the summary; the cell it links to says it short
        assert html.unescape(page).count(item) == 1
    assert "Enter a figure" in page


def test_a_save_that_leaves_things_to_fix_says_both_in_one_message(browser_for: BrowserFor, demo: Demo) -> None:
    planner = browser_for("planner_b")
    fields = form_of(planner.get(f"/plans/{demo.empty_plan_id}/targets").text)

    saved = planner.post(f"/plans/{demo.empty_plan_id}/targets", data=fields)

    assert saved.status_code == 200
    assert "There is a problem" not in saved.text
    assert "govuk-notification-banner--success" not in saved.text
    title = saved.text.split('class="govuk-error-summary__title">')[1].split("</h2>")[0]
    assert re.fullmatch(r"Part 2 is saved\. \d+ things to fix before Part 2 can be submitted:", title)


def test_the_task_list_counts_what_is_left_in_words() -> None:
    part = TaskListItem(PartName.TARGETS, "Part 2", "/plans/1/targets", PartStatus.IN_PROGRESS, errors=12, warnings=1)

    assert part.hint == "12 things to do before it can be submitted; 1 thing to check"


def test_date_hints_give_a_date_in_the_plan_year(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert cycle is not None

    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/planning-grids/1").text

    assert f"For example, 30 9 {cycle.plan_year[:4]}</div>" in page


def test_part_2_names_each_pct_with_its_code_beside_it(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    plan = session.get(Plan, demo.empty_plan_id)
    assert plan is not None
    covered = reference.pcts_of(plan.partnership_id, session=session)
    assert covered

    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}/targets").text

    for pct in covered:
        assert f'{html.escape(pct.name)} <span class="adtp-code">({pct.code})</span>' in page
        # Read out by a screen reader and named in the error summary by its name too, not the code alone.
        assert f">{html.escape(pct.name)} ({pct.code}): notes</label>" in page


def test_a_pcts_figure_that_cannot_be_read_is_named_by_the_pcts_name(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan = session.get(Plan, demo.empty_plan_id)
    assert plan is not None
    first = reference.pcts_of(plan.partnership_id, session=session)[0]
    browser = browser_for("planner_b")
    fields = form_of(browser.get(f"/plans/{demo.empty_plan_id}/targets").text)
    # The empty plan shows a row for each PCT covered, in order, each with its code as a hidden field.
    row = {"primary_care-0-pct_code": first.code, "primary_care-0-practices_in_area": "many"}

    answer = browser.post(f"/plans/{demo.empty_plan_id}/targets", data=fields | row)

    assert answer.status_code == 422
    assert f"{html.escape(first.name)} ({first.code}): practices in the area: " in answer.text


def test_table_2_heads_its_columns_by_the_sources_names(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}/funding").text

    assert 'DIP main grant <span class="adtp-code">(row 1.5)</span></th>' in page
    assert "<abbr" not in page


def test_the_summary_lists_problems_in_the_order_of_the_page(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}/targets?check=1").text

    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    linked = re.findall(r'<a href="#([^"]+)">', summary)
    on_page = re.findall(r'<input class="govuk-input[^>]* id="([^"]+)"', page)
    assert len(linked) > 2
    assert [on_page.index(name) for name in linked] == sorted(on_page.index(name) for name in linked)
