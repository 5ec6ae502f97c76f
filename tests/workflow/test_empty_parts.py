"""Nothing empty is submitted: a part with nothing entered blocks every stage that carries it, in the API too."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.targets import PrimaryCare, Targets
from plan_schema.vocabulary import PartName
from service.journey import submissions
from service.planning import plans, validation
from service.tables.plans import Plan, PlanCycle
from tests.conftest import ClientFor, Demo
from tests.workflow.test_submissions import attach_self_audit

NOT_STARTED_4 = "Part 4 funding has not been started"


def starting_funding(session: Session, plan_id: int) -> dict[str, Any]:
    """Part 4 as the plan was created with it: its cycle's years and categories, nothing entered."""
    plan = session.get(Plan, plan_id)
    assert plan is not None
    cycle = session.get(PlanCycle, plan.cycle_id)
    assert cycle is not None
    return plans.starting_document(PartName.FUNDING, cycle=cycle, pct_codes=[]).model_dump(mode="json")


def put_part(client: TestClient, plan_id: int, part: PartName, document: dict[str, Any]) -> None:
    url = f"/api/v1/plans/{plan_id}/parts/{part.value}"
    etag = client.get(url).headers["ETag"]
    assert client.put(url, json=document, headers={"If-Match": etag}).status_code == 200


def test_every_part_of_a_new_plan_is_not_started_and_every_part_of_the_filled_plan_is(
    session: Session, demo: Demo
) -> None:
    assert validation.validate_stored_plan(demo.empty_plan_id, session=session).not_started == set(PartName)
    assert validation.validate_stored_plan(demo.filled_plan_id, session=session).not_started == set()


def test_one_figure_starts_part_4_and_a_part_2_frame_of_other_pcts_is_still_empty(session: Session, demo: Demo) -> None:
    funding = Funding.model_validate(starting_funding(session, demo.empty_plan_id))
    assert not plans.is_started(PartName.FUNDING, funding)

    funding.table_1[-1].police += 1

    assert plans.is_started(PartName.FUNDING, funding)
    other_pcts = Targets(primary_care=[PrimaryCare(pct_code="5ZZ"), PrimaryCare(pct_code="5ZY")])
    assert not plans.is_started(PartName.TARGETS, other_pcts)
    other_pcts.primary_care[0].practices_in_area = 0  # "none" is an answer a person gave
    assert plans.is_started(PartName.TARGETS, other_pcts)


def test_readiness_says_which_parts_of_an_empty_plan_are_not_started(client_for: ClientFor, demo: Demo) -> None:
    result = client_for("planner_b").get(f"/api/v1/plans/{demo.empty_plan_id}/validation").json()

    assert [part for part, found in result["parts"].items() if not found["started"]] == list(PartName)
    assert result["parts"]["funding"]["errors"] == 0  # nothing is wrong in it, yet it is not ready
    initial = result["stages"]["initial"]
    assert initial["ready"] is False
    assert (
        f"{NOT_STARTED_4}: nothing has been entered in it, so the initial submission cannot carry it."
        in (initial["blocking"])
    )
    assert any(
        reason.startswith("Part 3 planning grids has not been started")
        for reason in result["stages"]["final"]["blocking"]
    )


def test_an_empty_part_4_is_refused_by_the_api_naming_it_and_nothing_is_submitted(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    planner = client_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    put_part(planner, demo.filled_plan_id, PartName.FUNDING, starting_funding(session, demo.filled_plan_id))

    response = planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})

    assert response.status_code == 422
    problem = response.json()
    assert problem["detail"].startswith(NOT_STARTED_4)
    assert problem["not_started"] == ["funding"]
    assert submissions.list_for(demo.filled_plan_id, session=session) == []
    validation_now = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/validation").json()
    assert validation_now["stages"]["initial"]["blocking"] == problem["blocking"]
