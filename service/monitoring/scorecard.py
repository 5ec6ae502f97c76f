"""A scorecard row per metric: the latest figure, its interval, and every judgement the figures support.

A page shows one row per metric a partnership is monitored on: the value this period with its
confidence interval, the value the trajectory expects by now, a RAG, whether the shortfall is more
than chance, the direction of travel and how the partnership compares with its region and England.
Every judgement here is made by `judgements` and every interval by `statistics`; this module only
chooses which figures each judgement is made on, and says why when one cannot be made.

The public variant is the same row built with `public=True`: counts of 1 to 5 are hidden as
`disclosure` decides, and with them every judgement that would give them away.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from service.monitoring import wording
from service.monitoring.catalogue import Metric, Polarity, Window
from service.monitoring.disclosure import hidden_by_difference, public_parts
from service.monitoring.judgements import (
    AmberTolerance,
    Change,
    Rag,
    Travel,
    compared_with_benchmark,
    direction_of_travel,
    quarterly_trajectory,
    rag,
    significantly_short_of_target,
)
from service.monitoring.periods import Period
from service.monitoring.statistics import (
    NINETY_FIVE,
    NINETY_NINE_POINT_EIGHT,
    Aggregate,
    Interval,
    confidence_interval,
)


class Withheld(StrEnum):
    """Why a figure or judgement is not given, in the words the page shows in its place."""

    NO_TARGET = "No target set for this plan year"
    NO_GOOD_DIRECTION = "Not rated: this measure has no better direction"
    NO_FIGURE = "No figure for this period"
    NO_INTERVAL = "Not judged: this kind of figure has no confidence interval"
    NO_EARLIER_FIGURE = "No earlier figure to compare with"
    SERIES_BREAK = "Not comparable: the definition changed since the earlier figure"
    SMALL_NUMBERS = wording.NOT_SHOWN


class NoFigures(ValueError):
    """A scorecard row needs at least one period's figure."""


@dataclass(frozen=True)
class PeriodFigure:
    """An area's combined figures for one period, such as "2027/28 Q1" or "2027/28"."""

    period: str
    aggregate: Aggregate


@dataclass(frozen=True)
class Benchmark:
    """An area the partnership is compared with (its region, England), and its figures by period."""

    name: str
    figures: tuple[PeriodFigure, ...]


@dataclass(frozen=True)
class Target:
    """A plan year's target: from the baseline to the annual target, by milestones for quarters 1–3 if agreed."""

    plan_year: str
    baseline: float
    annual: float
    milestones: Mapping[int, float] = field(default_factory=dict)

    def expected_in(self, period: Period) -> float | None:
        """The value the trajectory expects by the end of the period; None outside the target's plan year."""
        if period.plan_year != self.plan_year:
            return None
        if period.quarter is None:
            return self.annual
        return quarterly_trajectory(self.baseline, self.annual, self.milestones)[period.quarter - 1]


@dataclass(frozen=True)
class Figure:
    """An area's figure for one period as it is shown: parts and value are None where hidden or absent."""

    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    interval: Interval | None
    strict_interval: Interval | None = None  # at 99.8 %, when asked for
    suppressed: bool = False

    @classmethod
    def hidden(cls, period: str) -> "Figure":
        """A period whose figure public outputs hide entirely."""
        return cls(period, numerator=None, denominator=None, value=None, interval=None, suppressed=True)


@dataclass(frozen=True)
class SeriesPoint:
    """One period of the partnership's series with the value its trajectory expects (the chart and its table)."""

    figure: Figure
    expected: float | None


@dataclass(frozen=True)
class Assessment:
    """The latest value against the trajectory: the RAG and whether the shortfall is beyond chance."""

    expected: float | None
    rag: Rag | None
    short_of_target: bool | None
    withheld: Withheld | None


@dataclass(frozen=True)
class TravelJudgement:
    """The direction of travel since the period it is fairly compared with (`since`)."""

    since: str | None
    travel: Travel | None
    withheld: Withheld | None

    @property
    def text(self) -> str:
        if self.travel is None:
            return (self.withheld or Withheld.NO_EARLIER_FIGURE).value
        return wording.travel_text(self.travel)


@dataclass(frozen=True)
class Comparison:
    """The partnership's latest figure against a benchmark's for the same period."""

    benchmark: str
    figure: Figure | None
    change: Change | None
    withheld: Withheld | None

    @property
    def text(self) -> str:
        if self.change is None:
            return (self.withheld or Withheld.NO_FIGURE).value
        return wording.comparison_text(self.change, self.benchmark)


@dataclass(frozen=True)
class ScorecardRow:
    """One metric on a partnership's scorecard: its latest figure and the judgements on it."""

    metric: Metric
    latest: Figure
    target: Target | None
    assessment: Assessment
    travel: TravelJudgement
    comparisons: tuple[Comparison, ...]
    series: tuple[SeriesPoint, ...]
    direction_note: str | None
    public: bool

    def figure_value_text(self, figure: Figure | None) -> str:
        """A figure's value in words: hidden, missing or "30.8%"."""
        if figure is not None and figure.suppressed:
            return wording.NOT_SHOWN
        return wording.value_text(self.metric, figure.value if figure else None)

    def figure_interval_text(self, figure: Figure | None, *, strict: bool = False) -> str:
        """A figure's 95 % interval (99.8 % when `strict`) in words."""
        if figure is not None and figure.suppressed:
            return wording.NOT_SHOWN
        interval = None if figure is None else figure.strict_interval if strict else figure.interval
        return wording.interval_text(self.metric, interval)

    @property
    def value_text(self) -> str:
        return self.figure_value_text(self.latest)

    @property
    def interval_text(self) -> str:
        return self.figure_interval_text(self.latest)

    @property
    def strict_interval_text(self) -> str | None:
        """The 99.8 % interval in words, or None when it was not asked for."""
        if self.latest.strict_interval is None and not self.latest.suppressed:
            return None
        return self.figure_interval_text(self.latest, strict=True)

    @property
    def target_text(self) -> str:
        return wording.value_text(self.metric, self.target.annual) if self.target else Withheld.NO_TARGET.value

    @property
    def expected_text(self) -> str:
        expected = self.assessment.expected
        return wording.value_text(self.metric, expected) if expected is not None else Withheld.NO_TARGET.value

    @property
    def rag_text(self) -> str:
        if self.assessment.rag is None:
            return (self.assessment.withheld or Withheld.NO_TARGET).value
        return wording.rag_text(self.assessment.rag)

    @property
    def rag_tag_class(self) -> str | None:
        return wording.rag_tag_class(self.assessment.rag) if self.assessment.rag else None

    @property
    def significance_text(self) -> str | None:
        """Whether the shortfall is beyond chance; None where it cannot be judged (the RAG's text says why)."""
        if self.assessment.short_of_target is None:
            return None
        return wording.short_of_target_text(self.assessment.short_of_target, self.metric.polarity)


def scorecard_row(
    metric: Metric,
    partnership: Sequence[PeriodFigure],
    *,
    tolerance: AmberTolerance,
    benchmarks: Sequence[Benchmark] = (),
    target: Target | None = None,
    with_99_8: bool = False,
    public: bool = False,
) -> ScorecardRow:
    """The row for one metric from the partnership's figures, oldest period first, the latest last."""
    if not partnership:
        raise NoFigures(f"{metric.ref} has no figures to make a scorecard row from")
    periods = [Period.parse(figure.period) for figure in partnership]
    figures = [shown_figure(metric, figure, with_99_8=with_99_8, public=public) for figure in partnership]
    if public:
        for index in hidden_by_difference(
            metric, [(p, f.aggregate) for p, f in zip(periods, partnership, strict=True)]
        ):
            figures[index] = Figure.hidden(figures[index].period)
    expected = [target.expected_in(period) if target else None for period in periods]
    latest = figures[-1]
    return ScorecardRow(
        metric=metric,
        latest=latest,
        target=target,
        assessment=assess(metric, latest, expected[-1], tolerance),
        travel=_travel(metric, figures, periods),
        comparisons=tuple(compare(metric, latest, b, with_99_8=with_99_8, public=public) for b in benchmarks),
        series=tuple(SeriesPoint(figure=f, expected=e) for f, e in zip(figures, expected, strict=True)),
        direction_note=metric.direction_note_for(periods[-1].plan_year),
        public=public,
    )


def shown_figure(metric: Metric, figure: PeriodFigure, *, with_99_8: bool = False, public: bool = False) -> Figure:
    """An area's figure with its intervals; in public, with what would reveal a count of 1 to 5 hidden."""
    total = figure.aggregate
    numerator, denominator = public_parts(metric, total) if public else (total.numerator, total.denominator)
    if numerator is None or (denominator is None and total.denominator is not None):
        return Figure(figure.period, numerator, denominator, value=None, interval=None, suppressed=True)

    def interval(level: float) -> Interval | None:
        return confidence_interval(metric.value_type, metric.multiplier, total, level=level)

    return Figure(
        period=figure.period,
        numerator=numerator,
        denominator=denominator,
        value=total.value,
        interval=interval(NINETY_FIVE) if total.value is not None else None,
        strict_interval=interval(NINETY_NINE_POINT_EIGHT) if with_99_8 and total.value is not None else None,
    )


def _not_judgeable(*figures: Figure) -> Withheld | None:
    """Why these figures cannot be judged against each other by their intervals, if they cannot."""
    if any(figure.suppressed for figure in figures):
        return Withheld.SMALL_NUMBERS
    if any(figure.value is None for figure in figures):
        return Withheld.NO_FIGURE
    if any(figure.interval is None for figure in figures):
        return Withheld.NO_INTERVAL
    return None


def assess(metric: Metric, latest: Figure, expected: float | None, tolerance: AmberTolerance) -> Assessment:
    """RAG on the point value; "significantly" short only when the whole 95 % interval is."""
    if expected is None:
        return Assessment(expected=None, rag=None, short_of_target=None, withheld=Withheld.NO_TARGET)
    if latest.suppressed or latest.value is None:
        withheld = Withheld.SMALL_NUMBERS if latest.suppressed else Withheld.NO_FIGURE
        return Assessment(expected=expected, rag=None, short_of_target=None, withheld=withheld)
    if metric.polarity is Polarity.NONE:
        return Assessment(expected=expected, rag=None, short_of_target=None, withheld=Withheld.NO_GOOD_DIRECTION)
    short = None
    if latest.interval is not None:
        short = significantly_short_of_target(latest.interval, expected, metric.polarity)
    rating = rag(latest.value, expected, metric.polarity, tolerance)
    return Assessment(expected=expected, rag=rating, short_of_target=short, withheld=None)


def _travel(metric: Metric, figures: Sequence[Figure], periods: Sequence[Period]) -> TravelJudgement:
    """Since the period before; a rolling or year-to-date quarter since the same quarter a year before.

    Those windows share most of their people with the quarter before, so comparing with it would
    count the same people on both sides and make real change look like none.
    """
    latest = periods[-1]
    overlapping = metric.window in (Window.ROLLING_12_MONTHS, Window.YEAR_TO_DATE) and latest.quarter is not None
    wanted: Period | None = None
    if overlapping:
        wanted = latest.year_before()
    elif len(periods) > 1:
        wanted = periods[-2]
    found = [index for index, period in enumerate(periods) if period == wanted]
    if not found:
        return TravelJudgement(since=None, travel=None, withheld=Withheld.NO_EARLIER_FIGURE)
    previous, current = figures[found[-1]], figures[-1]
    if metric.breaks_between(periods[found[-1]].plan_year, latest.plan_year):
        return TravelJudgement(since=previous.period, travel=None, withheld=Withheld.SERIES_BREAK)
    withheld = _not_judgeable(previous, current)
    if withheld is not None or previous.interval is None or current.interval is None:
        return TravelJudgement(since=previous.period, travel=None, withheld=withheld)
    travel = direction_of_travel(previous.interval, current.interval, metric.polarity)
    return TravelJudgement(since=previous.period, travel=travel, withheld=None)


def compare(metric: Metric, latest: Figure, benchmark: Benchmark, *, with_99_8: bool, public: bool) -> Comparison:
    """Better, similar or worse than the benchmark in the same period, by whether the 95 % intervals overlap."""
    same_period = [figure for figure in benchmark.figures if figure.period == latest.period]
    if not same_period:
        return Comparison(benchmark=benchmark.name, figure=None, change=None, withheld=Withheld.NO_FIGURE)
    theirs = shown_figure(metric, same_period[-1], with_99_8=with_99_8, public=public)
    return compare_shown(metric, latest, benchmark.name, theirs)


def compare_shown(metric: Metric, latest: Figure, benchmark: str, theirs: Figure) -> Comparison:
    """compare, given the benchmark's figure as shown: a matrix shows England's once and compares every row with it."""
    withheld = _not_judgeable(latest, theirs)
    if withheld is not None or latest.interval is None or theirs.interval is None:
        return Comparison(benchmark=benchmark, figure=theirs, change=None, withheld=withheld)
    change = compared_with_benchmark(latest.interval, theirs.interval, metric.polarity)
    return Comparison(benchmark=benchmark, figure=theirs, change=change, withheld=None)
