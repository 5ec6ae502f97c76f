"""Part 3 as a list of grids and a page per grid: where each grid is, saving and going on, and the links to them."""

import re
from typing import Any

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.pages.planning import planning_grids_form
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.grid_forms import grid_url, open_grid, stored_grids
from tests.pages.reviewing import request_revisions
from tests.validators.stored_parts import edit


def test_the_list_says_where_each_grid_is_and_links_to_its_page(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    postholder = planning_grids_form.action_name(2, 0, 0, "postholder")
    browser.post(grid_url(plan, 2), data=open_grid(browser, plan, 2) | {postholder: ""})

    listed = browser.get(f"/plans/{plan}/planning-grids").text
    empty = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}/planning-grids").text

    for grid in (1, 2, 3, 4):
        assert f'href="{grid_url(plan, grid)}"' in listed
    item_1 = listed[listed.index(f'href="{grid_url(plan, 1)}"') : listed.index(f'href="{grid_url(plan, 2)}"')]
    item_2 = listed[listed.index(f'href="{grid_url(plan, 2)}"') : listed.index(f'href="{grid_url(plan, 3)}"')]
    assert "Completed" in item_1
    assert "1 thing to do" in item_2
    assert "In progress" in item_2
    assert "1 thing to do before Part 3 can be submitted." in listed
    assert empty.count("Not started") == 4
    assert "0 objectives" in empty


def test_save_and_continue_goes_to_the_next_grid_then_back_to_the_list(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id

    to_2 = browser.post(
        grid_url(plan, 1), data=open_grid(browser, plan, 1) | {"continue": "yes"}, follow_redirects=False
    )
    to_list = browser.post(
        grid_url(plan, 4), data=open_grid(browser, plan, 4) | {"continue": "yes"}, follow_redirects=False
    )
    postholder = planning_grids_form.action_name(3, 0, 0, "postholder")
    stays = browser.post(
        grid_url(plan, 3),
        data=open_grid(browser, plan, 3) | {postholder: "", "continue": "yes"},
        follow_redirects=False,
    )

    assert to_2.headers["location"] == grid_url(plan, 2)
    assert to_list.headers["location"] == f"/plans/{plan}/planning-grids"
    assert stays.headers["location"] == f"{grid_url(plan, 3)}?saved=1"  # a thing to fix here first
    page = browser.get(grid_url(plan, 1)).text
    assert "“Save and continue” saves grid 1 and takes you to grid 2." in page


def test_a_grid_saved_meanwhile_by_someone_else_is_kept_without_asking(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    my_form = open_grid(mine, plan, 1)
    theirs.post(grid_url(plan, 3), data=open_grid(theirs, plan, 3) | {"grid_3-key_priorities": "Theirs."})

    answer = mine.post(grid_url(plan, 1), data=my_form | {"grid_1-key_priorities": "Mine."}, follow_redirects=False)

    assert answer.status_code == 303
    grids = stored_grids(session, plan).grids
    assert (grids[0].key_priorities, grids[2].key_priorities) == ("Mine.", "Theirs.")


def test_a_comment_on_a_grids_field_is_shown_on_that_grids_page_and_linked_to_it(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    comments = {
        "planning-grids|/grids/1/objectives/0/text": "Say how three weeks will be measured.",
        "planning-grids|": "Link every objective to a key priority.",
    }
    request_revisions(browser_for("reviewer_x"), submitted_plan, comments)
    planner = browser_for("planner_a")
    field = planning_grids_form.objective_name(2, 0, "text")

    plan_page = planner.get(f"/plans/{submitted_plan}").text
    grid_2 = planner.get(grid_url(submitted_plan, 2)).text
    grid_1 = planner.get(grid_url(submitted_plan, 1)).text
    listed = planner.get(f"/plans/{submitted_plan}/planning-grids").text

    assert f'href="{grid_url(submitted_plan, 2)}#{field}"' in plan_page
    beside = grid_2[grid_2.index(f'for="{field}"') - 2000 : grid_2.index(f'id="{field}" name=')]
    assert "Say how three weeks will be measured." in beside
    assert "Say how three weeks will be measured." not in grid_1
    assert "Link every objective to a key priority." in listed
    assert "Link every objective to a key priority." not in grid_2
    assert "Say how three weeks will be measured." not in listed


def test_a_check_the_rules_make_on_a_field_is_said_beside_it_and_read_with_it(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    def without_a_measure(document: dict[str, Any]) -> None:
        document["grids"][0]["objectives"][0]["measure"] = ""

    edit(session, demo.filled_plan_id, PartName.PLANNING_GRIDS, without_a_measure)
    field = planning_grids_form.objective_name(1, 0, "measure")

    page = browser_for("planner_a").get(grid_url(demo.filled_plan_id, 1)).text

    check = re.search(rf'<p class="adtp-check" id="{field}-check">Check: ([^<]*)</p>', page)
    assert check is not None
    assert "has no measure" in check.group(1)
    described = re.search(rf'id="{field}" name="{field}"[^>]*aria-describedby="([^"]*)"', page, re.DOTALL)
    assert described is not None
    assert f"{field}-check" in described.group(1).split()
