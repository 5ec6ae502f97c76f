"""Turning area figures into values: combining areas, confidence intervals, small-number suppression.

Floats, not Decimal. Money is Decimal because pennies must add up exactly; these are estimates
built from whole counts through square roots, cube roots and normal quantiles, which Decimal cannot
take exactly either, and they are shown to one decimal place. Sums use `math.fsum`, which rounds
once, so a partnership's figure does not depend on the order its areas are listed in.
"""

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

from service.monitoring.catalogue import ValueType

NINETY_FIVE = 0.95
# The 99.8 % level (about three standard errors) for when a difference must be clear before anyone acts on it.
NINETY_NINE_POINT_EIGHT = 0.998
# Counts of 1 to 5 people are hidden in public outputs; 0 is shown, as it identifies no one.
SMALLEST_SHOWN = 6


@dataclass(frozen=True)
class Observation:
    """One area's figures for one period, as the source publishes them (denominator None for counts)."""

    numerator: float
    denominator: float | None = None


@dataclass(frozen=True)
class Aggregate:
    """The combined figures of several areas; value None when the denominator is zero."""

    numerator: float
    denominator: float | None
    value: float | None


@dataclass(frozen=True)
class Interval:
    """A confidence interval, on the same scale as the value it surrounds."""

    lower: float
    upper: float

    @classmethod
    def point(cls, value: float) -> "Interval":
        """A figure with no uncertainty of its own, such as a benchmark taken as exact."""
        return cls(lower=value, upper=value)

    def contains(self, value: float) -> bool:
        return self.lower <= value <= self.upper

    def overlaps(self, other: "Interval") -> bool:
        return self.lower <= other.upper and other.lower <= self.upper


class NotAggregable(ValueError):
    """These figures cannot be combined into one value honestly; the message says why."""


def aggregate(value_type: ValueType, multiplier: int, observations: Iterable[Observation]) -> Aggregate:
    """A partnership's, region's or England's value from its areas: Σ numerators ÷ Σ denominators × multiplier.

    Never a mean of the areas' values: a small area's percentage would weigh as much as a large one's.
    """
    observations = tuple(observations)
    numerator = math.fsum(o.numerator for o in observations)
    if value_type is ValueType.COUNT:
        if any(o.denominator is not None for o in observations):
            raise NotAggregable("a count has no denominator: these figures are for a different kind of metric")
        return Aggregate(numerator=numerator, denominator=None, value=numerator * multiplier)
    denominators = [o.denominator for o in observations]
    if any(d is None for d in denominators):
        if value_type is ValueType.MEAN_CHANGE:
            raise NotAggregable(
                "a mean change combines only from each area's total change and its number of people; "
                "an area gave its mean alone"
            )
        raise NotAggregable(f"a {value_type} needs every area's denominator to combine them")
    denominator = math.fsum(d for d in denominators if d is not None)
    value = numerator / denominator * multiplier if denominator else None
    return Aggregate(numerator=numerator, denominator=denominator, value=value)


# Cached: a matrix draws thousands of intervals at one or two levels, and the quantile is costly.
@functools.cache
def z_for(level: float) -> float:
    """The two-sided standard normal quantile for a confidence level: 1.96 for 95 %."""
    if not 0 < level < 1:
        raise ValueError(f"a confidence level is between 0 and 1, not {level}")
    return NormalDist().inv_cdf(1 - (1 - level) / 2)


def wilson_interval(successes: float, trials: float, *, level: float = NINETY_FIVE) -> Interval:
    """Wilson's score interval for a proportion, on the 0–1 scale.

    Unlike p ± z·√(p(1−p)/n) it stays within 0 and 1 and is not zero-width at 0 % or 100 %,
    which matters for the small numbers of a single partnership.
    """
    if trials <= 0:
        raise ValueError("a proportion of no one has no interval")
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} of {trials} is not a proportion")
    z = z_for(level)
    p = successes / trials
    spread = z * z / trials
    centre = (p + spread / 2) / (1 + spread)
    half_width = z / (1 + spread) * math.sqrt(p * (1 - p) / trials + spread / (4 * trials))
    # At 0 % and 100 % the bound is exactly 0 or 1; floating point would land a hair either side.
    lower = 0.0 if successes == 0 else max(0.0, centre - half_width)
    upper = 1.0 if successes == trials else min(1.0, centre + half_width)
    return Interval(lower=lower, upper=upper)


def byar_interval(count: float, *, level: float = NINETY_FIVE) -> Interval:
    """Byar's approximation to the exact Poisson interval for a count of events."""
    if count < 0:
        raise ValueError(f"a count cannot be negative ({count})")
    z = z_for(level)
    lower = 0.0
    if count > 0:
        lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    above = count + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return Interval(lower=max(0.0, lower), upper=upper)


def rate_interval(count: float, denominator: float, multiplier: int, *, level: float = NINETY_FIVE) -> Interval:
    """The interval of a rate per `multiplier`: Byar's on the count, scaled as the rate is."""
    if denominator <= 0:
        raise ValueError("a rate per no one has no interval")
    on_count = byar_interval(count, level=level)
    return Interval(lower=on_count.lower / denominator * multiplier, upper=on_count.upper / denominator * multiplier)


def confidence_interval(
    value_type: ValueType, multiplier: int, aggregate: Aggregate, *, level: float = NINETY_FIVE
) -> Interval | None:
    """The interval that fits the value type, on the value's own scale; None when none can be drawn.

    Means have none here: their spread is not in the figures a source publishes. Neither has a
    value whose denominator is zero.
    """
    if value_type is ValueType.COUNT:
        on_count = byar_interval(aggregate.numerator, level=level)
        return Interval(lower=on_count.lower * multiplier, upper=on_count.upper * multiplier)
    if aggregate.denominator is None or aggregate.denominator <= 0:
        return None
    if value_type is ValueType.PROPORTION:
        share = wilson_interval(aggregate.numerator, aggregate.denominator, level=level)
        return Interval(lower=share.lower * multiplier, upper=share.upper * multiplier)
    if value_type is ValueType.RATE:
        return rate_interval(aggregate.numerator, aggregate.denominator, multiplier, level=level)
    return None


@dataclass(frozen=True)
class ShownGroup:
    """A group of counts as it may be published: None marks a hidden cell, or a hidden total."""

    cells: tuple[int | None, ...]
    total: int | None


def suppress(cells: Sequence[int]) -> ShownGroup:
    """Hide counts of 1–5, then enough more that no hidden count can be worked out from the rest.

    Whoever reads the table knows the shown cells, the shown total, and that a hidden cell is at
    least 1 (zeros are shown). Subtracting, they learn the sum of the hidden cells; a hidden cell is
    pinned down when it is the only one hidden, or when every hidden cell must be 1. While that is
    so, the next smallest shown non-zero cell is hidden too, and when there is none, the total.
    This defends against subtraction; it does not claim to defeat someone reasoning from the rule.
    """
    if any(count < 0 for count in cells):
        raise ValueError("a count cannot be negative")
    total = sum(cells)
    hidden = {index for index, count in enumerate(cells) if 0 < count < SMALLEST_SHOWN}
    total_hidden = 0 < total < SMALLEST_SHOWN
    while hidden and not total_hidden and _pinned(cells, hidden):
        shown_non_zero = [index for index, count in enumerate(cells) if count > 0 and index not in hidden]
        if shown_non_zero:
            hidden.add(min(shown_non_zero, key=lambda index: (cells[index], index)))
        else:
            total_hidden = True
    return ShownGroup(
        cells=tuple(None if index in hidden else count for index, count in enumerate(cells)),
        total=None if total_hidden else total,
    )


def _pinned(cells: Sequence[int], hidden: set[int]) -> bool:
    """Whether the hidden cells could be worked out from the total, knowing each is at least 1."""
    hidden_sum = sum(cells[index] for index in hidden)
    return len(hidden) == 1 or hidden_sum == len(hidden)
