"""Who may answer a question on a quarterly return: the role group admits, then what the question is about decides.

A finance officer answers questions on spend cells only (role_groups.QUESTION_REPLIERS says why), so the
policy reads the question's anchor before the route runs; refused as policy refuses, and written to the
audit log. A question that is not there is left to the route, which answers 404 whoever asks.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""

from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session, select

from service.access import policy
from service.access.role_groups import QUESTION_REPLIERS, RETURN_REPLIERS
from service.platform.deps import SessionDep
from service.platform.errors import Forbidden
from service.platform.ids import DbId
from service.tables.return_reviews import AnchorKind, ReturnQuestion

_ANSWER = "answer questions on quarterly returns"
_ABOUT = {AnchorKind.ACTION: "an action", AnchorKind.METRIC: "a metric", AnchorKind.SPEND_CELL: "a spend cell"}


def _may_answer(on: policy.OnPlan, question_id: int, request: Request, session: Session) -> policy.OnPlan:
    query = select(ReturnQuestion.anchor_kind).where(
        ReturnQuestion.id == question_id, ReturnQuestion.plan_id == on.plan_id
    )
    kind = session.exec(query).first()
    if kind is not None and on.member.role not in QUESTION_REPLIERS[AnchorKind(kind)]:
        refusal = Forbidden(
            f"Your role ({on.member.role.value}) cannot answer a question about {_ABOUT[AnchorKind(kind)]}: "
            "the partnership's planners answer it."
        )
        policy.refuse(refusal, request, on.member, object_type="plan", object_id=str(on.plan_id), question=question_id)
    return on


@policy.policy
def question_replier(
    question_id: DbId,
    on: Annotated[policy.OnPlan, Depends(policy.plan_actor(*RETURN_REPLIERS, what=_ANSWER))],
    request: Request,
    session: SessionDep,
) -> policy.OnPlan:
    """Those who answer questions on the plan's returns, and of them only those who answer this question's kind."""
    return _may_answer(on, question_id, request, session)


@policy.policy
def question_replier_form(
    question_id: DbId,
    on: Annotated[policy.OnPlan, Depends(policy.plan_form_actor(*RETURN_REPLIERS, what=_ANSWER))],
    request: Request,
    session: SessionDep,
) -> policy.OnPlan:
    """question_replier for the submission page's reply form, with the session's CSRF token."""
    return _may_answer(on, question_id, request, session)
