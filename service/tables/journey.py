"""Tables of a plan's journey: submissions and their documents, attachments, the panel's
assessments and comments, sign-offs, reopenings, publication, agreed targets, idempotency."""

import datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, UtcDateTime, timestamp_field

SELF_AUDIT = "harm-reduction-self-audit"


class Submission(SQLModel, table=True):
    """An immutable snapshot of the parts a stage carries (the database refuses changes)."""

    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int  # 1, 2, 3 … within the plan
    stage: str = Field(max_length=10)
    submitted_at: datetime.datetime = timestamp_field()
    submitted_by: int = Field(foreign_key="app_user.id")
    due: datetime.date
    days_late: int
    parts: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    findings: list[dict[str, Any]] = Field(sa_column=Column(JsonDocument, nullable=False))
    content_sha256: str = Field(max_length=64)


class RenderedPart(SQLModel):
    """A part of a submission rendered to a file: which part, the file's name, type, bytes and SHA-256."""

    submission_id: int = Field(foreign_key="submission.id")
    part: str = Field(max_length=40)
    filename: str = Field(max_length=200)
    media_type: str = Field(max_length=120)
    content: bytes = Field(sa_type=LargeBinary, nullable=False)
    sha256: str = Field(max_length=64)


class SubmissionDocument(RenderedPart, table=True):
    """A document rendered from a submission when it was made (the database refuses changes)."""

    __tablename__ = "submission_document"
    __table_args__ = (UniqueConstraint("submission_id", "part"),)

    id: int | None = Field(default=None, primary_key=True)


class Attachment(SQLModel, table=True):
    """A file attached to a plan: the harm reduction self-audit, or supporting evidence."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    kind: str = Field(max_length=30)  # SELF_AUDIT or "supporting"
    filename: str = Field(max_length=200)
    media_type: str = Field(max_length=120)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: int = Field(foreign_key="app_user.id")
    uploaded_at: datetime.datetime = timestamp_field()


class Assessment(SQLModel, table=True):
    """The regional panel's response to a submission: accepted or revisions requested."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    submission_id: int = Field(foreign_key="submission.id")
    decision: str = Field(max_length=30)
    comment: str = Field(max_length=20_000)
    assessed_by: int = Field(foreign_key="app_user.id")
    assessed_at: datetime.datetime = timestamp_field()


class Comment(SQLModel, table=True):
    """A comment anchored to a part and field, or a reply to one; never edited, only resolved."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    reply_to: int | None = Field(default=None, foreign_key="comment.id")
    part: str | None = Field(default=None, max_length=40)
    path: str | None = Field(default=None, max_length=500)
    body: str = Field(max_length=20_000)
    author_id: int = Field(foreign_key="app_user.id")
    created_at: datetime.datetime = timestamp_field()
    resolved_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    resolved_by: int | None = Field(default=None, foreign_key="app_user.id")


class SignOff(SQLModel, table=True):
    """One side's signature on a final submission: the partnership's or the region's."""

    __tablename__ = "sign_off"
    __table_args__ = (UniqueConstraint("submission_id", "side"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    submission_id: int = Field(foreign_key="submission.id")
    side: str = Field(max_length=20)  # "partnership" or "region"
    signed_by: int = Field(foreign_key="app_user.id")
    signed_at: datetime.datetime = timestamp_field()


class Reopening(SQLModel, table=True):
    """A signed-off plan opened again before publication, and why."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    reason: str = Field(max_length=5_000)
    reopened_by: int = Field(foreign_key="app_user.id")
    reopened_at: datetime.datetime = timestamp_field()


class Publication(SQLModel, table=True):
    """A signed-off plan made public: Parts 1, 2 and 4 of the submission that was signed."""

    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    submission_id: int = Field(foreign_key="submission.id")
    published_by: int = Field(foreign_key="app_user.id")
    published_at: datetime.datetime = timestamp_field()


class AgreedTargets(SQLModel, table=True):
    """The % changes agreed by the end of May, and the annualised baselines entered in August."""

    __tablename__ = "agreed_targets"

    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    planned_change_pct: dict[str, str] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))
    recorded_by: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    confirmed_by: int | None = Field(default=None, foreign_key="app_user.id")
    confirmed_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    baselines: dict[str, int] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))
    baselines_entered_by: int | None = Field(default=None, foreign_key="app_user.id")
    baselines_entered_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class IdempotencyRecord(SQLModel, table=True):
    """A request made with an Idempotency-Key: its fingerprint and, once done, its response."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id")
    key: str = Field(max_length=200)
    request_sha256: str = Field(max_length=64)
    created_at: datetime.datetime = timestamp_field()
    response_status: int | None = None
    response_body: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonDocument, nullable=True))
