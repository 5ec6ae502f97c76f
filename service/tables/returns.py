"""Tables of quarterly returns: what a partnership reports on its plan each quarter, and what it submitted."""

import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, timestamp_field


class ReturnSection(SQLModel, table=True):
    """One section of a quarter's return as the planners last saved it (actions' progress, exceptions).

    Versioned as plan parts are: a save names the version it edited, so two people never overwrite
    each other unknowingly. A section nobody has saved has no row (version 0).
    """

    __tablename__ = "return_section"
    __table_args__ = (
        UniqueConstraint("plan_id", "quarter", "section"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_of_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    quarter: int
    section: str = Field(max_length=20)
    document: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    version: int
    updated_at: datetime.datetime = timestamp_field()
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")


class ReturnSubmission(SQLModel, table=True):
    """An immutable snapshot of a quarter's return, numbered 1, 2, 3 … within the plan and quarter."""

    __tablename__ = "return_submission"
    __table_args__ = (
        UniqueConstraint("plan_id", "quarter", "number"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_of_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    quarter: int
    number: int
    submitted_at: datetime.datetime = timestamp_field()
    submitted_by: int = Field(foreign_key="app_user.id")
    due: datetime.date
    days_late: int
    sections: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    findings: list[dict[str, Any]] = Field(sa_column=Column(JsonDocument, nullable=False))
    content_sha256: str = Field(max_length=64)
