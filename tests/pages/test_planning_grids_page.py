"""Part 3 as a page: objectives and actions added, moved and removed without JavaScript, saved, and refused."""

import datetime
import html
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import MAX_GRIDS, PlanningGrids
from plan_schema.vocabulary import CrossCuttingTheme, PartName
from service import parts
from service.models import Plan
from service.pages import planning_grids_form
from service.workflow import PlanStatus
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor, csrf_token
from tests.pages.part_forms import form_of

MESSAGE = re.compile(r'id="form-message">(.*?)<', re.DOTALL)


def stored_grids(session: Session, plan_id: int) -> PlanningGrids:
    model = parts.read_part(plan_id, PartName.PLANNING_GRIDS, session=session).model
    assert isinstance(model, PlanningGrids)
    return model


def open_grids(browser: TestClient, plan_id: int) -> dict[str, str]:
    page = browser.get(f"/plans/{plan_id}/planning-grids")
    assert page.status_code == 200
    return form_of(page.text)


def press(browser: TestClient, plan_id: int, fields: dict[str, str], button: str) -> str:
    answer = browser.post(f"/plans/{plan_id}/planning-grids", data=fields | {"action": button})
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_form_round_trips_every_objective_unchanged(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    before = stored_grids(session, demo.filled_plan_id)

    answer = browser.post(f"/plans/{demo.filled_plan_id}/planning-grids", data=open_grids(browser, demo.filled_plan_id))

    assert answer.status_code == 200
    assert "Part 3 is saved." in answer.text
    assert stored_grids(session, demo.filled_plan_id) == before


def test_adding_an_objective_and_an_action_keeps_the_typing_and_saves_only_on_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    new = len(before.grids[1].objectives)  # grid 2
    fields = open_grids(browser, plan) | {"grid_2-key_priorities": "Typed before adding."}

    added = form_of(press(browser, plan, fields, "add-objective:2"))
    typed = added | {
        planning_grids_form.objective_name(2, new, "text"): "Open a second needle exchange.",
        planning_grids_form.objective_name(2, new, "key_priority"): "1",
        planning_grids_form.objective_name(2, new, "themes-harm-reduction"): "yes",
        planning_grids_form.action_name(2, new, 0, "text"): "Find premises.",
        planning_grids_form.action_name(2, new, 0, "postholder"): "Harm reduction lead",
        planning_grids_form.action_name(2, new, 0, "due-day"): "30",
        planning_grids_form.action_name(2, new, 0, "due-month"): "9",
        planning_grids_form.action_name(2, new, 0, "due-year"): "2008",
    }
    with_action = form_of(press(browser, plan, typed, f"add-action:2:{new}"))

    assert added["grid_2-key_priorities"] == "Typed before adding."
    assert with_action[planning_grids_form.action_name(2, new, 0, "postholder")] == "Harm reduction lead"
    assert planning_grids_form.action_name(2, new, 1, "text") in with_action
    assert stored_grids(session, plan) == before  # nothing saved by the buttons

    saved = browser.post(
        f"/plans/{plan}/planning-grids",
        data=with_action
        | {
            planning_grids_form.action_name(2, new, 1, "text"): "Open it.",
            planning_grids_form.action_name(2, new, 1, "postholder"): "Commissioning manager",
            planning_grids_form.action_name(2, new, 1, "due-day"): "1",
            planning_grids_form.action_name(2, new, 1, "due-month"): "3",
            planning_grids_form.action_name(2, new, 1, "due-year"): "2009",
        },
    )

    assert saved.status_code == 200
    objective = stored_grids(session, plan).grids[1].objectives[new]
    assert objective.text == "Open a second needle exchange."
    assert objective.key_priority == 1
    assert objective.themes == [CrossCuttingTheme.HARM_REDUCTION]
    assert [action.postholder for action in objective.actions] == ["Harm reduction lead", "Commissioning manager"]
    assert objective.actions[0].due == datetime.date(2008, 9, 30)
    assert stored_grids(session, plan).grids[1].key_priorities == "Typed before adding."


def test_moving_and_removing_objectives_and_actions_renumbers_them(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan).grids[0]
    first, second = before.objectives[0], before.objectives[1]

    moved = press(browser, plan, open_grids(browser, plan), "down-objective:1:0")
    assert "Objective 1.1 moved: it is now objective 1.2." in MESSAGE.search(moved).group(1)  # type: ignore[union-attr]
    removed = press(browser, plan, form_of(moved), "remove-action:1:0:0")
    browser.post(f"/plans/{plan}/planning-grids", data=form_of(removed))

    after = stored_grids(session, plan).grids[0]
    assert after.objectives[0].text == second.text
    assert after.objectives[0].actions == second.actions[1:]
    assert after.objectives[1].model_dump(exclude={"themes"}) == first.model_dump(exclude={"themes"})
    assert set(after.objectives[1].themes) == set(first.themes)


def test_bad_dates_are_re_shown_with_the_field_named_and_the_input_kept(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    before = stored_grids(session, demo.filled_plan_id)
    day = planning_grids_form.action_name(1, 0, 0, "due-day")

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/planning-grids",
        data=open_grids(browser, demo.filled_plan_id)
        | {day: "31", planning_grids_form.action_name(1, 0, 0, "due-month"): "2"},
    )

    assert answer.status_code == 422
    assert f'<a href="#{day}">Objective 1.1, action 1: date: Enter a real date' in answer.text
    assert form_of(answer.text)[day] == "31"
    assert stored_grids(session, demo.filled_plan_id) == before


def test_an_action_without_a_postholder_is_named_beside_the_field(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_a")
    postholder = planning_grids_form.action_name(1, 0, 0, "postholder")

    answer = browser.post(
        f"/plans/{demo.filled_plan_id}/planning-grids",
        data=open_grids(browser, demo.filled_plan_id) | {postholder: " "},
        follow_redirects=True,
    )

    assert f'<a href="#{postholder}">Objective 1.1 action 1 needs a named postholder' in answer.text
    assert f'id="{postholder}-error"' in answer.text


def test_a_stale_save_keeps_the_input_and_shows_what_the_other_person_changed(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    my_form = open_grids(mine, plan)
    measure = planning_grids_form.objective_name(3, 0, "measure")
    theirs.post(f"/plans/{plan}/planning-grids", data=open_grids(theirs, plan) | {measure: "Their measure"})
    text = planning_grids_form.objective_name(1, 0, "text")

    answer = mine.post(f"/plans/{plan}/planning-grids", data=my_form | {text: "My objective."})

    assert answer.status_code == 409
    assert "Someone else saved Part 3 while you were editing it" in answer.text
    assert f'id="{measure}-changed">Someone else saved “Their measure”' in answer.text
    assert form_of(answer.text)[text] == "My objective."
    assert stored_grids(session, plan).grids[2].objectives[0].measure == "Their measure"


def test_a_stale_save_keeps_my_local_grid_and_warns_of_one_someone_else_added(
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
    assert "Someone else saved grid 5 (Their grid),\n      which is not on this form" in without_mine.text
    assert with_mine.status_code == 409
    assert form_of(with_mine.text)[title] == "My grid"
    assert f'id="{title}-changed">Someone else saved “Their grid”' in with_mine.text
    assert stored_grids(session, plan).grids[4].title == "Their grid"


def test_finance_cannot_change_part_3_and_other_partnerships_do_not_see_it(browser_for: BrowserFor, demo: Demo) -> None:
    finance, outsider = browser_for("finance_a"), browser_for("planner_b")
    page = finance.get(f"/plans/{demo.filled_plan_id}/planning-grids")
    own = csrf_token(outsider.get(f"/plans/{demo.empty_plan_id}/planning-grids").text)

    assert "You can read Part 3 but your role does not change it." in page.text
    assert 'name="action"' not in page.text
    answer = finance.post(
        f"/plans/{demo.filled_plan_id}/planning-grids",
        data={"csrf_token": csrf_token(page.text), "version": "1", "action": "add-objective:1"},
    )
    assert answer.status_code == 403
    assert outsider.get(f"/plans/{demo.filled_plan_id}/planning-grids").status_code == 404
    assert outsider.post(f"/plans/{demo.filled_plan_id}/planning-grids", data={"csrf_token": own}).status_code == 404


def test_a_signed_off_plan_shows_part_3_read_only_and_refuses_a_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_grids(browser, demo.filled_plan_id)
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.SIGNED_OFF.value
    session.add(plan)
    session.flush()

    page = browser.get(f"/plans/{demo.filled_plan_id}/planning-grids")
    answer = browser.post(f"/plans/{demo.filled_plan_id}/planning-grids", data=fields)

    assert "signed off" in page.text
    assert 'name="action"' not in page.text
    assert answer.status_code == 409


def test_buttons_rearrange_a_draft_without_touching_anything_else() -> None:
    grids = PlanningGrids()
    values = planning_grids_form.form_values(grids)

    added = planning_grids_form.rearrange(values, "add-objective:4", grids)
    unknown = planning_grids_form.rearrange(values, "add-objective:9", grids)

    assert added is not None
    assert added.values[planning_grids_form.action_name(4, 0, 0, "text")] == ""
    assert added.focus == planning_grids_form.objective_name(4, 0, "text")
    assert unknown is None


def test_the_task_list_links_every_part_to_its_page(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}").text

    for path in ("strategic-summary", "targets", "planning-grids", "funding"):
        assert f'href="/plans/{demo.filled_plan_id}/{path}"' in page
    assert "do not have pages yet" not in page


def api_grids(browser: TestClient, plan_id: int) -> list[dict[str, Any]]:
    answer = browser.get(f"/api/v1/plans/{plan_id}/parts/planning-grids")
    assert answer.status_code == 200, answer.text
    grids: list[dict[str, Any]] = answer.json()["document"]["grids"]
    return grids


def with_a_local_grid(browser: TestClient, plan_id: int, title: str) -> dict[str, str]:
    """The form with grid 5 added and titled, and one complete objective added to it (nothing saved yet)."""
    added = form_of(press(browser, plan_id, open_grids(browser, plan_id), "add-grid"))
    titled = added | {planning_grids_form.grid_name(5, "title"): title}
    with_objective = form_of(press(browser, plan_id, titled, "add-objective:5"))
    return with_objective | {
        planning_grids_form.objective_name(5, 0, "text"): "House everyone leaving treatment.",
        planning_grids_form.action_name(5, 0, 0, "text"): "Agree a protocol with housing.",
        planning_grids_form.action_name(5, 0, 0, "postholder"): "Housing lead",
        planning_grids_form.action_name(5, 0, 0, "due-day"): "31",
        planning_grids_form.action_name(5, 0, 0, "due-month"): "12",
        planning_grids_form.action_name(5, 0, 0, "due-year"): "2008",
    }


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
