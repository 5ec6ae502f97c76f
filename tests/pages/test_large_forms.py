"""The largest Part 3 the schema allows saves from its page; a form over the parser's limits gets a GOV.UK page."""

from sqlmodel import Session

from plan_schema.planning_grids import (
    MAX_ACTIONS_PER_OBJECTIVE,
    MAX_GRIDS,
    MAX_OBJECTIVES_PER_GRID,
    Action,
    Objective,
    PlanningGrid,
    PlanningGrids,
)
from plan_schema.vocabulary import CrossCuttingTheme
from service.pages import form_limits
from service.pages.planning import planning_grids_form
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.pages.grid_forms import grid_url, open_grid, stored_grids


def _largest_part_3() -> PlanningGrids:
    """Every grid, objective and action the schema allows, every theme ticked: the most fields a browser posts."""
    objectives = [
        Objective(
            text="Reduce waiting times.",
            themes=list(CrossCuttingTheme),
            actions=[Action(text="Recruit.", postholder="Lead")] * MAX_ACTIONS_PER_OBJECTIVE,
        )
    ] * MAX_OBJECTIVES_PER_GRID
    grids = [
        PlanningGrid(number=number, title=f"Local grid {number}", objectives=objectives)
        for number in range(1, MAX_GRIDS + 1)
    ]
    return PlanningGrids(grids=grids)


def test_the_largest_part_3_the_schema_allows_saves_from_its_page(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_b")
    plan = demo.empty_plan_id
    largest = _largest_part_3()
    # Grid by grid, each from its own page. A browser posts no unticked checkbox: only the ticked themes,
    # every other input, and the hidden fields.
    for grid in largest.grids:
        opened = open_grid(browser, plan, grid.number)
        shown = planning_grids_form.values_of(
            [draft for draft in planning_grids_form.draft_of(largest) if draft.number == grid.number]
        )
        typed = {name: value for name, value in shown.items() if value or "-themes-" not in name}
        fields = typed | {name: opened[name] for name in ("csrf_token", "version")}

        answer = browser.post(grid_url(plan, grid.number), data=fields, follow_redirects=False)

        assert len(fields) > 7_500
        assert answer.status_code == 303, answer.text[:2000]
    stored = stored_grids(session, plan)
    assert len(stored.grids) == MAX_GRIDS
    assert {len(grid.objectives) for grid in stored.grids} == {MAX_OBJECTIVES_PER_GRID}
    assert {len(objective.actions) for grid in stored.grids for objective in grid.objectives} == {
        MAX_ACTIONS_PER_OBJECTIVE
    }


def test_a_form_over_the_parsers_limit_gets_a_page_that_says_nothing_was_saved(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    browser = browser_for("planner_b")
    plan = demo.empty_plan_id
    before = stored_grids(session, plan)
    token = csrf_token(browser.get(grid_url(plan, 1)).text)
    too_many = {f"extra-{n}": "" for n in range(form_limits.MAX_FORM_FIELDS + 1)}

    answer = browser.post(grid_url(plan, 1), data=too_many | {"csrf_token": token})

    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "govuk-heading-l" in answer.text
    assert "nothing was saved" in answer.text
    assert "Back" in answer.text
    assert stored_grids(session, plan) == before
