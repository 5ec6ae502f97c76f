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
