"""A part the model refuses still shows what the rules find: every problem on the page at once, in page order."""

from sqlmodel import Session

from plan_schema.strategic_summary import StrategicSummary
from service.pages.planning import planning_grids_form
from service.pages.planning.part_form import best_document, left_out_of
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.grid_forms import grid_url, stored_grids, with_a_local_grid
from tests.pages.test_part_error_display import summary_items
from tests.pages.test_strategic_summary_page import open_summary, stored_summary


def test_a_duplicate_priority_number_and_an_empty_element_are_both_listed_in_page_order(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    before = stored_summary(session, demo.filled_plan_id)
    fields = open_summary(browser, demo.filled_plan_id)
    assert "key_priorities-1-number" in fields  # the demo plan has two key priorities to make the same

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary",
        data=fields | {"likely_demand": " ", "key_priorities-1-number": fields["key_priorities-0-number"]},
    )

    assert answer.status_code == 422
    items = summary_items(answer.text)
    demand = next(index for index, item in enumerate(items) if "likely demand" in item.lower())
    duplicate = next(index for index, item in enumerate(items) if "used twice" in item)
    assert demand < duplicate  # the element comes before the key priorities on the page
    assert 'href="#likely_demand"' in answer.text
    assert 'id="likely_demand-error"' in answer.text
    assert stored_summary(session, demo.filled_plan_id) == before  # nothing saved


def test_a_grid_without_a_title_and_an_action_without_a_postholder_are_both_listed(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    postholder = planning_grids_form.action_name(5, 0, 0, "postholder")
    title = planning_grids_form.grid_name(5, "title")

    answer = browser.post(grid_url(plan, 5), data=with_a_local_grid(browser, plan, "") | {postholder: " "})

    assert answer.status_code == 422
    items = summary_items(answer.text)
    needs_postholder = next(index for index, item in enumerate(items) if "needs a named postholder" in item)
    needs_title = next(index for index, item in enumerate(items) if "title" in item.lower())
    assert needs_title < needs_postholder  # the grid's title comes before its objectives on the page
    assert f'href="#{postholder}"' in answer.text
    assert f'href="#{title}"' in answer.text
    assert stored_grids(session, plan) == before


def test_the_best_document_keeps_every_priority_before_a_refused_one_in_its_place() -> None:
    typed = {
        "likely_demand": "",
        "key_priorities": [
            {"number": 1, "title": "Access", "description": ""},
            {"number": None, "title": "Recovery", "description": ""},
            {"number": 1, "title": "Housing", "description": ""},
        ],
    }

    best, left_out = best_document(StrategicSummary, typed)

    assert isinstance(best, StrategicSummary)
    assert [priority.title for priority in best.key_priorities] == ["Access"]
    assert {"/key_priorities/1", "/key_priorities/2"} <= set(left_out)
    assert left_out_of("/key_priorities/1/title", left_out)
    assert not left_out_of("/key_priorities/0/title", left_out)
