"""Small builders for scorecard tests: a metric from the shipped catalogue, and figures by period."""

import dataclasses
from typing import Any

from service.monitoring.catalogue import Metric, shipped_catalogue
from service.monitoring.scorecard import Benchmark, PeriodFigure
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
