"""Tables of a quarterly return's review: the reviewer's questions on what a submission holds, the replies to
them, and acceptances of submissions."""

import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from plan_schema.text import NARRATIVE_MAX
from service.tables.columns import UtcDateTime, timestamp_field


class AnchorKind(StrEnum):
    """What in a return a question is about: a Part 3 action, a scorecard metric, or a cell of the spend grid."""

    ACTION = "action"
    METRIC = "metric"
    SPEND_CELL = "spend-cell"


class ClosedHow(StrEnum):
    """How a question's thread was closed: the reviewer marked it resolved, or accepted the return."""

    RESOLVED = "resolved"
    ACCEPTED = "accepted"


class ReturnQuestion(SQLModel, table=True):
    """A reviewer's question on one thing a submission of a return holds; asked once, closed once, never edited.

    It belongs to the quarter's return, not only to the submission it was asked on: a newer submission
    does not answer it, so it stays open (and names the submission it was asked on) until closed.
    """

    __tablename__ = "return_question"
    __table_args__ = (CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_of_year"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    quarter: int
    submission_id: int = Field(foreign_key="return_submission.id")
    anchor_kind: str = Field(max_length=20)
    # The action's reference ("1.2.3"), the metric's code ("OF-16"), or the spend cell's source ("police").
    anchor_key: str = Field(max_length=100)
    # The spend cell's category (its Table 2 row, as the submission names it); None for actions and metrics.
    anchor_category: str | None = Field(default=None, max_length=500)
    body: str = Field(max_length=NARRATIVE_MAX)
    asked_by: int = Field(foreign_key="app_user.id")
    asked_at: datetime.datetime = timestamp_field()
    closed_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    closed_by: int | None = Field(default=None, foreign_key="app_user.id")
    closed_how: str | None = Field(default=None, max_length=20)


class ReturnQuestionReply(SQLModel, table=True):
    """A reply in a question's thread: immutable (the database refuses to change or remove it)."""

    __tablename__ = "return_question_reply"

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="return_question.id", index=True)
    body: str = Field(max_length=NARRATIVE_MAX)
    author_id: int = Field(foreign_key="app_user.id")
    created_at: datetime.datetime = timestamp_field()


class ReturnAcceptance(SQLModel, table=True):
    """The reviewer's acceptance of one submission of a return: immutable, at most one per submission."""

    __tablename__ = "return_acceptance"
    __table_args__ = (
        UniqueConstraint("submission_id"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_of_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    quarter: int
    submission_id: int = Field(foreign_key="return_submission.id")
    accepted_by: int = Field(foreign_key="app_user.id")
    accepted_at: datetime.datetime = timestamp_field()
