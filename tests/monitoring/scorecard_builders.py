"""Small builders for scorecard tests: a metric from the shipped catalogue, figures by period, an example row."""

import dataclasses
from typing import Any

from service.monitoring.catalogue import Metric, Window, shipped_catalogue
from service.monitoring.judgements import AmberTolerance
from service.monitoring.scorecard import Benchmark, PeriodFigure, ScorecardRow, Target, scorecard_row
from service.monitoring.statistics import Aggregate


def metric(code: str, **changes: Any) -> Metric:
    """A shipped metric, with any field changed for the case a test needs (a window, a series break)."""
    found = shipped_catalogue().find(code)
    return dataclasses.replace(found, **changes) if changes else found


def share(period: str, numerator: int, denominator: int) -> PeriodFigure:
    """A proportion's figure: numerator of denominator, as a percentage."""
    value = numerator / denominator * 100 if denominator else None
    return PeriodFigure(period, Aggregate(numerator=numerator, denominator=denominator, value=value))


def count(period: str, number: int) -> PeriodFigure:
    return PeriodFigure(period, Aggregate(numerator=number, denominator=None, value=number))


def benchmark(name: str, *figures: PeriodFigure) -> Benchmark:
    return Benchmark(name=name, figures=figures)


def scorecard_example(*, public: bool = False, q2: tuple[int, int] = (81, 263)) -> ScorecardRow:
    """Treatment progress from 120 of 250 in Q1 to `q2` (81 of 263 unless told), against a target and benchmarks."""
    return scorecard_row(
        metric("OF-35", window=Window.QUARTER),
        [share("2027/28 Q1", 120, 250), share("2027/28 Q2", *q2)],
        tolerance=AmberTolerance(2.0),
        target=Target(plan_year="2027/28", baseline=40.0, annual=48.0),
        benchmarks=[
            benchmark("the region", share("2027/28 Q2", 3000, 10000)),
            benchmark("England", share("2027/28 Q2", 45000, 100000)),
        ],
        with_99_8=True,
        public=public,
    )
