"""The finance officer's half of a quarterly return: actual spend on the Table 2 grid for one quarter."""

import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, timestamp_field


class ReturnSpend(SQLModel, table=True):
    """A plan's actual spend in one quarter of its plan year (Q1 April–June … Q4 January–March).

    Each quarter keeps only its own spend; the year to date is the sum of the quarters so far, so a
    correction to Q1 made in Q3 changes every later year-to-date figure without rewriting them.
    """

    __tablename__ = "return_spend"
    __table_args__ = (
        UniqueConstraint("plan_id", "quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_of_the_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")  # indexed by the unique (plan_id, quarter)
    quarter: int
    # The quarter's spend as Table 2's rows: [{"category": …, "<source field>": "123.45", …}] in Part 4's order.
    actual: list[dict[str, Any]] = Field(sa_column=Column(JsonDocument, nullable=False))
    # The profile to date the finance officer entered instead of Table 2 × q/4, in the same shape; None when not.
    profile: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JsonDocument, nullable=True))
    # The year's expected outturn when the finance officer knows better than year to date ÷ q × 4.
    forecast_outturn: Decimal | None = Field(default=None, sa_type=Numeric(14, 2))
    version: int = Field(default=1)
    saved_by: int | None = Field(default=None, foreign_key="app_user.id")
    saved_at: datetime.datetime = timestamp_field()
