"""Part 3's local grids on their pages: added from the list, titled, removed (after asking) and renumbered."""

import html
import re

from sqlmodel import Session

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import MAX_GRIDS, PlanningGrid, PlanningGrids
from service.pages.planning import grid_page_form, planning_grids_form
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.grid_forms import api_grids, grid_url, open_grid, stored_grids, with_a_local_grid
from tests.pages.part_forms import form_of


def hidden_fields(page: str) -> dict[str, str]:
    """What the question page's "Yes" button posts: its hidden fields."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def test_a_local_grid_is_added_from_the_list_titled_given_an_objective_and_saved(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = api_grids(browser, plan)
    listed = browser.get(f"/plans/{plan}/planning-grids").text
    empty = browser.get(grid_url(plan, 5)).text

    saved = browser.post(grid_url(plan, 5), data=with_a_local_grid(browser, plan, "Housing and recovery"))

    assert f'href="{grid_url(plan, 5)}">Add a local grid</a>' in listed
    assert "Part 3, grid 5: a new local grid" in empty
    assert form_of(empty)[planning_grids_form.grid_name(5, "title")] == ""
    assert api_grids(browser, plan)[4:] != []
    assert "Grid 5 is saved." in saved.text
    after = api_grids(browser, plan)
    assert after[:4] == before
    assert (after[4]["number"], after[4]["title"]) == (5, "Housing and recovery")
    assert after[4]["objectives"][0]["actions"] == [
        {"text": "Agree a protocol with housing.", "postholder": "Housing lead", "due": "2008-12-31"}
    ]
    assert "Part 3, grid 5: Housing and recovery" in saved.text
    listed_after = browser.get(f"/plans/{plan}/planning-grids").text
    assert f'href="{grid_url(plan, 5)}"' in listed_after
    assert "Grid 5: Housing and recovery" in listed_after
    assert f'href="{grid_url(plan, 6)}">Add a local grid</a>' in listed_after


def test_a_local_grid_without_a_title_is_refused_with_the_field_named_and_the_input_kept(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    title = planning_grids_form.grid_name(5, "title")

    answer = browser.post(grid_url(plan, 5), data=with_a_local_grid(browser, plan, "  "))

    assert answer.status_code == 422
    assert f'<a href="#{title}">Grid 5: title: Enter a title for the local grid</a>' in answer.text
    assert f'id="{title}-error"' in answer.text
    shown = form_of(answer.text)
    assert shown[planning_grids_form.action_name(5, 0, 0, "postholder")] == "Housing lead"
    assert shown[title] == "  "
    assert stored_grids(session, plan) == before


def test_removing_a_local_grid_asks_first_then_renumbers_the_ones_after_it(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    browser.post(grid_url(plan, 5), data=with_a_local_grid(browser, plan, "Housing"))
    browser.post(
        grid_url(plan, 6), data=open_grid(browser, plan, 6) | {planning_grids_form.grid_name(6, "title"): "Jobs"}
    )
    assert [grid.title for grid in stored_grids(session, plan).grids[4:]] == ["Housing", "Jobs"]
    page = browser.get(grid_url(plan, 5)).text

    asked = browser.post(grid_url(plan, 5), data=form_of(page) | {"action": "remove-grid:5"})

    assert 'value="remove-grid:5"' in page
    assert '<h1 class="govuk-heading-l">Remove grid 5?</h1>' in asked.text
    assert "Grid 5 (Housing) and its 1 objective are removed from Part 3" in asked.text
    assert "The local grids after it are renumbered" in asked.text
    assert len(stored_grids(session, plan).grids) == 6  # nothing removed by asking
    removed = browser.post(grid_url(plan, 5), data=hidden_fields(asked.text), follow_redirects=False)
    assert removed.status_code == 303
    assert removed.headers["location"] == f"/plans/{plan}/planning-grids?removed=5"
    listed = browser.get(removed.headers["location"]).text
    assert "Grid 5 is removed from Part 3, and Part 3 is saved." in listed
    after = stored_grids(session, plan).grids
    assert [(grid.number, grid.title) for grid in after[4:]] == [(5, "Jobs")]


def test_a_removal_confirmed_after_someone_else_saved_removes_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    mine.post(grid_url(plan, 5), data=with_a_local_grid(mine, plan, "Housing"))
    asked = mine.post(grid_url(plan, 5), data=open_grid(mine, plan, 5) | {"action": "remove-grid:5"})
    theirs.post(
        grid_url(plan, 5), data=open_grid(theirs, plan, 5) | {planning_grids_form.grid_name(5, "title"): "Homes"}
    )

    answer = mine.post(grid_url(plan, 5), data=hidden_fields(asked.text))

    assert answer.status_code == 409
    assert "Someone else saved Part 3 since you opened grid 5, so it is not removed." in answer.text
    assert stored_grids(session, plan).grids[4].title == "Homes"


def test_standard_grids_have_no_remove_button_and_a_forged_one_changes_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    page = browser.get(grid_url(plan, 2)).text

    forged = browser.post(grid_url(plan, 2), data=form_of(page) | {"action": "remove-grid:2", "confirmed": "yes"})

    assert 'value="remove-grid:' not in page
    assert forged.url.path == f"/plans/{plan}/planning-grids"
    assert stored_grids(session, plan) == before


def test_a_grid_the_part_cannot_have_is_not_found(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")

    for grid in ("0", str(MAX_GRIDS + 1), "99999999999999999999", "two"):
        assert browser.get(f"/plans/{demo.filled_plan_id}/planning-grids/{grid}").status_code == 404


def test_the_guidance_prompts_are_hints_on_each_grids_page_local_ones_included(
    browser_for: BrowserFor, demo: Demo
) -> None:
    browser = browser_for("planner_a")
    grid_2 = browser.get(grid_url(demo.filled_plan_id, 2)).text
    grid_5 = browser.get(grid_url(demo.filled_plan_id, 5)).text

    assert '<details class="govuk-details">' in grid_2
    assert "What the guidance suggests for grid 2" in grid_2
    assert html.escape(GRID_PROMPTS[2][3], quote=False) in grid_2
    assert html.escape(GRID_PROMPTS[1][0], quote=False) not in grid_2
    assert "What the guidance suggests for grid 5" in grid_5
    for prompt in CROSS_CUTTING_PROMPTS:
        assert html.escape(prompt, quote=False) in grid_2
        assert html.escape(prompt, quote=False) in grid_5
    assert not any(
        html.escape(prompt, quote=False) in grid_5 for prompts in GRID_PROMPTS.values() for prompt in prompts
    )


def test_a_new_local_grid_takes_the_first_free_number_until_the_part_is_full() -> None:
    grids = PlanningGrids()
    numbers = []
    while (number := grid_page_form.new_local_grid(grids)) is not None:
        numbers.append(number)
        grids = PlanningGrids(grids=[*grids.grids, PlanningGrid(number=number, title=f"Local {number}")])

    assert numbers == list(range(5, MAX_GRIDS + 1))
    assert not grid_page_form.has_page(grids, MAX_GRIDS + 1)
    assert grid_page_form.next_grid(grids, MAX_GRIDS) is None
    assert grid_page_form.next_grid(grids, 4) == 5


def test_removing_a_local_grid_keeps_the_standard_ones_and_closes_the_gap() -> None:
    grids = PlanningGrids(
        grids=[*PlanningGrids().grids, *(PlanningGrid(number=n, title=f"Local {n}") for n in (5, 6, 7))]
    )

    after = PlanningGrids.model_validate(grid_page_form.without(grids, 6))

    assert [(grid.number, grid.title) for grid in after.grids[3:]] == [
        (4, grids.grids[3].title),
        (5, "Local 5"),
        (6, "Local 7"),
    ]
