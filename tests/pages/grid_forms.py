"""Part 3's pages as their tests use them: open a grid's form, press a button, read the part back."""

import re
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import PartName
from service.pages.planning import planning_grids_form
from service.pages.planning.part_form import button_of
from service.planning import parts
from tests.pages.part_forms import form_of

MESSAGE = re.compile(r'id="form-message">(.*?)<', re.DOTALL)


def stored_grids(session: Session, plan_id: int) -> PlanningGrids:
    model = parts.read_part(plan_id, PartName.PLANNING_GRIDS, session=session).model
    assert isinstance(model, PlanningGrids)
    return model


def grid_url(plan_id: int, grid: int) -> str:
    """The page of one grid of Part 3."""
    return f"/plans/{plan_id}/planning-grids/{grid}"


def open_grid(browser: TestClient, plan_id: int, grid: int) -> dict[str, str]:
    page = browser.get(grid_url(plan_id, grid))
    assert page.status_code == 200
    return form_of(page.text)


def press(browser: TestClient, plan_id: int, fields: dict[str, str], button: str) -> str:
    """Press an add, remove or move button of the grid it names ("add-objective:2" is grid 2's)."""
    _, where = button_of(button)
    answer: httpx.Response = browser.post(grid_url(plan_id, where[0]), data=fields | {"action": button})
    assert answer.status_code == 200, answer.text
    return answer.text


def api_grids(browser: TestClient, plan_id: int) -> list[dict[str, Any]]:
    answer = browser.get(f"/api/v1/plans/{plan_id}/parts/planning-grids")
    assert answer.status_code == 200, answer.text
    grids: list[dict[str, Any]] = answer.json()["document"]["grids"]
    return grids


def with_a_local_grid(browser: TestClient, plan_id: int, title: str) -> dict[str, str]:
    """Grid 5's form, titled, with one complete objective added to it (nothing saved yet)."""
    titled = open_grid(browser, plan_id, 5) | {planning_grids_form.grid_name(5, "title"): title}
    with_objective = form_of(press(browser, plan_id, titled, "add-objective:5"))
    return with_objective | {
        planning_grids_form.objective_name(5, 0, "text"): "House everyone leaving treatment.",
        planning_grids_form.action_name(5, 0, 0, "text"): "Agree a protocol with housing.",
        planning_grids_form.action_name(5, 0, 0, "postholder"): "Housing lead",
        planning_grids_form.action_name(5, 0, 0, "due-day"): "31",
        planning_grids_form.action_name(5, 0, 0, "due-month"): "12",
        planning_grids_form.action_name(5, 0, 0, "due-year"): "2008",
    }
