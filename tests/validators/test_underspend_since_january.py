"""F-090: 1.4 (underspend carried forward) should be updated between the January and March submissions.

The rule reads Part 4 as the initial submission carried it, from the plan's context
(service.planning.validation.plan_context); so it can only fire once the panel has accepted that submission.
"""

from decimal import Decimal
from typing import Any

from markupsafe import escape
from sqlmodel import Session

from plan_schema.funding_totals import year_column
from plan_schema.vocabulary import PartName, SubmissionStage
from service.planning import parts, plans, submitted
from service.planning.validation import plan_context
from tests.conftest import ClientFor, Demo
from tests.validators.stored_parts import edit, plan_year_column
from tests.workflow.flow import initial_submission_accepted


def _underspend_warnings(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in result["parts"]["funding"]["findings"] if f["rule_id"] == "F-090"]


def test_before_the_initial_submission_1_4_is_not_compared_with_january(client_for: ClientFor, demo: Demo) -> None:
    result = client_for("planner_a").get(f"/api/v1/plans/{demo.filled_plan_id}/validation").json()

    assert _underspend_warnings(result) == []


def test_1_4_unchanged_since_january_is_a_warning_everywhere_the_final_submission_is_checked(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    plan_id = demo.filled_plan_id
    planner = client_for("planner_a")
    initial_submission_accepted(planner, client_for("reviewer_x"), plan_id)
    view = plans.get_plan(plan_id, session=session)
    funding = parts.read_part(plan_id, PartName.FUNDING, session=session).document
    index = next(i for i, column in enumerate(funding["table_1"]) if column["year"] == view.cycle.plan_year)
    words = f"for {view.cycle.plan_year} is still £"

    warnings = _underspend_warnings(planner.get(f"/api/v1/plans/{plan_id}/validation").json())
    part_page = planner.get(f"/plans/{plan_id}/funding").text
    check = planner.get(f"/plans/{plan_id}/submit/final").text
    made = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"})

    assert [(f["severity"], f["path"]) for f in warnings] == [
        ("warning", f"/table_1/{index}/smptb_underspend_carried_forward")
    ]
    assert words in warnings[0]["message"]
    assert "as in the January submission" in warnings[0]["message"]
    assert str(escape(warnings[0]["message"])) in part_page
    assert str(escape(warnings[0]["message"])) in check.split('id="funding-warnings"')[1].split("</dd>")[0]
    assert made.status_code == 201, made.text  # a warning never blocks
    assert [f["message"] for f in made.json()["findings"] if f["rule_id"] == "F-090"] == [warnings[0]["message"]]


def test_1_4_updated_since_january_is_not_warned_about(client_for: ClientFor, session: Session, demo: Demo) -> None:
    plan_id = demo.filled_plan_id
    planner = client_for("planner_a")
    initial_submission_accepted(planner, client_for("reviewer_x"), plan_id)
    view = plans.get_plan(plan_id, session=session)

    def update_underspend(document: dict[str, Any]) -> None:
        # The slippage now expected, spent in Table 2 too so that N15 still equals 1.14.
        column = plan_year_column(document, view)
        column["smptb_underspend_carried_forward"] = str(Decimal(column["smptb_underspend_carried_forward"]) + 1000)
        row = document["table_2"][0]
        row["smptb_underspend_carried_forward"] = str(Decimal(row["smptb_underspend_carried_forward"]) + 1000)

    edit(session, plan_id, PartName.FUNDING, update_underspend)
    made = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"})

    assert _underspend_warnings(planner.get(f"/api/v1/plans/{plan_id}/validation").json()) == []
    assert made.status_code == 201, made.text
    assert [f for f in made.json()["findings"] if f["rule_id"] == "F-090"] == []


def test_the_january_figures_are_part_4_as_the_initial_submission_carried_it(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    initial_submission_accepted(client_for("planner_a"), client_for("reviewer_x"), demo.filled_plan_id)
    view = plans.get_plan(demo.filled_plan_id, session=session)
    january = submitted.latest(demo.filled_plan_id, stage=SubmissionStage.INITIAL, session=session)
    assert january is not None

    context = plan_context(view, session=session)

    assert context.initial_submission_funding is not None
    carried = year_column(context.initial_submission_funding, view.cycle.plan_year)
    assert carried is not None
    plan_column = next(c for c in january.parts["funding"]["table_1"] if c["year"] == view.cycle.plan_year)
    assert carried.smptb_underspend_carried_forward == Decimal(plan_column["smptb_underspend_carried_forward"])
