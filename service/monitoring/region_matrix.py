"""A region's matrix (its partnerships × metrics) and the national view (regions × metrics, and England).

Each cell is a scope's figure for a metric in the column's period: the latest period, up to the one
chosen, in which any row of the matrix has a figure for that metric, so a column compares like with
like and a metric published yearly still shows its last year. The cell carries its 95 % interval and
its comparison with England, made by `scorecard.compare` on the same intervals a scorecard uses.

Cells are judged without targets by default. Pass `targets` (with each its agreed amber tolerance) and
each cell with one is also rated against the value its trajectory expects, by `scorecard.assess`.

Reporting completeness, per row: of the (metric, period) pairs expected of it — every quarter up to the
chosen period for a metric published quarterly, otherwise every period in which any row reported the
metric — how many it has a figure for. A metric the row's areas are never published for is not expected.
"""

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from service.monitoring import matrix_figures, wording
from service.monitoring.aggregation import CombinedFigure
from service.monitoring.catalogue import Frequency, Metric, MetricRef
from service.monitoring.judgements import AmberTolerance
from service.monitoring.matrix_figures import AreaFigures, Footprints, Parts, Scope
from service.monitoring.metric_versions import metric_of
from service.monitoring.periods import Period
from service.monitoring.scorecard import (
    Assessment,
    Benchmark,
    Comparison,
    Figure,
    PeriodFigure,
    Target,
    assess,
    compare,
    compare_shown,
    shown_figure,
)
from service.monitoring.statistics import NotAggregable
from service.platform.errors import InvalidInput, NotFound
from service.tables.columns import id_of
from service.tables.monitoring import MetricVersion, PartnershipArea
from service.tables.monitoring import Observation as Stored
from service.tables.plans import Partnership, Region

NOT_PUBLISHED = "Not published for these areas"
ENGLAND = "England"
NOT_COMBINED = "Not combined: the areas' figures are of different kinds"
# Targets by (partnership id, metric version): the trajectory and the amber tolerance agreed with it.
Targets = Mapping[tuple[int, MetricRef], tuple[Target, AmberTolerance]]


def period_order(period: Period) -> tuple[str, int]:
    """Periods in the order of time: a year's quarters, then the whole year (known once the year is out)."""
    return period.plan_year, period.quarter or 5


def periods_up_to(chosen: Period) -> tuple[str, ...]:
    """The periods of the chosen one's plan year up to it: its quarters so far, and the year when it is chosen."""
    last = chosen.quarter or 4
    quarters = tuple(Period(chosen.plan_year, quarter).label for quarter in range(1, last + 1))
    return quarters if chosen.quarter else (*quarters, chosen.label)


@dataclass(frozen=True)
class Column:
    """A metric, and the period its cells are for."""

    metric: Metric
    period: str


@dataclass(frozen=True)
class Cell:
    """One scope's figure for one column, how it was combined, and its comparison with England."""

    metric: Metric
    period: str
    combined: CombinedFigure | None  # None when the metric is not published for the scope's areas
    figure: Figure | None  # None when no area had a figure, or the figures could not be combined
    comparison: Comparison | None  # None for England itself
    withheld: str | None = None  # why there is no figure, when there is a reason beyond "none yet"
    assessment: Assessment | None = None  # against the target, only when targets were passed in

    @property
    def value_text(self) -> str:
        if self.withheld is not None:
            return self.withheld
        return wording.value_text(self.metric, self.figure.value if self.figure else None)

    @property
    def interval_text(self) -> str | None:
        """The 95 % interval in words; None when there is no value to surround."""
        if self.figure is None or self.figure.value is None:
            return None
        return wording.interval_text(self.metric, self.figure.interval)

    @property
    def comparison_text(self) -> str | None:
        return None if self.comparison is None or self.figure is None else self.comparison.text

    @property
    def areas_text(self) -> str | None:
        """ "From 2 of 3 areas" when some of the scope's areas have no figure."""
        if self.combined is None or not self.combined.missing or not self.combined.included:
            return None
        covered = len(self.combined.included)
        return f"From {covered} of {covered + len(self.combined.missing)} areas"


@dataclass(frozen=True)
class Completeness:
    """Of the (metric, period) pairs expected of a row, how many it has a figure for."""

    reported: int
    expected: int

    @property
    def percent(self) -> float | None:
        return 100 * self.reported / self.expected if self.expected else None

    @property
    def text(self) -> str:
        if not self.expected:
            return "Nothing expected yet"
        return f"{self.reported} of {self.expected} ({self.percent:.0f}%)"


@dataclass(frozen=True)
class Row:
    """A partnership or a region across the matrix's columns."""

    id: int | None
    name: str
    cells: tuple[Cell, ...]
    completeness: Completeness | None  # None for England, which has no one's returns to count


@dataclass(frozen=True)
class Matrix:
    """Rows × columns for a period, England's row, and the periods that can be chosen."""

    title: str
    period: str | None  # None when no figure has been imported for any row
    periods: tuple[str, ...]  # every period with a figure for a row, oldest first
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    england: Row | None


def _metrics(session: Session) -> dict[int, Metric]:
    return {id_of(row): metric_of(row) for row in session.exec(select(MetricVersion)).all()}


def _periods_of(covered: SelectOfScalar[int] | None, *, session: Session) -> tuple[str, ...]:
    """Every period with an all-persons figure, for the areas `covered` selects (any area when None)."""
    query = select(col(Stored.period)).where(col(Stored.breakdown) == matrix_figures.ALL_PERSONS).distinct()
    if covered is not None:
        query = query.where(col(Stored.area_id).in_(covered))
    found = [Period.parse(label) for label in session.exec(query).all()]
    return tuple(period.label for period in sorted(found, key=period_order))


def _chosen(period: str | None, periods: Sequence[str]) -> Period | None:
    if period is None:
        return Period.parse(periods[-1]) if periods else None
    try:
        return Period.parse(period)
    except ValueError as error:
        raise InvalidInput(str(error), errors=[{"parameter": "period", "in": "query", "detail": str(error)}]) from None


def _columns(
    metrics: Mapping[int, Metric], figures: AreaFigures, considered: Sequence[str], plan_year: str
) -> tuple[tuple[int, Column], ...]:
    """A column per metric in force that has any figure in the periods considered, at its latest such period."""
    found: list[tuple[int, Column]] = []
    for metric_version_id, metric in metrics.items():
        periods = figures.periods_in(figures.reported_mask(metric_version_id))
        if not periods or not metric.valid_in(plan_year):
            continue
        latest = max(periods, key=lambda p: period_order(Period.parse(p)))
        found.append((metric_version_id, Column(metric, latest)))
    return tuple(sorted(found, key=lambda pair: (pair[1].metric.family != "plan-part-2", pair[1].metric.code)))


def _cell(
    column: Column,
    scope: Scope,
    figures: Mapping[int, Parts],
    england: Figure | None,
    target: tuple[Target, AmberTolerance] | None = None,
) -> Cell:
    """The scope's cell; compared with England's figure as shown unless the scope is England (id None)."""
    metric, period = column.metric, column.period
    try:
        combined = matrix_figures.combined(metric, scope, figures)
    except NotAggregable:
        kind = matrix_figures.kind_for(metric, scope)
        return Cell(metric, period, None, None, None, withheld=NOT_PUBLISHED if kind is None else NOT_COMBINED)
    if combined.aggregate is None:
        return Cell(metric, period, combined, None, None)
    figure = shown_figure(metric, PeriodFigure(period, combined.aggregate))
    comparison = None
    if scope.id is not None:
        if england is None:
            comparison = compare(metric, figure, Benchmark(ENGLAND, ()), with_99_8=False, public=False)
        else:
            comparison = compare_shown(metric, figure, ENGLAND, england)
    rated = None
    if target is not None:
        rated = assess(metric, figure, target[0].expected_in(Period.parse(period)), target[1])
    return Cell(metric, period, combined, figure, comparison, assessment=rated)


def expected_periods(columns: Sequence[tuple[int, Column]], figures: AreaFigures) -> dict[int, int]:
    """Each column's expected periods as bits: every quarter so far if quarterly, else those anyone reported."""
    quarters = figures.mask(label for label in figures.periods if Period.parse(label).quarter is not None)
    return {
        mv: quarters if column.metric.frequency is Frequency.QUARTERLY else figures.reported_mask(mv)
        for mv, column in columns
    }


def completeness(
    scope: Scope, columns: Sequence[tuple[int, Column]], figures: AreaFigures, expected_bits: Mapping[int, int]
) -> Completeness:
    """How many of the (metric, period) pairs expected of the scope it has a figure for (see the module's note)."""
    reported = expected = 0
    for metric_version_id, column in columns:
        kind = matrix_figures.kind_for(column.metric, scope)
        if kind is None:
            continue
        wanted = expected_bits[metric_version_id]
        ids = [place.id for place in scope.by_kind[kind]]
        expected += wanted.bit_count()
        reported += (wanted & figures.reported_mask(metric_version_id, ids)).bit_count()
    return Completeness(reported=reported, expected=expected)


def _rows(
    scopes: Sequence[Scope],
    columns: Sequence[tuple[int, Column]],
    figures: AreaFigures,
    footprints: Footprints,
    *,
    session: Session,
    targets: Targets | None = None,
) -> tuple[tuple[Row, ...], Row]:
    """Every scope's row and England's, each cell compared with England's figure in the column's period."""
    wanted = {mv: column.period for mv, column in columns}
    read = {place.id for scope in scopes for place in scope.places}
    matrix_figures.read_parts(figures, read, wanted, session=session)
    england = footprints.england()
    # England's areas beyond the rows' own: their figures are needed for England's figure alone.
    matrix_figures.read_parts(figures, {p.id for p in england.places} - read, wanted, session=session)
    england_cells = tuple(_cell(column, england, figures.of(mv, column.period), None) for mv, column in columns)
    benchmarks = {mv: cell.figure for (mv, _), cell in zip(columns, england_cells, strict=True)}
    expected_bits = expected_periods(columns, figures)

    def target_of(scope: Scope, column: Column) -> tuple[Target, AmberTolerance] | None:
        return None if targets is None or scope.id is None else targets.get((scope.id, column.metric.ref))

    rows = tuple(
        Row(
            scope.id,
            scope.name,
            tuple(
                _cell(column, scope, figures.of(mv, column.period), benchmarks[mv], target_of(scope, column))
                for mv, column in columns
            ),
            completeness(scope, columns, figures, expected_bits),
        )
        for scope in scopes
    )
    return rows, Row(None, ENGLAND, england_cells, None)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a matrix is built, and restore it as it was.

    A region's matrix makes some 60,000 small objects, none of them in a cycle (reference counting frees
    them all), yet their number set off full collections over every object of the process: on the
    benchmark's region they took as long as the matrix itself (250 ms against 140 ms without).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def region_matrix(region_id: int, period: str | None, *, session: Session, targets: Targets | None = None) -> Matrix:
    """A region's partnerships × metrics for a period (the latest with figures when None), with England's row."""
    with _no_cycle_collection():
        return _region_matrix(region_id, period, session=session, targets=targets)


def _region_matrix(region_id: int, period: str | None, *, session: Session, targets: Targets | None) -> Matrix:
    region = session.get(Region, region_id)
    if region is None:
        raise NotFound(f"there is no region {region_id}")
    query = select(Partnership).where(Partnership.region_id == region_id).order_by(col(Partnership.name))
    partnerships = session.exec(query).all()
    covered = (
        select(col(PartnershipArea.area_id))
        .join(Partnership, col(Partnership.id) == col(PartnershipArea.partnership_id))
        .where(col(Partnership.region_id) == region_id)
    )
    periods = _periods_of(covered, session=session)
    title = f"{region.name}: partnerships by metric"
    chosen = _chosen(period, periods)
    if chosen is None:
        return Matrix(title, None, periods, (), (), None)
    footprints = matrix_figures.read_footprints(chosen.plan_year, session=session)
    scopes = [footprints.partnership(id_of(p), p.name) for p in partnerships]
    considered = periods_up_to(chosen)
    figures = matrix_figures.read_reporting(
        (place.id for scope in scopes for place in scope.places), considered, session=session
    )
    columns = _columns(_metrics(session), figures, considered, chosen.plan_year)
    rows, england = _rows(scopes, columns, figures, footprints, session=session, targets=targets)
    return Matrix(title, chosen.label, periods, tuple(c for _, c in columns), rows, england)


def national_matrix(period: str | None, *, session: Session) -> Matrix:
    """Every region × metrics for a period (the latest with figures when None), with England's own row."""
    with _no_cycle_collection():
        return _national_matrix(period, session=session)


def _national_matrix(period: str | None, *, session: Session) -> Matrix:
    regions = session.exec(select(Region).order_by(col(Region.name))).all()
    periods = _periods_of(None, session=session)
    title = "England: regions by metric"
    chosen = _chosen(period, periods)
    if chosen is None:
        return Matrix(title, None, periods, (), (), None)
    footprints = matrix_figures.read_footprints(chosen.plan_year, session=session)
    scopes = [footprints.region(id_of(region), region.name) for region in regions]
    considered = periods_up_to(chosen)
    england = footprints.england()
    area_ids = {place.id for scope in (*scopes, england) for place in scope.places}
    figures = matrix_figures.read_reporting(area_ids, considered, session=session)
    columns = _columns(_metrics(session), figures, considered, chosen.plan_year)
    rows, england_row = _rows(scopes, columns, figures, footprints, session=session)
    return Matrix(title, chosen.label, periods, tuple(c for _, c in columns), rows, england_row)
