"""Database tables. Plan parts are JSON documents validated by plan_schema before storage."""

import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Dialect, MetaData, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Constraint names that Alembic can find again on either database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> datetime.datetime:
    """Now, in UTC, with its time zone."""
    return datetime.datetime.now(datetime.UTC)


class UtcDateTime(TypeDecorator[datetime.datetime]):
    """A moment stored in UTC and read back with its time zone, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime.datetime | None, dialect: Dialect) -> datetime.datetime | None:
        return value.astimezone(datetime.UTC) if value is not None else None

    def process_result_value(self, value: datetime.datetime | None, dialect: Dialect) -> datetime.datetime | None:
        # SQLite keeps no zone: what we stored was UTC, so say so.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value


def timestamp_field() -> Any:
    """A required moment, now by default."""
    return Field(default_factory=utc_now, sa_type=UtcDateTime, nullable=False)


class Region(SQLModel, table=True):
    """One of the nine English regions; its panel reviews the plans of its partnerships."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=100)


class Partnership(SQLModel, table=True):
    """A local drug partnership (drug action team) in one region."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    region_id: int = Field(foreign_key="region.id", index=True)


class Pct(SQLModel, table=True):
    """A primary care trust; Part 2 asks for primary care figures per PCT."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10, unique=True)
    name: str = Field(max_length=200)


class PartnershipPct(SQLModel, table=True):
    """Which PCTs a partnership covers (a PCT may span partnerships, and the reverse)."""

    __tablename__ = "partnership_pct"

    partnership_id: int = Field(foreign_key="partnership.id", primary_key=True)
    pct_id: int = Field(foreign_key="pct.id", primary_key=True)


class PlanCycle(SQLModel, table=True):
    """A plan year with its timetable and settings."""

    __tablename__ = "plan_cycle"

    id: int | None = Field(default=None, primary_key=True)
    plan_year: str = Field(max_length=7, unique=True)
    previous_year: str = Field(max_length=7)
    indicative_years: list[str] = Field(sa_column=Column(JsonDocument, nullable=False))
    template_version: str = Field(max_length=40)
    initial_submission_due: datetime.date
    panel_response_due: datetime.date
    final_submission_due: datetime.date
    sign_off_due: datetime.date
    publication_due: datetime.date
    targets_agreed_due: datetime.date
    baseline_due: datetime.date
    inflation_uplift_pct: Decimal = Field(sa_type=Numeric(6, 2))
    harm_reduction_self_audit_required: bool
    expenditure_categories: list[str] = Field(sa_column=Column(JsonDocument, nullable=False))


class Plan(SQLModel, table=True):
    """One partnership's plan for one cycle."""

    __table_args__ = (UniqueConstraint("partnership_id", "cycle_id"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id")  # indexed by the unique pair
    cycle_id: int = Field(foreign_key="plan_cycle.id", index=True)
    # Where the plan is on the timetable; changed only through service/planning/workflow.py.
    status: str = Field(default="drafting", max_length=30, index=True)
    created_at: datetime.datetime = timestamp_field()
    updated_at: datetime.datetime = timestamp_field()


class PlanPart(SQLModel, table=True):
    """One part of a plan: its JSON document and the version that guards it against lost updates."""

    __tablename__ = "plan_part"
    __table_args__ = (UniqueConstraint("plan_id", "part"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")  # indexed by the unique (plan_id, part)
    part: str = Field(max_length=40)
    document: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    version: int = Field(default=1)
    updated_at: datetime.datetime = timestamp_field()


class PlanPartVersion(SQLModel, table=True):
    """A part's document as it was at one version: the base a stale form's changes are merged from."""

    __tablename__ = "plan_part_version"
    __table_args__ = (UniqueConstraint("plan_id", "part", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")  # indexed by the unique triple
    part: str = Field(max_length=40)
    version: int
    document: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    # Who saved this version, when known (a version saved before history was kept has nobody).
    saved_by: int | None = Field(default=None, foreign_key="app_user.id")
    saved_at: datetime.datetime = timestamp_field()


class Role(StrEnum):
    """What a user does, and so what they may see and change (see service/access/policy.py)."""

    PLANNER = "planner"
    FINANCE = "finance"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class User(SQLModel, table=True):
    """A person who signs in: scoped to a partnership (planner, finance) or a region (reviewer)."""

    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        CheckConstraint(
            "(role IN ('planner', 'finance') AND partnership_id IS NOT NULL AND region_id IS NULL)"
            " OR (role = 'reviewer' AND region_id IS NOT NULL AND partnership_id IS NULL)"
            " OR (role = 'admin' AND partnership_id IS NULL AND region_id IS NULL)",
            name="scope_matches_role",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=200)
    role: Role = Field(sa_type=String(20))
    partnership_id: int | None = Field(default=None, foreign_key="partnership.id", index=True)
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    active: bool = True
    password_hash: str = Field(max_length=255)
    created_at: datetime.datetime = timestamp_field()


class ApiToken(SQLModel, table=True):
    """A bearer token: short-lived from the password flow, or a personal access token."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=10)  # "access" (password flow) or "personal"
    name: str = Field(max_length=100)
    # Only a SHA-256 of the secret is kept: the token itself is shown once, at creation.
    secret_hash: str = Field(max_length=64, unique=True)
    read_only: bool = False
    created_at: datetime.datetime = timestamp_field()
    expires_at: datetime.datetime = Field(sa_type=UtcDateTime)
    revoked_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_used_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds the secret, the database its hash."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    secret_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime.datetime = timestamp_field()
    last_seen_at: datetime.datetime = timestamp_field()
    ended_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class SignInFailure(SQLModel, table=True):
    """A failed sign-in, counted per account and per address for throttling."""

    __tablename__ = "sign_in_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime.datetime = timestamp_field()


class AuditEvent(SQLModel, table=True):
    """Something that happened, for the record: who, when, what, and on which object."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime.datetime = timestamp_field()
    action: str = Field(max_length=60, index=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=64)
    object_type: str | None = Field(default=None, max_length=40)
    object_id: str | None = Field(default=None, max_length=80)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))


class Stored(Protocol):
    """Any table row with an integer id."""

    @property
    def id(self) -> int | None: ...


def id_of(row: Stored) -> int:
    """The id of a stored row (one that has been flushed)."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id until it is flushed")
    return row.id
