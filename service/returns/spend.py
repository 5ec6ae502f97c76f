"""A quarter's actual spend, as the finance officer reports it on Part 4's Table 2 grid: read, saved, worked out.

Saved with one conditional `UPDATE … WHERE version = ?` (as service/planning/parts.py saves a part), so a
finance officer saving a stale form, or two saving at once, never overwrites the other's figures silently.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from plan_schema import funding_totals
from plan_schema.funding import ExpenditureRow, Funding
from plan_schema.money import Money
from plan_schema.targets import Targets
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, PartName
from service.access import audit
from service.planning import parts, plans
from service.platform.errors import InvalidInput, PreconditionFailed
from service.returns import spend_variance
from service.tables.columns import utc_now
from service.tables.return_spend import ReturnSpend

GridRows = Annotated[
    list[ExpenditureRow],
    Field(min_length=len(DEFAULT_EXPENDITURE_CATEGORIES), max_length=len(DEFAULT_EXPENDITURE_CATEGORIES)),
]


class SpendEntry(BaseModel):
    """What a finance officer reports for a quarter: its own spend, and optionally a profile and forecast."""

    model_config = ConfigDict(extra="forbid")

    actual: GridRows = Field(description="This quarter's spend (not the year to date), in Table 2's rows and order.")
    profile: GridRows | None = Field(
        None, description="The profile to date, when not Table 2 × quarter/4; in Table 2's rows and order."
    )
    forecast_outturn: Money | None = Field(None, description="The year's outturn, when not year to date ÷ q × 4.")

    @model_validator(mode="after")
    def _row_totals(self) -> "SpendEntry":
        for row in [*self.actual, *(self.profile or [])]:
            row.total = funding_totals.expenditure_row_total(row)
        return self


@dataclass(frozen=True)
class StoredSpend:
    """A quarter's spend as stored (version 0 and nothing spent when none has been saved yet)."""

    plan_id: int
    quarter: int
    entry: SpendEntry
    version: int
    saved_by: int | None
    saved_at: datetime.datetime | None


def table_2(plan_id: int, *, session: Session) -> list[ExpenditureRow]:
    """The plan's Table 2 (Part 4), or the template's empty one while Part 4 no longer fits the template."""
    model = parts.read_part(plan_id, PartName.FUNDING, session=session).model
    return list(model.table_2) if isinstance(model, Funding) else list(Funding().table_2)


def _blank(categories: list[str]) -> SpendEntry:
    return SpendEntry(actual=[ExpenditureRow(category=category) for category in categories])


def _row(plan_id: int, quarter: int, *, session: Session) -> ReturnSpend | None:
    query = select(ReturnSpend).where(ReturnSpend.plan_id == plan_id, ReturnSpend.quarter == quarter)
    return session.exec(query.execution_options(populate_existing=True)).first()


def read_spend(plan_id: int, quarter: int, *, session: Session) -> StoredSpend:
    """A quarter's spend as stored, or a blank grid in Part 4's categories."""
    row = _row(plan_id, quarter, session=session)
    categories = [expenditure.category for expenditure in table_2(plan_id, session=session)]
    if row is None:
        return StoredSpend(plan_id, quarter, _blank(categories), 0, None, None)
    # Named as Part 4 names its rows now: a category renamed since is the same row, and a GET can be PUT back.
    entry = SpendEntry(
        actual=_relabelled(row.actual, categories),
        profile=None if row.profile is None else _relabelled(row.profile, categories),
        forecast_outturn=row.forecast_outturn,
    )
    return StoredSpend(plan_id, quarter, entry, row.version, row.saved_by, row.saved_at)


def _relabelled(rows: list[dict[str, Any]], categories: list[str]) -> list[dict[str, Any]]:
    return [row | {"category": category} for row, category in zip(rows, categories, strict=True)]


def check_categories(entry: SpendEntry, categories: list[str]) -> None:
    """Refuse rows that are not Part 4's categories in Part 4's order, naming every one at once."""
    errors = [
        {"pointer": f"/{grid}/{index}/category", "detail": f'must be Part 4\'s category "{categories[index]}"'}
        for grid, rows in (("actual", entry.actual), ("profile", entry.profile or []))
        for index, row in enumerate(rows)
        if row.category != categories[index]
    ]
    if errors:
        raise InvalidInput("The rows must be Part 4's Table 2 categories, in its order.", errors=errors)


def save_spend(
    plan_id: int, quarter: int, entry: SpendEntry, *, expected_version: int, by: int, session: Session
) -> StoredSpend:
    """Store a quarter's spend if nobody has saved it since `expected_version` (0: never saved)."""
    plans.lock_plan(plan_id, session=session)  # the order every change to a plan takes its rows in
    check_categories(entry, [row.category for row in table_2(plan_id, session=session)])
    values: dict[str, Any] = {
        "actual": [row.model_dump(mode="json", exclude={"total"}) for row in entry.actual],
        "profile": None
        if entry.profile is None
        else [row.model_dump(mode="json", exclude={"total"}) for row in entry.profile],
        "forecast_outturn": entry.forecast_outturn,
        "saved_by": by,
        "saved_at": utc_now(),
    }
    if expected_version == 0:
        try:
            with session.begin_nested():
                session.add(ReturnSpend(plan_id=plan_id, quarter=quarter, version=1, **values))
        except IntegrityError:
            _refuse_stale(plan_id, quarter, expected_version, session=session)
    else:
        # One conditional UPDATE both checks and bumps the version: two savers of one version cannot both win.
        result = session.execute(
            update(ReturnSpend)
            .where(
                col(ReturnSpend.plan_id) == plan_id,
                col(ReturnSpend.quarter) == quarter,
                col(ReturnSpend.version) == expected_version,
            )
            .values(version=ReturnSpend.version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            _refuse_stale(plan_id, quarter, expected_version, session=session)
    stored = read_spend(plan_id, quarter, session=session)
    audit.record(
        "return-spend-saved",
        session=session,
        user_id=by,
        object_type="plan",
        object_id=plan_id,
        quarter=quarter,
        version=stored.version,
    )
    return stored


def _refuse_stale(plan_id: int, quarter: int, expected_version: int, *, session: Session) -> None:
    current = read_spend(plan_id, quarter, session=session).version
    raise PreconditionFailed(
        f"Someone saved the Q{quarter} spend since you opened it (you edited version {expected_version}; it is now "
        f"at version {current}). Reload it, reapply your changes and save again.",
        current_version=current,
    )


@dataclass(frozen=True)
class VarianceInputs:
    """What a quarter's variance is worked out from: Table 2, spend to date, what was entered, the cycle and Part 2."""

    quarter: int
    table_2: list[ExpenditureRow]
    actual_to_date: list[ExpenditureRow]
    threshold_pct: Decimal
    entry: SpendEntry | None
    adults_in_treatment: int | None

    def worked_out(self) -> spend_variance.SpendVariance:
        """The quarter's variance: the one computation, from stored figures or from a submission's snapshot."""
        return spend_variance.spend_variance(
            quarter=self.quarter,
            table_2=self.table_2,
            actual_to_date=self.actual_to_date,
            threshold_pct=self.threshold_pct,
            entered_profile=self.entry.profile if self.entry else None,
            entered_forecast=self.entry.forecast_outturn if self.entry else None,
            adults_in_treatment=self.adults_in_treatment,
        )


def variance_inputs(plan_id: int, quarter: int, *, session: Session) -> VarianceInputs:
    """The quarter's spend to date and its profile's sources, with the cycle's threshold and Part 2's adults."""
    view = plans.get_plan(plan_id, session=session)
    planned = table_2(plan_id, session=session)
    categories = [row.category for row in planned]
    stored = {
        row.quarter: row
        for row in session.exec(
            select(ReturnSpend).where(ReturnSpend.plan_id == plan_id, col(ReturnSpend.quarter) <= quarter)
        ).all()
    }
    so_far = [SpendEntry(actual=row.actual).actual for row in stored.values()]
    this = stored.get(quarter)
    entry = (
        SpendEntry(actual=this.actual, profile=this.profile, forecast_outturn=this.forecast_outturn) if this else None
    )
    targets = parts.read_part(plan_id, PartName.TARGETS, session=session).model
    return VarianceInputs(
        quarter=quarter,
        table_2=planned,
        actual_to_date=spend_variance.year_to_date(so_far, categories),
        threshold_pct=view.cycle.spend_variance_threshold_pct,
        entry=entry,
        adults_in_treatment=spend_variance.planned_adults_in_treatment(targets)
        if isinstance(targets, Targets)
        else None,
    )


def variance_of(plan_id: int, quarter: int, *, session: Session) -> spend_variance.SpendVariance:
    """The quarter's spend to date against its profile, with the cycle's threshold and Part 2's adults."""
    return variance_inputs(plan_id, quarter, session=session).worked_out()


def _rows_json(rows: list[ExpenditureRow]) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json") for row in rows]


def spend_section(plan_id: int, quarter: int, *, session: Session) -> dict[str, Any]:
    """The quarter's spend as stored, JSON-ready with money as decimal strings: a return's snapshot section.

    It keeps what the variance was worked out from too (Table 2, spend to date, the threshold, Part 2's
    adults), so that the submission's documents show the figures as they were, whatever is saved later.
    """
    stored = read_spend(plan_id, quarter, session=session)
    inputs = variance_inputs(plan_id, quarter, session=session)
    return {
        "quarter": quarter,
        "version": stored.version,
        "saved_by": stored.saved_by,
        "saved_at": stored.saved_at.isoformat() if stored.saved_at else None,
        **stored.entry.model_dump(mode="json"),
        "worked_out_from": {
            "table_2": _rows_json(inputs.table_2),
            "actual_to_date": _rows_json(inputs.actual_to_date),
            "threshold_pct": str(inputs.threshold_pct),
            "adults_in_treatment": inputs.adults_in_treatment,
        },
    }


def submitted_inputs(section: dict[str, Any]) -> VarianceInputs | None:
    """What a submission's spend section worked its variance out from; None for a snapshot that kept no such thing."""
    kept = section.get("worked_out_from")
    if kept is None:
        return None
    entry = SpendEntry(
        actual=section["actual"], profile=section.get("profile"), forecast_outturn=section.get("forecast_outturn")
    )
    return VarianceInputs(
        quarter=section["quarter"],
        table_2=[ExpenditureRow.model_validate(row) for row in kept["table_2"]],
        actual_to_date=[ExpenditureRow.model_validate(row) for row in kept["actual_to_date"]],
        threshold_pct=Decimal(kept["threshold_pct"]),
        entry=entry,
        adults_in_treatment=kept["adults_in_treatment"],
    )
