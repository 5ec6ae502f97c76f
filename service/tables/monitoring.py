"""Tables of monitoring through the year: metric versions, areas and footprints, observed figures.

No client-level data: every figure is an area's published count (and its denominator) for a period.
"""

import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Double, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, timestamp_field


class MetricVersion(SQLModel, table=True):
    """One version of one metric, as the catalogue (or an administrator, for a local KPI) defines it."""

    __tablename__ = "metric_version"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40)
    version: int
    family: str = Field(max_length=40)
    value_type: str = Field(max_length=20)
    multiplier: int
    lowest_geography: str = Field(max_length=30)
    # The whole entry as catalogue.Metric reads it: the columns above are what queries need, this is the rest.
    definition: dict[str, Any] = Field(sa_column=Column(JsonDocument, nullable=False))
    # Shipped entries are refreshed from metrics.json at each upgrade; local ones belong to the administrator.
    shipped: bool
    loaded_at: datetime.datetime = timestamp_field()


class Area(SQLModel, table=True):
    """A place figures are published for: a local authority, a PCT, a partnership, a region, England."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    # A catalogue.Geography value other than "service".
    kind: str = Field(max_length=30, index=True)
    # An English region's own area, so a region-only metric can be read for that region.
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)


class PartnershipArea(SQLModel, table=True):
    """One area a partnership's footprint covers, from one plan year to another (open when valid_to is None)."""

    __tablename__ = "partnership_area"
    __table_args__ = (UniqueConstraint("partnership_id", "area_id", "valid_from"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id")  # indexed by the unique triple
    area_id: int = Field(foreign_key="area.id", index=True)
    valid_from: str = Field(max_length=7)
    valid_to: str | None = Field(default=None, max_length=7)


class Observation(SQLModel, table=True):
    """An area's current figures for one metric version, period and breakdown, and where they came from.

    One row per key: a later figure for the key replaces these and the old ones go to ObservationRevision,
    so every reading of "the figure" needs no "latest release" query.
    """

    __table_args__ = (UniqueConstraint("metric_version_id", "area_id", "period", "breakdown"),)

    id: int | None = Field(default=None, primary_key=True)
    metric_version_id: int = Field(foreign_key="metric_version.id")  # indexed by the unique key
    area_id: int = Field(foreign_key="area.id", index=True)
    period: str = Field(max_length=12)
    # "" is all persons: an empty string rather than NULL, so the unique key holds on every database.
    breakdown: str = Field(default="", max_length=100)
    numerator: float = Field(sa_type=Double)
    denominator: float | None = Field(default=None, sa_type=Double)
    release: str = Field(max_length=100)
    # None when imported from the command line by an operator rather than by a signed-in administrator.
    imported_by: int | None = Field(default=None, foreign_key="app_user.id")
    imported_at: datetime.datetime = timestamp_field()


class ObservationRevision(SQLModel, table=True):
    """Figures an observation had before a revision replaced them, with their own provenance."""

    __tablename__ = "observation_revision"

    id: int | None = Field(default=None, primary_key=True)
    observation_id: int = Field(foreign_key="observation.id", index=True)
    numerator: float = Field(sa_type=Double)
    denominator: float | None = Field(default=None, sa_type=Double)
    release: str = Field(max_length=100)
    imported_by: int | None = Field(default=None, foreign_key="app_user.id")
    imported_at: datetime.datetime = timestamp_field()
    replaced_by_release: str = Field(max_length=100)
    replaced_at: datetime.datetime = timestamp_field()


class LocalTarget(SQLModel, table=True):
    """A partnership's own target on a catalogue metric for one plan year, and who set it.

    Values are on the scale the metric's figures are shown on (after its multiplier: 42.0 for 42 %),
    so a target compares with a figure without conversion. Milestones are for quarters 1 to 3 by
    number ("1": 40.5); quarter 4 is always the annual target.
    """

    __tablename__ = "local_target"
    __table_args__ = (UniqueConstraint("partnership_id", "metric_version_id", "plan_year"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id")  # indexed by the unique triple
    metric_version_id: int = Field(foreign_key="metric_version.id", index=True)
    plan_year: str = Field(max_length=7)
    baseline: float = Field(sa_type=Double)
    annual: float = Field(sa_type=Double)
    milestones: dict[str, float] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))
    set_by: int | None = Field(default=None, foreign_key="app_user.id")
    set_at: datetime.datetime = timestamp_field()


class MonitoringGeneration(SQLModel, table=True):
    """One row: a number the database's triggers change with every write to what judgements are made from.

    Figures, footprints, metric versions, targets, agreed targets and cycles (migration 0017 lists the tables).
    Only ever compared for equality: what was computed under a number holds while the number stands.
    """

    __tablename__ = "monitoring_generation"

    id: int = Field(default=1, primary_key=True)
    generation: int = Field(sa_type=BigInteger)
