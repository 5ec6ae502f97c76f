"""Tables of background jobs: re-rendering a region's submitted documents, and what they rendered."""

import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, UtcDateTime, timestamp_field
from service.tables.journey import RenderedPart


class JobStatus(StrEnum):
    """Where a job is: waiting for a runner, being run, or done (with or without failures)."""

    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


class RegenerationJob(SQLModel, table=True):
    """Re-render the documents of a region's latest submissions, e.g. after a template change."""

    __tablename__ = "regeneration_job"

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True)
    cycle_id: int = Field(foreign_key="plan_cycle.id")
    requested_by: int = Field(foreign_key="app_user.id")
    requested_at: datetime.datetime = timestamp_field()
    status: str = Field(max_length=10, index=True)
    # The submissions to re-render, fixed when the job is requested, worked through in order.
    submission_ids: list[int] = Field(sa_column=Column(JsonDocument, nullable=False))
    done: int = 0
    failures: list[dict[str, Any]] = Field(sa_column=Column(JsonDocument, nullable=False))
    started_at: datetime.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    # Touched after every submission: a running job untouched for long lost its runner and is taken up again.
    heartbeat_at: datetime.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    finished_at: datetime.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))

    @property
    def total(self) -> int:
        """How many submissions the job re-renders."""
        return len(self.submission_ids)

    @property
    def worked(self) -> int:
        """How many it has been through, rendered or failed."""
        return self.done + len(self.failures)


class RegeneratedDocument(RenderedPart, table=True):
    """A submission's document rendered again with the current templates (the original stays as submitted)."""

    __tablename__ = "regenerated_document"
    __table_args__ = (UniqueConstraint("submission_id", "part"),)

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="regeneration_job.id")
    rendered_at: datetime.datetime = timestamp_field()
