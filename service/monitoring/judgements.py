"""Judgements on a value: against its quarter's trajectory (RAG), its target, its last period, and its benchmark.

Each judgement says only what the figures support: RAG compares point values with a tolerance the
partnership agrees, while "significantly", a direction of travel and better or worse than the
region rest on confidence intervals that do not overlap, so noise in small numbers is not read as
change.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from service.monitoring.catalogue import Polarity
from service.monitoring.statistics import Interval

QUARTERS = (1, 2, 3, 4)


class NoGoodDirection(ValueError):
    """The metric has no good direction, so better, worse and RAG mean nothing for it."""


def quarterly_trajectory(
    baseline: float, target: float, milestones: Mapping[int, float] | None = None
) -> tuple[float, ...]:
    """The value expected at the end of quarters 1–4, from the baseline to the annual target.

    A straight line, B + (T − B)·q/4, unless the partnership entered milestones for quarters 1–3
    (a service opening in the autumn does not grow evenly). Quarter 4 is always the target itself.
    """
    milestones = milestones or {}
    misplaced = sorted(quarter for quarter in milestones if quarter not in QUARTERS[:-1])
    if misplaced:
        raise ValueError(f"milestones are for quarters 1 to 3 (quarter 4 is the target), not {misplaced}")
    return tuple(milestones.get(quarter, baseline + (target - baseline) * quarter / 4) for quarter in QUARTERS)


class Rag(StrEnum):
    """Red, amber, green against the value expected by this quarter."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True)
class AmberTolerance:
    """How far short of the expected value is still amber, not red.

    Absolute in the metric's own units (2.0 = two percentage points for a percentage), or relative
    to the expected value (0.05 = within 5 % of it), as the partnership and region agree.
    """

    amount: float
    relative: bool = False

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("an amber tolerance cannot be negative")

    def width_at(self, expected: float) -> float:
        return self.amount * abs(expected) if self.relative else self.amount


def _good_sign(polarity: Polarity) -> int:
    """+1 when higher is better, −1 when lower is; refuses a metric with no good direction."""
    if polarity is Polarity.NONE:
        raise NoGoodDirection("this metric has no good direction, so it has no RAG and no better or worse")
    return 1 if polarity is Polarity.HIGHER_IS_BETTER else -1


def rag(value: float, expected: float, polarity: Polarity, tolerance: AmberTolerance) -> Rag:
    """Green at or beyond the expected value, amber within the tolerance short of it, red further short."""
    shortfall = (expected - value) * _good_sign(polarity)
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= tolerance.width_at(expected):
        return Rag.AMBER
    return Rag.RED


def significantly_short_of_target(interval: Interval, target: float, polarity: Polarity) -> bool:
    """Whether even the interval's best end falls short of the target: not explained by chance."""
    if _good_sign(polarity) > 0:
        return interval.upper < target
    return interval.lower > target


class Change(StrEnum):
    """How a value moved, or compares, when the intervals say the difference is real."""

    BETTER = "better"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"


def _compare(this: Interval, other: Interval, polarity: Polarity) -> Change:
    """Higher or lower only when the intervals do not overlap; better or worse when there is a good direction."""
    if this.overlaps(other):
        return Change.SIMILAR
    higher = this.lower > other.upper
    if polarity is Polarity.NONE:
        return Change.HIGHER if higher else Change.LOWER
    return Change.BETTER if higher == (_good_sign(polarity) > 0) else Change.WORSE


class Travel(StrEnum):
    """Direction of travel since the previous period, named as a report reads it."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no significant change"


_TRAVEL: dict[Change, Travel] = {
    Change.BETTER: Travel.IMPROVING,
    Change.WORSE: Travel.WORSENING,
    Change.HIGHER: Travel.INCREASING,
    Change.LOWER: Travel.DECREASING,
    Change.SIMILAR: Travel.NO_SIGNIFICANT_CHANGE,
}


def direction_of_travel(previous: Interval, latest: Interval, polarity: Polarity) -> Travel:
    """Improving or worsening (increasing or decreasing with no polarity) only when the intervals do not overlap.

    For periods that do not share people: a rolling 12-month figure is compared with the one a year
    before, not the quarter before, or most of its people would be counted on both sides.
    """
    return _TRAVEL[_compare(latest, previous, polarity)]


def compared_with_benchmark(area: Interval, benchmark: Interval, polarity: Polarity) -> Change:
    """The area against its region or England: better, similar or worse (higher, similar, lower with no polarity).

    Pass `Interval.point(value)` for a benchmark taken as exact.
    """
    return _compare(area, benchmark, polarity)
