"""What a public scorecard may show of an area's figures: no count of 1 to 5 people, nor a way to work one out.

`statistics.suppress` decides within one group of counts that add up to a shown total. Two things
here are particular to monitoring figures: which counts make up a figure (a proportion is those
counted and the rest of its denominator), and year-to-date figures, where one quarter's figure less
the one before is the count for that quarter alone.
"""

from collections.abc import Sequence

from service.monitoring.catalogue import Metric, ValueType, Window
from service.monitoring.periods import Period
from service.monitoring.statistics import SMALLEST_SHOWN, Aggregate, suppress


class NotACount(ValueError):
    """A figure that should count people is not a whole number, so it cannot be checked for small numbers."""


def public_parts(metric: Metric, total: Aggregate) -> tuple[float | None, float | None]:
    """The numerator and denominator public outputs may show; None for a hidden one.

    A proportion's people are those counted and the rest of its denominator, so the two are one
    group whose total is the denominator: hiding 3 of 100 hides the 97 too, or 100 − 97 gives the 3
    away. A rate counts events among a population, and a mean's denominator is its people: each is
    checked alone. A mean's numerator is a sum of scores, not people, and goes with its denominator.
    Any hidden part hides the value and its interval, since either would let it be worked back.
    """
    if metric.value_type is ValueType.PROPORTION and total.denominator is not None:
        group = suppress([_count(total.numerator), _count(total.denominator - total.numerator)])
        return group.cells[0], group.total
    numerator: float | None = total.numerator
    if metric.value_type in (ValueType.COUNT, ValueType.RATE):
        numerator = suppress([_count(total.numerator)]).cells[0]
    if total.denominator is None:
        return numerator, None
    denominator = suppress([_count(total.denominator)]).cells[0]
    if denominator is None and metric.value_type in (ValueType.MEAN, ValueType.MEAN_CHANGE):
        numerator = None
    return numerator, denominator


def counted_parts(metric: Metric, total: Aggregate) -> tuple[int, ...]:
    """The counts of people a figure is made of: what must not differ by 1 to 5 between shown figures."""
    if metric.value_type is ValueType.PROPORTION and total.denominator is not None:
        return _count(total.numerator), _count(total.denominator - total.numerator)
    parts = (_count(total.numerator),) if metric.value_type in (ValueType.COUNT, ValueType.RATE) else ()
    return parts + ((_count(total.denominator),) if total.denominator is not None else ())


def hidden_by_difference(metric: Metric, figures: Sequence[tuple[Period, Aggregate]]) -> set[int]:
    """The year-to-date quarters to hide so that no two shown quarters of a year differ by 1 to 5 people.

    Each quarter is set against the last one shown in its plan year (or nothing, before quarter 1):
    when any of its counts has grown by 1 to 5 it is hidden, and the next is set against the same
    earlier quarter, so the quarters either side of a hidden one never give its people away.
    """
    if metric.window is not Window.YEAR_TO_DATE:
        return set()
    hidden: set[int] = set()
    last_shown: dict[str, tuple[int, ...]] = {}
    for index, (period, total) in enumerate(figures):
        if period.quarter is None:
            continue
        parts = counted_parts(metric, total)
        before = last_shown.get(period.plan_year, (0,) * len(parts))
        small = any(0 < now < SMALLEST_SHOWN for now in parts)  # hidden already, by public_parts
        if small or any(0 < now - then < SMALLEST_SHOWN for now, then in zip(parts, before, strict=True)):
            hidden.add(index)
        else:
            last_shown[period.plan_year] = parts
    return hidden


def _count(amount: float) -> int:
    if amount < 0 or not float(amount).is_integer():
        raise NotACount(f"{amount} is not a count of people, so it cannot be checked for small numbers")
    return int(amount)
