"""A partnership's targets for a plan year: its local targets on catalogue metrics, and Part 2's agreed ones.

Part 2's agreed targets count once they are numbers. The mapping: indicator 1.1 (and 1.2) of a
partnership's plan for the year is metric P2-1.1 (P2-1.2), `catalogue.part_2_code`; its baseline is
the annualised baseline the administrator entered in August (people in effective treatment), and its
annual target that baseline changed by the agreed % (`plan_schema.target_numbers`, the one place a %
becomes people). Indicators 2 and 3 are rates and 4 counts practices: their agreed % is no number
of people, so they have no target here unless the partnership sets a local one. A local target on
P2-1.1 or P2-1.2 is refused: those are agreed with the region, not set by the partnership alone.

The cycle's amber tolerance is read here too, since it is what a target is judged with.
"""

import math
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from plan_schema.target_numbers import PEOPLE_INDICATORS, targets_as_numbers
from plan_schema.vocabulary import IndicatorId
from service.monitoring.catalogue import Metric, ValueType, part_2_code
from service.monitoring.judgements import QUARTERS, AmberTolerance
from service.monitoring.metric_versions import metric_of
from service.monitoring.scorecard import Target
from service.platform.errors import InvalidInput, NotFound
from service.tables.columns import id_of, utc_now
from service.tables.journey import AgreedTargets
from service.tables.monitoring import LocalTarget, MetricVersion
from service.tables.plans import (
    DEFAULT_AMBER_TOLERANCE,
    DEFAULT_AMBER_TOLERANCE_RELATIVE,
    Partnership,
    Plan,
    PlanCycle,
)

AGREED_CODES = frozenset(part_2_code(IndicatorId(indicator)) for indicator in PEOPLE_INDICATORS)
AGREED_NOTE = (
    "Targets for Part 2's indicators 1.1 and 1.2 are the ones agreed in the plan: they become numbers "
    "once the annualised baselines are entered, and are not set here."
)
# Far beyond any partnership's figure on any metric, so a slip of the keyboard is refused, not stored.
LARGEST_TARGET = 1_000_000_000.0


def cycle_tolerance(cycle: PlanCycle | None) -> AmberTolerance:
    """The cycle's amber tolerance as judgements take it (a relative one is stored in per cent of the expected value).

    A year monitored without a cycle of its own (figures from before the service) takes a new cycle's default.
    """
    amount = float(cycle.amber_tolerance if cycle else DEFAULT_AMBER_TOLERANCE)
    relative = cycle.amber_tolerance_relative if cycle else DEFAULT_AMBER_TOLERANCE_RELATIVE
    return AmberTolerance(amount=amount / 100 if relative else amount, relative=relative)


def metric_in_force(code: str, plan_year: str, *, session: Session) -> tuple[MetricVersion, Metric]:
    """The stored version of a metric in force in a plan year; NotFound names the code when there is none."""
    rows = session.exec(select(MetricVersion).where(MetricVersion.code == code)).all()
    if not rows:
        raise NotFound(f"There is no metric {code} in the catalogue.")
    for row in rows:
        metric = metric_of(row)
        if metric.valid_in(plan_year):
            return row, metric
    raise InvalidInput.at("/year", f"{code} has no version in force in {plan_year}")


def _check_value(metric: Metric, value: object, pointer: str) -> float:
    """A target value that fits the metric's kind of figure, on the scale it is shown on (after its multiplier)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or not math.isfinite(float(value)):
        raise InvalidInput.at(pointer, "must be a number")
    number = float(value)
    if abs(number) > LARGEST_TARGET:
        raise InvalidInput.at(pointer, f"must be between -{LARGEST_TARGET:,.0f} and {LARGEST_TARGET:,.0f}")
    if metric.value_type is ValueType.PROPORTION and not 0 <= number <= metric.multiplier:
        raise InvalidInput.at(pointer, f"{metric.code} is a proportion: a value between 0 and {metric.multiplier}")
    if metric.value_type in (ValueType.COUNT, ValueType.RATE) and number < 0:
        raise InvalidInput.at(pointer, f"{metric.code} is a {metric.value_type.value}: it cannot be negative")
    return number


def set_local_target(
    partnership_id: int,
    code: str,
    plan_year: str,
    *,
    baseline: float,
    annual: float,
    milestones: Mapping[int, float] | None = None,
    by: int | None,
    session: Session,
) -> LocalTarget:
    """Set, or replace, a partnership's own target on a metric for a plan year, after checking every number."""
    if session.get(Partnership, partnership_id) is None:
        raise NotFound(f"There is no partnership {partnership_id}.")
    if code in AGREED_CODES:
        raise InvalidInput.at("/code", f"{code}'s target is the one agreed in Part 2 of the plan, not a local one")
    row, metric = metric_in_force(code, plan_year, session=session)
    checked = {
        "baseline": _check_value(metric, baseline, "/baseline"),
        "annual": _check_value(metric, annual, "/annual"),
    }
    checked_milestones: dict[str, float] = {}
    for quarter, value in sorted((milestones or {}).items()):
        if quarter not in QUARTERS[:-1]:
            raise InvalidInput.at(
                f"/milestones/{quarter}", "milestones are for quarters 1 to 3; quarter 4 is the target"
            )
        checked_milestones[str(quarter)] = _check_value(metric, value, f"/milestones/{quarter}")
    target = _stored(partnership_id, id_of(row), plan_year, session=session) or LocalTarget(
        partnership_id=partnership_id, metric_version_id=id_of(row), plan_year=plan_year, baseline=0, annual=0
    )
    target.sqlmodel_update(checked | {"milestones": checked_milestones, "set_by": by, "set_at": utc_now()})
    session.add(target)
    session.flush()
    return target


def remove_local_target(partnership_id: int, code: str, plan_year: str, *, session: Session) -> None:
    """Remove a partnership's own target on a metric for a plan year; NotFound when there is none."""
    row, _ = metric_in_force(code, plan_year, session=session)
    target = _stored(partnership_id, id_of(row), plan_year, session=session)
    if target is None:
        raise NotFound(f"There is no local target on {code} for {plan_year}.")
    session.delete(target)
    session.flush()


def _stored(partnership_id: int, metric_version_id: int, plan_year: str, *, session: Session) -> LocalTarget | None:
    return session.exec(
        select(LocalTarget).where(
            LocalTarget.partnership_id == partnership_id,
            LocalTarget.metric_version_id == metric_version_id,
            LocalTarget.plan_year == plan_year,
        )
    ).first()


# Built once, as the task list and the scorecards ask at every showing: building a statement costs more than running it.
_LOCAL_TARGETS = (
    select(MetricVersion.code, LocalTarget)
    .join(LocalTarget, col(LocalTarget.metric_version_id) == col(MetricVersion.id))
    .where(
        col(LocalTarget.partnership_id) == bindparam("partnership_id"),
        col(LocalTarget.plan_year) == bindparam("plan_year"),
    )
)
# The two columns part_2_targets reads, not the row: loading an entity costs more than the query.
_AGREED = (
    select(AgreedTargets.baselines, AgreedTargets.planned_change_pct)
    .join(Plan, col(Plan.id) == col(AgreedTargets.plan_id))
    .join(PlanCycle, col(PlanCycle.id) == col(Plan.cycle_id))
    .where(col(Plan.partnership_id) == bindparam("partnership_id"), col(PlanCycle.plan_year) == bindparam("plan_year"))
)


def local_targets(partnership_id: int, plan_year: str, *, session: Session) -> dict[str, LocalTarget]:
    """A partnership's own targets for a plan year, by metric code."""
    return dict(session.exec(_LOCAL_TARGETS, params={"partnership_id": partnership_id, "plan_year": plan_year}).all())


# What a target is judged by, not the row: the task list and the scorecards ask at every showing.
_LOCAL_TARGET_VALUES = (
    select(MetricVersion.code, LocalTarget.baseline, LocalTarget.annual, LocalTarget.milestones)
    .join(LocalTarget, col(LocalTarget.metric_version_id) == col(MetricVersion.id))
    .where(
        col(LocalTarget.partnership_id) == bindparam("partnership_id"),
        col(LocalTarget.plan_year) == bindparam("plan_year"),
    )
)


def part_2_targets(partnership_id: int, plan_year: str, *, session: Session) -> dict[str, Target]:
    """Part 2's agreed targets that are numbers: P2-1.1 and P2-1.2 from the plan's baselines and agreed %."""
    agreed = session.exec(_AGREED, params={"partnership_id": partnership_id, "plan_year": plan_year}).first()
    if agreed is None:
        return {}
    baselines, planned_change_pct = agreed
    pct = {key: Decimal(value) for key, value in planned_change_pct.items()}
    return {
        part_2_code(IndicatorId(indicator)): Target(
            plan_year=plan_year, baseline=float(baselines[indicator]), annual=float(number)
        )
        for indicator, number in targets_as_numbers(baselines, pct).items()
    }


def targets_for(partnership_id: int, plan_year: str, *, session: Session) -> dict[str, Target]:
    """Every target a partnership is held to in a plan year, local and Part 2's, by metric code."""
    parameters = {"partnership_id": partnership_id, "plan_year": plan_year}
    local = {
        code: Target(
            plan_year=plan_year,
            baseline=baseline,
            annual=annual,
            milestones={int(quarter): value for quarter, value in milestones.items()},
        )
        for code, baseline, annual, milestones in session.exec(_LOCAL_TARGET_VALUES, params=parameters).all()
    }
    return local | part_2_targets(partnership_id, plan_year, session=session)


def targetable_metrics(plan_year: str, *, session: Session) -> list[Metric]:
    """The metrics a partnership may set its own target on in a plan year: every one in force but Part 2's agreed."""
    in_force = (metric_of(row) for row in session.exec(select(MetricVersion).order_by(col(MetricVersion.code))).all())
    return [metric for metric in in_force if metric.valid_in(plan_year) and metric.code not in AGREED_CODES]
