"""Part 3's local grids on the page: added, titled, removed and renumbered, and the guidance's hints."""

import html

from sqlmodel import Session

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import MAX_GRIDS, PlanningGrids
from service.pages.planning import planning_grids_form
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.grid_forms import MESSAGE, api_grids, open_grids, press, stored_grids, with_a_local_grid
from tests.pages.part_forms import form_of


def test_a_local_grid_is_added_titled_given_an_objective_and_saved(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = api_grids(browser, plan)
    title = planning_grids_form.grid_name(5, "title")

    added = press(browser, plan, open_grids(browser, plan), "add-grid")
    fields = with_a_local_grid(browser, plan, "Housing and recovery")

    assert "Grid 5 added: give it a title" in MESSAGE.search(added).group(1)  # type: ignore[union-attr]
    assert form_of(added)[title] == ""
    assert f'href="#{title}"' in added
    assert api_grids(browser, plan) == before  # nothing saved by the buttons
    saved = browser.post(f"/plans/{plan}/planning-grids", data=fields)

    assert "Part 3 is saved." in saved.text
    after = api_grids(browser, plan)
    assert after[:4] == before
    assert after[4]["number"] == 5
    assert after[4]["title"] == "Housing and recovery"
    objective = after[4]["objectives"][0]
    assert objective["text"] == "House everyone leaving treatment."
    assert objective["actions"] == [
        {"text": "Agree a protocol with housing.", "postholder": "Housing lead", "due": "2008-12-31"}
    ]
    assert 'id="grid-5" tabindex="-1">Grid 5: Housing and recovery</h2>' in saved.text


def test_a_local_grid_without_a_title_is_refused_with_the_field_named_and_the_input_kept(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    title = planning_grids_form.grid_name(5, "title")

    answer = browser.post(f"/plans/{plan}/planning-grids", data=with_a_local_grid(browser, plan, "  "))

    assert answer.status_code == 422
    assert f'<a href="#{title}">Grid 5: title: Enter a title for the local grid</a>' in answer.text
    assert f'id="{title}-error"' in answer.text
    shown = form_of(answer.text)
    assert shown[planning_grids_form.action_name(5, 0, 0, "postholder")] == "Housing lead"
    assert shown[title] == "  "
    assert stored_grids(session, plan) == before


def test_removing_a_local_grid_renumbers_the_ones_after_it_and_saves_only_on_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    browser.post(f"/plans/{plan}/planning-grids", data=with_a_local_grid(browser, plan, "Housing"))
    second = form_of(press(browser, plan, open_grids(browser, plan), "add-grid"))
    browser.post(f"/plans/{plan}/planning-grids", data=second | {planning_grids_form.grid_name(6, "title"): "Jobs"})
    assert [grid.title for grid in stored_grids(session, plan).grids[4:]] == ["Housing", "Jobs"]

    removed = press(browser, plan, open_grids(browser, plan), "remove-grid:5")
    fields = form_of(removed)

    assert "Grid 5 removed; the local grids after it are renumbered." in removed
    assert fields[planning_grids_form.grid_name(5, "title")] == "Jobs"
    assert planning_grids_form.grid_name(6, "title") not in fields
    assert len(stored_grids(session, plan).grids) == 6  # nothing saved by the button
    browser.post(f"/plans/{plan}/planning-grids", data=fields)
    after = stored_grids(session, plan).grids
    assert [(grid.number, grid.title) for grid in after[4:]] == [(5, "Jobs")]
    assert [grid.number for grid in after] == [1, 2, 3, 4, 5]


def test_standard_grids_have_no_remove_button_and_a_forged_one_changes_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    page = browser.get(f"/plans/{plan}/planning-grids").text
    fields = form_of(page)

    forged = press(browser, plan, fields, "remove-grid:2")
    saved = browser.post(f"/plans/{plan}/planning-grids", data=form_of(forged) | {"grid_1-key_priorities": "Mine."})

    assert 'value="remove-grid:' not in page
    assert "Grid 2 is a standard grid: every plan keeps grids 1 to 4." in forged
    assert form_of(forged) == fields
    assert "Part 3 is saved." in saved.text
    after = stored_grids(session, plan)
    assert after.grids[0].key_priorities == "Mine."
    assert after.grids[1:] == before.grids[1:]


def test_a_form_that_leaves_out_a_standard_grid_cannot_drop_it(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    fields = open_grids(browser, plan)
    without_grid_2 = {name: value for name, value in fields.items() if not name.startswith("grid_2-")}

    browser.post(f"/plans/{plan}/planning-grids", data=without_grid_2)

    after = stored_grids(session, plan)
    assert [(grid.number, grid.title) for grid in after.grids] == [
        (grid.number, grid.title) for grid in PlanningGrids().grids
    ]


def test_the_guidance_prompts_are_hints_under_each_grid_local_ones_included(
    browser_for: BrowserFor, demo: Demo
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    page = browser.get(f"/plans/{plan}/planning-grids").text
    added = press(browser, plan, open_grids(browser, plan), "add-grid")

    grid_2 = section_of(page, 2)
    grid_5 = section_of(added, 5)
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


def section_of(page: str, number: int) -> str:
    """One grid's part of the page, from its heading to the next grid's."""
    start = page.index(f'id="grid-{number}" tabindex="-1"')
    end = page.find('class="govuk-heading-l" id="grid-', start + 1)
    return page[start : end if end > 0 else len(page)]


def test_adding_and_removing_grids_respects_the_standard_grids_and_the_limit() -> None:
    grids = PlanningGrids()
    values = planning_grids_form.form_values(grids)
    for _ in range(MAX_GRIDS - 4):
        added = planning_grids_form.rearrange(values, "add-grid", grids)
        assert added is not None
        values = added.values
    full = planning_grids_form.rearrange(values, "add-grid", grids)

    assert full is not None
    assert full.message == f"Part 3 already has the most grids it can have ({MAX_GRIDS})."
    assert planning_grids_form.grid_numbers(full.values, grids) == list(range(1, MAX_GRIDS + 1))
    assert planning_grids_form.rearrange(values, "remove-grid:13", grids) is None
    assert planning_grids_form.grid_numbers({"grid_x-key_priorities": "", "grid_40-key_priorities": ""}, grids) == [
        1,
        2,
        3,
        4,
    ]


def test_a_local_grid_someone_else_added_is_merged_in_unless_i_added_one_too(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    my_form = open_grids(mine, plan)
    my_grid = with_a_local_grid(mine, plan, "My grid")
    title = planning_grids_form.grid_name(5, "title")
    their_form = form_of(press(theirs, plan, open_grids(theirs, plan), "add-grid"))
    theirs.post(f"/plans/{plan}/planning-grids", data=their_form | {title: "Their grid"})

    without_mine = mine.post(f"/plans/{plan}/planning-grids", data=my_form)
    with_mine = mine.post(f"/plans/{plan}/planning-grids", data=my_grid)

    assert without_mine.status_code == 409
    assert form_of(without_mine.text)[title] == "Their grid"
    assert 'name="conflict-1"' not in without_mine.text
    assert with_mine.status_code == 409
    assert form_of(with_mine.text)[title] == "My grid"
    assert f'id="{title}-changed">Someone else saved “Their grid”' in with_mine.text
    assert "Use theirs: 5 grids, with “Their grid”" in with_mine.text
    assert stored_grids(session, plan).grids[4].title == "Their grid"
