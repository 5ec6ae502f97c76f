"""Part 3 as a page: objectives and actions added, moved and removed without JavaScript, saved, and refused."""

import datetime

from sqlmodel import Session

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import CrossCuttingTheme
from service.pages.planning import planning_grids_form
from service.planning.workflow import PlanStatus
from service.tables.plans import Plan
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.grid_forms import MESSAGE, grid_url, open_grid, press, stored_grids
from tests.pages.part_forms import form_of


def test_the_form_round_trips_every_objective_unchanged(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    browser = browser_for("planner_a")
    before = stored_grids(session, demo.filled_plan_id)

    for grid in before.grids:
        url = grid_url(demo.filled_plan_id, grid.number)
        answer = browser.post(url, data=open_grid(browser, demo.filled_plan_id, grid.number))

        assert answer.status_code == 200
        assert f"Grid {grid.number} is saved." in answer.text
    assert stored_grids(session, demo.filled_plan_id) == before


def test_adding_an_objective_and_an_action_keeps_the_typing_and_saves_only_on_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan)
    new = len(before.grids[1].objectives)  # grid 2
    fields = open_grid(browser, plan, 2) | {"grid_2-key_priorities": "Typed before adding."}

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
        grid_url(plan, 2),
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

    moved = press(browser, plan, open_grid(browser, plan, 1), "down-objective:1:0")
    assert "Objective 1.1 moved: it is now objective 1.2." in MESSAGE.search(moved).group(1)  # type: ignore[union-attr]
    removed = press(browser, plan, form_of(moved), "remove-action:1:0:0")
    browser.post(grid_url(plan, 1), data=form_of(removed))

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
        grid_url(demo.filled_plan_id, 1),
        data=open_grid(browser, demo.filled_plan_id, 1)
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
        grid_url(demo.filled_plan_id, 1),
        data=open_grid(browser, demo.filled_plan_id, 1) | {postholder: " "},
        follow_redirects=True,
    )

    assert f'<a href="#{postholder}">Objective 1.1 action 1 needs a named postholder' in answer.text
    assert f'id="{postholder}-error"' in answer.text


def test_a_stale_save_keeps_their_measure_and_my_objective_and_saving_again_keeps_both(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    my_form = open_grid(mine, plan, 1)
    measure = planning_grids_form.objective_name(1, 1, "measure")
    theirs.post(grid_url(plan, 1), data=open_grid(theirs, plan, 1) | {measure: "Their measure"})
    text = planning_grids_form.objective_name(1, 0, "text")

    answer = mine.post(grid_url(plan, 1), data=my_form | {text: "My objective."})
    again = mine.post(grid_url(plan, 1), data=form_of(answer.text))

    assert answer.status_code == 409
    assert "Ada Admin saved Part 3 while you were editing it" in answer.text
    assert f'id="{measure}-changed">Changed by Ada Admin since you opened the form' in answer.text
    assert form_of(answer.text)[text] == "My objective."
    assert form_of(answer.text)[measure] == "Their measure"
    assert again.status_code == 200
    grids = stored_grids(session, plan).grids
    assert (grids[0].objectives[0].text, grids[0].objectives[1].measure) == ("My objective.", "Their measure")


def test_an_objective_they_added_is_kept_beside_my_change_to_another(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    my_form = open_grid(mine, plan, 2)
    new = len(stored_grids(session, plan).grids[1].objectives)
    added = form_of(press(theirs, plan, open_grid(theirs, plan, 2), "add-objective:2"))
    theirs.post(grid_url(plan, 2), data=added | {planning_grids_form.objective_name(2, new, "text"): "Theirs."})
    text = planning_grids_form.objective_name(2, 0, "text")

    answer = mine.post(grid_url(plan, 2), data=my_form | {text: "My objective."})
    again = mine.post(grid_url(plan, 2), data=form_of(answer.text))

    assert 'name="conflict-1"' not in answer.text
    assert again.status_code == 200
    objectives = stored_grids(session, plan).grids[1].objectives
    assert (objectives[0].text, objectives[new].text) == ("My objective.", "Theirs.")


def test_a_target_date_both_changed_is_one_choice_between_two_dates(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    date = planning_grids_form.objective_name(1, 0, "target_date")
    my_form = open_grid(mine, plan, 1)
    theirs.post(
        grid_url(plan, 1),
        data=open_grid(theirs, plan, 1) | {f"{date}-day": "29", f"{date}-month": "6", f"{date}-year": "2030"},
    )

    shown = mine.post(
        grid_url(plan, 1),
        data=my_form | {f"{date}-day": "30", f"{date}-month": "6", f"{date}-year": "2030"},
    )
    chosen = mine.post(grid_url(plan, 1), data=form_of(shown.text) | {"conflict-1": "yours"})

    assert ">Objective 1.1: target date</legend>" in shown.text
    assert "Keep yours: 30/6/2030" in shown.text
    assert "Use theirs: 29/6/2030" in shown.text
    assert chosen.status_code == 200
    assert stored_grids(session, plan).grids[0].objectives[0].target_date == datetime.date(2030, 6, 30)


def test_objectives_both_removed_differently_are_chosen_as_a_whole_list(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    mine, theirs = browser_for("planner_a"), browser_for("admin")
    plan = demo.filled_plan_id
    before = stored_grids(session, plan).grids[0].objectives
    assert len(before) >= 2
    my_form = form_of(press(mine, plan, open_grid(mine, plan, 1), "remove-objective:1:0"))
    their_form = form_of(press(theirs, plan, open_grid(theirs, plan, 1), "remove-objective:1:1"))
    theirs.post(grid_url(plan, 1), data=their_form)

    shown = mine.post(grid_url(plan, 1), data=my_form)
    chosen = mine.post(grid_url(plan, 1), data=form_of(shown.text) | {"conflict-1": "theirs"})

    assert shown.status_code == 409
    assert ">Grid 1: objectives</legend>" in shown.text
    assert f"Keep yours: {len(before) - 1} objectives" in shown.text
    assert chosen.status_code == 200
    after = stored_grids(session, plan).grids[0].objectives
    assert [objective.text for objective in after] == [before[0].text, *(o.text for o in before[2:])]


def test_finance_cannot_change_part_3_and_other_partnerships_do_not_see_it(browser_for: BrowserFor, demo: Demo) -> None:
    finance, outsider = browser_for("finance_a"), browser_for("planner_b")
    listed = finance.get(f"/plans/{demo.filled_plan_id}/planning-grids")
    page = finance.get(grid_url(demo.filled_plan_id, 1))
    own = csrf_token(outsider.get(grid_url(demo.empty_plan_id, 1)).text)

    for shown in (listed, page):
        assert "You can read Part 3 but your role does not change it." in shown.text
        assert 'name="action"' not in shown.text
    assert "Add a local grid" not in listed.text
    answer = finance.post(
        grid_url(demo.filled_plan_id, 1),
        data={"csrf_token": csrf_token(page.text), "version": "1", "action": "add-objective:1"},
    )
    assert answer.status_code == 403
    assert outsider.get(f"/plans/{demo.filled_plan_id}/planning-grids").status_code == 404
    assert outsider.get(grid_url(demo.filled_plan_id, 1)).status_code == 404
    assert outsider.post(grid_url(demo.filled_plan_id, 1), data={"csrf_token": own}).status_code == 404


def test_a_signed_off_plan_shows_part_3_read_only_and_refuses_a_save(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_a")
    fields = open_grid(browser, demo.filled_plan_id, 2)
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.SIGNED_OFF.value
    session.add(plan)
    session.flush()

    page = browser.get(grid_url(demo.filled_plan_id, 2))
    answer = browser.post(grid_url(demo.filled_plan_id, 2), data=fields)

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
