"""What authoring reads of a plan's submissions: the newest one, of any stage or of one.

The journey makes submissions, but the workflow (which says why a part is frozen) and the rules
(which compare with January's figures) need the newest too, and planning may not import the
journey; so the one query lives here, on the floor both stand on.
"""

from typing import Any

from sqlalchemy import ScalarSelect, Subquery, bindparam
from sqlmodel import Session, col, func, select

from plan_schema.vocabulary import PartName, SubmissionStage
from service.tables.journey import Submission

# Built once, as every page showing a plan asks: building a statement costs more than running it.
_LATEST = (
    select(Submission).where(col(Submission.plan_id) == bindparam("plan_id")).order_by(col(Submission.number).desc())
)
_LATEST_OF_STAGE = _LATEST.where(col(Submission.stage) == bindparam("stage"))


def newest_id() -> ScalarSelect[int]:
    """The id of the newest submission of the plan named by the bind parameter `plan_id`, for another query."""
    # Not correlated: inside a query that also reads submissions, it still reads the plan's own.
    return _LATEST.with_only_columns(col(Submission.id)).limit(1).correlate(None).scalar_subquery()


def latest(plan_id: int, *, session: Session, stage: SubmissionStage | None = None) -> Submission | None:
    """The newest submission of a plan, optionally of one stage."""
    if stage is None:
        return session.exec(_LATEST, params={"plan_id": plan_id}).first()
    return session.exec(_LATEST_OF_STAGE, params={"plan_id": plan_id, "stage": stage.value}).first()


def _carried_query(part: PartName) -> Any:
    # Only the one part out of the snapshot, by the database: loading the submission read all four.
    return (
        select(col(Submission.parts)[part.value])
        .where(col(Submission.plan_id) == bindparam("plan_id"), col(Submission.stage) == bindparam("stage"))
        .order_by(col(Submission.number).desc())
        .limit(1)
    )


# Built once per part: the statement and its cache key are the same at every save.
_CARRIED = {part: _carried_query(part) for part in PartName}


def latest_carried(plan_id: int, stage: SubmissionStage, part: PartName, *, session: Session) -> Any:
    """A part as the newest submission of a stage carried it; None before that stage is submitted, or without it."""
    parameters = {"plan_id": plan_id, "stage": stage.value}
    session.flush()  # the connection's statement sees what the session has pending, as the session's own would
    return session.connection().execute(_CARRIED[part], parameters).scalar()


def newest_numbers() -> Subquery:
    """Each submitted plan's newest submission number (plan_id, number), to join when listing many plans."""
    return (
        select(Submission.plan_id, func.max(Submission.number).label("number"))
        .group_by(col(Submission.plan_id))
        .subquery()
    )
