"""Tables of planning: regions, partnerships and their PCTs, cycles, plans, and their parts' versions.

Plan parts are JSON documents validated by plan_schema before storage.
"""

import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, timestamp_field


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


# Within 5 % of the value expected by now is amber. Relative, because one cycle judges counts of
# thousands and percentages alike, and an absolute amount fits only one scale; 5 % is about the
# quarter-to-quarter noise of a partnership's figures, so amber means "near", not "off course".
DEFAULT_AMBER_TOLERANCE = Decimal("5.00")
DEFAULT_AMBER_TOLERANCE_RELATIVE = True
# Spend more than 10 % off its profile to date is flagged in a quarterly return: the margin finance
# officers commonly explain to commissioners, wide enough that one quarter's timing is not a flag.
DEFAULT_SPEND_VARIANCE_THRESHOLD_PCT = Decimal("10.00")


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
    q1_return_due: datetime.date
    q2_return_due: datetime.date
    q3_return_due: datetime.date
    q4_return_due: datetime.date
    inflation_uplift_pct: Decimal = Field(sa_type=Numeric(6, 2))
    harm_reduction_self_audit_required: bool
    expenditure_categories: list[str] = Field(sa_column=Column(JsonDocument, nullable=False))
    # How far short of the trajectory a metric is still amber (service/monitoring/targets.cycle_tolerance):
    # a percentage of the expected value when relative, else in the metric's own units.
    amber_tolerance: Decimal = Field(default=DEFAULT_AMBER_TOLERANCE, sa_type=Numeric(12, 2))
    amber_tolerance_relative: bool = DEFAULT_AMBER_TOLERANCE_RELATIVE
    # How far (in %) a quarterly return's spend may stray from its profile before it is flagged.
    spend_variance_threshold_pct: Decimal = Field(default=DEFAULT_SPEND_VARIANCE_THRESHOLD_PCT, sa_type=Numeric(6, 2))


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
    # Counts the changes to what the rules read besides the parts (the cycle's settings, the January
    # submission): a part's stored findings name the count they were found at (service/planning/validation.py).
    context_version: int = Field(default=0)


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
    # The rules' findings on this version, and what they were found against (validation.findings_key):
    # read back while the key still matches, so a read runs no rules and re-parses nothing.
    findings: list[dict[str, str]] | None = Field(default=None, sa_column=Column(JsonDocument, nullable=True))
    findings_key: str | None = Field(default=None, max_length=200)
    # The document and those findings as the API sends them ({"document":…,"findings":[…]}), serialised once
    # when they were kept: a read whose key matches sends this text as it is.
    served: str | None = Field(default=None, sa_type=Text)
    # Whether this version holds anything a person entered (plans.is_started), kept under the same key:
    # a task list whose parts' findings are current then parses none of them.
    started: bool | None = Field(default=None)


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
