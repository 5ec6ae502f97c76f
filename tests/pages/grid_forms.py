"""The Part 3 page as its tests use it: open the form, press a button, read the part back."""

import re
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import PartName
from service.pages.planning import planning_grids_form
from service.planning import parts
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
    answer: httpx.Response = browser.post(f"/plans/{plan_id}/planning-grids", data=fields | {"action": button})
    assert answer.status_code == 200, answer.text
    return answer.text


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
