"""Plan cycles: created for any plan year with the guidance's defaults, changed by admins."""

import datetime
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from plan_schema.dates import IsoDate
from plan_schema.decimals import PERCENT_0_TO_100, decimal_json_schema
from plan_schema.plan_year import (
    CycleYear,
    PlanYear,
    check_cycle_year,
    first_calendar_year,
    plan_year_label,
    quarter_end,
)
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, TEMPLATE_VERSION
from service.access import audit
from service.planning import validation
from service.planning.timetable import Timetable, default_timetable
from service.platform.errors import Conflict, InvalidInput
from service.tables.columns import id_of
from service.tables.journey import Submission
from service.tables.plans import DEFAULT_AMBER_TOLERANCE, DEFAULT_AMBER_TOLERANCE_RELATIVE, Plan, PlanCycle

DEFAULT_INFLATION_UPLIFT_PCT = Decimal("2.50")

# The amber tolerance: at most 100,000 in a metric's own units, with two decimal places, as a string.
TOLERANCE_PATTERN = r"^(100000(\.0{1,2})?|\d{1,5}(\.\d{1,2})?)$"
TOLERANCE_SETTINGS = ("amber_tolerance", "amber_tolerance_relative", "spend_variance_threshold_pct")

# Dates that must not run backwards (targets and baselines follow publication by custom, not rule).
TIMETABLE_ORDER = (
    "initial_submission_due",
    "panel_response_due",
    "final_submission_due",
    "sign_off_due",
    "publication_due",
)
# How the order error names each date.
DATE_NAMES = {
    "initial_submission_due": "the initial submission",
    "panel_response_due": "the panel assessment",
    "final_submission_due": "the final submission",
    "sign_off_due": "sign-off",
    "publication_due": "publication",
}
# What every submission of a cycle was validated against: fixed once the first one exists.
VALIDATED_SETTINGS = {
    "inflation_uplift_pct": "the inflation uplift",
    "harm_reduction_self_audit_required": "whether the harm reduction self-audit is required",
}


def check_timetable_order(dates: Mapping[str, datetime.date]) -> None:
    """Refuse dates that run backwards, naming the first date that falls after the next one."""
    for earlier, later in itertools.pairwise(TIMETABLE_ORDER):
        if dates[earlier] > dates[later]:
            raise InvalidInput.at(
                f"/{earlier}",
                f"the dates must run in the timetable's order: {DATE_NAMES[earlier]} "
                f"({dates[earlier]:%-d %B %Y}) cannot be after {DATE_NAMES[later]} ({dates[later]:%-d %B %Y})",
            )


RETURN_DATES = {quarter: f"q{quarter}_return_due" for quarter in (1, 2, 3, 4)}


def check_return_dates(plan_year: str, dates: Mapping[str, datetime.date]) -> None:
    """Refuse a quarterly return due on or before the last day of the quarter it reports on."""
    for quarter, name in RETURN_DATES.items():
        ends = quarter_end(plan_year, quarter)
        if dates[name] <= ends:
            raise InvalidInput.at(
                f"/{name}", f"quarter {quarter}'s return must be due after the quarter ends ({ends:%-d %B %Y})"
            )


def _check_years(plan_year: str, previous_year: str, indicative_years: Sequence[str]) -> None:
    start = first_calendar_year(plan_year)
    if first_calendar_year(previous_year) >= start:
        raise InvalidInput.at("/previous_year", f"the previous year must come before {plan_year}")
    for index, year in enumerate(indicative_years):
        if first_calendar_year(year) <= start + index:
            raise InvalidInput.at(
                f"/indicative_years/{index}", f"the indicative years must follow {plan_year}, each after the last"
            )


def create_cycle(
    plan_year: str,
    *,
    session: Session,
    inflation_uplift_pct: Decimal = DEFAULT_INFLATION_UPLIFT_PCT,
    harm_reduction_self_audit_required: bool = True,
    previous_year: str | None = None,
    indicative_years: Sequence[str] | None = None,
    dates: Mapping[str, datetime.date] | None = None,
    by: int | None = None,
) -> PlanCycle:
    """A cycle for any plan year: by default the year before, the two after and the guidance's timetable."""
    if session.exec(select(PlanCycle).where(PlanCycle.plan_year == plan_year)).first() is not None:
        raise _duplicate(plan_year)
    start = first_calendar_year(plan_year)
    try:
        check_cycle_year(plan_year)
    except ValueError as refused:
        raise InvalidInput.at("/plan_year", str(refused)) from None
    previous_year = previous_year or plan_year_label(start - 1)
    indicative_years = list(indicative_years or [plan_year_label(start + 1), plan_year_label(start + 2)])
    _check_years(plan_year, previous_year, indicative_years)
    timetable = asdict(default_timetable(plan_year)) | dict(dates or {})
    check_timetable_order(timetable)
    check_return_dates(plan_year, timetable)
    cycle = PlanCycle(
        plan_year=plan_year,
        previous_year=previous_year,
        indicative_years=indicative_years,
        template_version=TEMPLATE_VERSION,
        inflation_uplift_pct=inflation_uplift_pct,
        harm_reduction_self_audit_required=harm_reduction_self_audit_required,
        expenditure_categories=list(DEFAULT_EXPENDITURE_CATEGORIES),
        **timetable,
    )
    try:
        with session.begin_nested():
            session.add(cycle)
            session.flush()
    except IntegrityError:
        # Another admin created the same year between our check and our insert.
        raise _duplicate(plan_year) from None
    if by is not None:
        audit.record("cycle-created", session=session, user_id=by, object_type="cycle", object_id=cycle.id)
    return cycle


def _duplicate(plan_year: str) -> Conflict:
    detail = f"there is already a {plan_year} plan cycle"
    return Conflict(f"There is already a {plan_year} plan cycle.", errors=[{"pointer": "/plan_year", "detail": detail}])


def has_submissions(cycle: PlanCycle, *, session: Session) -> bool:
    """True once any plan of the cycle has been submitted."""
    count = session.exec(
        select(func.count())
        .select_from(Submission)
        .join(Plan, col(Submission.plan_id) == col(Plan.id))
        .where(Plan.cycle_id == cycle.id)
    ).one()
    return count > 0


def _check_settings_unchanged(cycle: PlanCycle, changes: Mapping[str, object], *, session: Session) -> None:
    """Settings are what submissions were validated against; once one exists they stay as they were."""
    changed = [name for name in VALIDATED_SETTINGS if name in changes and changes[name] != getattr(cycle, name)]
    if not changed or not has_submissions(cycle, session=session):
        return
    errors = [
        {
            "pointer": f"/{name}",
            "detail": f"{VALIDATED_SETTINGS[name]} cannot change: plans of {cycle.plan_year} have been submitted "
            "and were checked against it",
        }
        for name in changed
    ]
    raise Conflict(
        f"The {cycle.plan_year} settings cannot change once a plan has been submitted; the dates still can.",
        errors=errors,
    )


def check_tolerance(amount: Decimal, relative: bool) -> None:
    """A relative amber tolerance is a percentage of the value expected, so no more than 100."""
    if relative and amount > 100:
        raise InvalidInput.at(
            "/amber_tolerance", "a relative tolerance is a percentage of the value expected: from 0 to 100"
        )


def update_cycle(cycle: PlanCycle, changes: Mapping[str, object], *, by: int, session: Session) -> PlanCycle:
    """Change a cycle's dates, amber tolerance and spend threshold (always) or settings (until the first submission)."""
    before = {name: str(getattr(cycle, name)) for name in changes}
    # The tolerance judges figures, not submissions, so it may change at any time; it must still make sense.
    check_tolerance(
        Decimal(str(changes.get("amber_tolerance", cycle.amber_tolerance))),
        bool(changes.get("amber_tolerance_relative", cycle.amber_tolerance_relative)),
    )
    # Checked before anything changes, so a refusal leaves the cycle as it was (a page may still commit).
    check_timetable_order({name: changes.get(name, getattr(cycle, name)) for name in TIMETABLE_ORDER})  # type: ignore[misc]
    returns_due = {name: changes.get(name, getattr(cycle, name)) for name in RETURN_DATES.values()}
    check_return_dates(cycle.plan_year, returns_due)  # type: ignore[arg-type]
    _check_settings_unchanged(cycle, changes, session=session)
    for name, value in changes.items():
        setattr(cycle, name, value)
    session.add(cycle)
    session.flush()
    if set(changes) & set(VALIDATED_SETTINGS):
        # A setting the rules read (dates they do not): the kept findings of every plan of the cycle are stale.
        validation.cycle_changed(id_of(cycle), session=session)
    audit.record(
        "cycle-changed",
        session=session,
        user_id=by,
        object_type="cycle",
        object_id=cycle.id,
        before=before,
        after={name: str(value) for name, value in changes.items()},
    )
    return cycle


class CycleChange(BaseModel):
    """Dates and settings of a cycle to change; anything left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    initial_submission_due: IsoDate | None = None
    panel_response_due: IsoDate | None = None
    final_submission_due: IsoDate | None = None
    sign_off_due: IsoDate | None = None
    publication_due: IsoDate | None = None
    targets_agreed_due: IsoDate | None = None
    baseline_due: IsoDate | None = None
    q1_return_due: IsoDate | None = Field(None, description="The April to June quarterly return's due date.")
    q2_return_due: IsoDate | None = Field(None, description="The July to September quarterly return's due date.")
    q3_return_due: IsoDate | None = Field(None, description="The October to December quarterly return's due date.")
    q4_return_due: IsoDate | None = Field(None, description="The January to March quarterly return's due date.")
    inflation_uplift_pct: (
        Annotated[
            Decimal,
            Field(ge=0, le=100, decimal_places=2),
            decimal_json_schema(minimum=0, maximum=100, string_pattern=PERCENT_0_TO_100),
        ]
        | None
    ) = None
    harm_reduction_self_audit_required: StrictBool | None = None
    amber_tolerance: (
        Annotated[
            Decimal,
            Field(ge=0, le=100_000, decimal_places=2),
            decimal_json_schema(minimum=0, maximum=100_000, string_pattern=TOLERANCE_PATTERN),
        ]
        | None
    ) = Field(None, description="How far short of the trajectory is still amber: per cent of it when relative.")
    amber_tolerance_relative: StrictBool | None = Field(
        None, description="True: a percentage of the value expected; false: in each metric's own units."
    )
    spend_variance_threshold_pct: (
        Annotated[
            Decimal,
            Field(ge=0, le=100, decimal_places=2),
            decimal_json_schema(minimum=0, maximum=100, string_pattern=PERCENT_0_TO_100),
        ]
        | None
    ) = Field(None, description="A quarterly return's spend further than this % from its profile is flagged.")


class NewCycle(CycleChange):
    """A plan cycle to create: its year, and any years, dates or settings other than the guidance's defaults."""

    plan_year: CycleYear
    previous_year: PlanYear | None = Field(None, description="Defaults to the year before the plan year.")
    indicative_years: Annotated[list[PlanYear], Field(max_length=5)] | None = Field(
        None, description="Defaults to the two years after the plan year."
    )


def new_cycle(body: NewCycle, *, by: int, session: Session) -> PlanCycle:
    """Create the cycle a NewCycle describes (the API's and the admin page's one way in)."""
    settings = body.model_dump(include=set(VALIDATED_SETTINGS), exclude_none=True)
    dates = body.model_dump(include=set(Timetable.__dataclass_fields__), exclude_none=True)
    tolerance = body.model_dump(include=set(TOLERANCE_SETTINGS), exclude_none=True)
    check_tolerance(
        tolerance.get("amber_tolerance", DEFAULT_AMBER_TOLERANCE),
        tolerance.get("amber_tolerance_relative", DEFAULT_AMBER_TOLERANCE_RELATIVE),
    )
    cycle = create_cycle(
        body.plan_year,
        session=session,
        previous_year=body.previous_year,
        indicative_years=body.indicative_years,
        dates=dates,
        by=by,
        **settings,
    )
    if tolerance:
        cycle.sqlmodel_update(tolerance)
        session.add(cycle)
        session.flush()
    return cycle
