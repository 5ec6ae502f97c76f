"""Every move the transition table does not hold is refused, from every status, whoever asks."""

import itertools

import pytest
from sqlmodel import Session

from service.planning import workflow
from service.tables.plans import Plan

NOT_IN_TABLE = [
    (status, action)
    for status, action in itertools.product(workflow.PlanStatus, workflow.Action)
    if (status, action) not in workflow.TRANSITIONS
]


def test_the_table_leaves_moves_out() -> None:
    # Guards against an empty parametrisation passing vacuously.
    assert len(NOT_IN_TABLE) == len(workflow.PlanStatus) * len(workflow.Action) - len(workflow.TRANSITIONS) > 80


@pytest.mark.parametrize(("status", "action"), NOT_IN_TABLE, ids=[f"{s.value}-{a.value}" for s, a in NOT_IN_TABLE])
def test_a_move_the_table_does_not_hold_is_refused(status: workflow.PlanStatus, action: workflow.Action) -> None:
    plan = Plan(partnership_id=1, cycle_id=1, status=status.value)
    assert not workflow.allows(plan, action)
    with pytest.raises(workflow.InvalidTransition) as refused:
        workflow.advance(plan, action, session=Session())  # refused before the session is touched
    assert refused.value.status == 409
    assert refused.value.extensions == {"current_status": status.value, "action": action.value}
    assert plan.status == status.value


def test_no_move_leads_back_to_drafting_so_a_plan_drafting_has_never_submitted() -> None:
    # Pages and saves skip reading submissions for a plan still drafting (workflow.has_submitted): that holds
    # only while nothing returns a plan to drafting, and every submission is a move out of it.
    assert all(to is not workflow.PlanStatus.DRAFTING for to, _ in workflow.TRANSITIONS.values())
    submits = {workflow.Action.SUBMIT_INITIAL, workflow.Action.SUBMIT_FINAL}
    assert all(
        status is not workflow.PlanStatus.DRAFTING or action in submits for status, action in workflow.TRANSITIONS
    )
    statuses = {
        status: workflow.has_submitted(Plan(partnership_id=1, cycle_id=1, status=status.value))
        for status in workflow.PlanStatus
    }
    assert [status for status, submitted in statuses.items() if not submitted] == [workflow.PlanStatus.DRAFTING]
