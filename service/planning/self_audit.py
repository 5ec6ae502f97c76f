"""Whether a plan's harm reduction strategy self-audit is attached: asked at every showing of the task list.

The question is also a fact (service.access.plan_rows.PlanFact) that the task list's policy reads in the caller's
statement; a plan found another way asks it here.
"""

from typing import Any

from sqlalchemy import bindparam, exists
from sqlmodel import Session, col, select

from service.access.plan_rows import PlanFact
from service.planning import plans
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment


def _self_audit_of(plan_id: Any) -> Any:
    return select(Attachment.id).where(col(Attachment.plan_id) == plan_id, Attachment.kind == SELF_AUDIT)


ATTACHED = PlanFact("self_audit_attached", lambda plan_id: exists(_self_audit_of(plan_id)))
# Built once: a task list found another way asks at every showing, and building the statement cost more than
# running it.
_SELF_AUDIT = _self_audit_of(bindparam("plan_id"))


def attached(view: plans.PlanView, *, session: Session) -> bool:
    """True once the self-audit is attached to the plan (as read with it, where it was: ATTACHED)."""
    known: bool | None = view.known(ATTACHED)
    if known is not None:
        return known
    return session.exec(_SELF_AUDIT, params={"plan_id": id_of(view.plan)}).first() is not None
