"""A partnership's scorecard for a plan year: a row per metric it has a figure or a target on.

Each metric in force that year is read over the year's quarters and the eight before them, or, for
a metric with no quarterly figures at all, over the plan year and the two before: enough history for
a direction of travel and a chart, no more. The region's and England's figures for the same periods
are its benchmarks, its target comes from `targets`, and the cycle's amber tolerance judges it.

Queries stay few whatever the number of metrics: the metric versions, the footprints of each plan
year the periods touch (three scopes), and every figure wanted in one query, combined here by
`aggregation.combined_from` as any single figure is.
"""

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sql
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from plan_schema.plan_year import check_plan_year, year_before
from service.monitoring import areas as area_lookup
from service.monitoring.aggregation import AreaFigure, areas_to_read, combined_from
from service.monitoring.catalogue import Family, Geography, Metric, ValueType
from service.monitoring.judgements import QUARTERS, Rag
from service.monitoring.metric_versions import metric_of
from service.monitoring.periods import Period
from service.monitoring.scorecard import Benchmark, PeriodFigure, ScorecardRow, Target, scorecard_row
from service.monitoring.statistics import NotAggregable
from service.monitoring.targets import cycle_tolerance, targets_for
from service.platform.errors import NotFound
from service.tables.columns import id_of
from service.tables.monitoring import Area, MetricVersion, Observation
from service.tables.plans import Partnership, PlanCycle, Region

EARLIER_QUARTERS = 8
EARLIER_YEARS = 2
FAMILY_ORDER = tuple(Family)


@dataclass(frozen=True)
class Unmeasured:
    """A metric the partnership has a target on but no figure for yet."""

    metric: Metric
    target: Target


@dataclass(frozen=True)
class Scorecard:
    """A partnership's rows for a plan year (by family, catalogue order within), and its targets without figures."""

    partnership: Partnership
    region: Region
    plan_year: str
    rows: tuple[ScorecardRow, ...]
    unmeasured: tuple[Unmeasured, ...]

    @property
    def rag_counts(self) -> dict[Rag, int]:
        """How many rows are red, amber and green (every RAG named, zero or not)."""
        counted = Counter(row.assessment.rag for row in self.rows if row.assessment.rag is not None)
        return {rating: counted[rating] for rating in (Rag.RED, Rag.AMBER, Rag.GREEN)}

    def families(self) -> list[tuple[Family, list[ScorecardRow]]]:
        """The rows by family, in the catalogue's order of families, leaving out families with no row."""
        grouped = [(family, [row for row in self.rows if row.metric.family is family]) for family in FAMILY_ORDER]
        return [(family, rows) for family, rows in grouped if rows]


def scorecard_periods(plan_year: str) -> tuple[list[Period], list[Period]]:
    """The quarters (the year's and the eight before) and the years (the year and the two before), oldest first.

    None before the first plan year there can be (1900/01): a scorecard for it has its own year only.
    """
    years = [plan_year]
    for _ in range(max(EARLIER_YEARS, EARLIER_QUARTERS // 4)):
        earlier = year_before(years[0])
        if not is_plan_year(earlier):
            break
        years.insert(0, earlier)
    quarters = [Period(year, quarter) for year in years for quarter in QUARTERS][-(EARLIER_QUARTERS + 4) :]
    return quarters, [Period(year) for year in years[-(EARLIER_YEARS + 1) :]]


def is_plan_year(label: str) -> bool:
    """Whether a label is a plan year the service knows (1900/01 to 2099/00)."""
    try:
        check_plan_year(label)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Scope:
    """A partnership, its region or England: its name and the areas it may be read from in each plan year."""

    name: str
    candidates: Mapping[str, Sequence[Area]]


def _scopes(
    partnership: Partnership, region: Region, years: Iterable[str], *, session: Session, benchmarks: bool
) -> list[_Scope]:
    """The partnership's scope, then (when benchmarks are wanted) its region's and England's."""

    def footprints(partnerships: list[int] | None, extra: list[Area]) -> dict[str, list[Area]]:
        by_year = area_lookup.footprints_by_year(partnerships, years, session=session)
        return {year: [*areas, *extra] for year, areas in by_year.items()}

    own = _Scope(partnership.name, footprints([id_of(partnership)], []))
    if not benchmarks:
        return [own]
    neighbours = area_lookup.partnerships_of_region(region_id=id_of(region), session=session)
    region_area = [area for area in [area_lookup.region_area(id_of(region), session=session)] if area is not None]
    england_area = [area for area in [area_lookup.england_area(session=session)] if area is not None]
    return [
        own,
        _Scope(region.name, footprints(neighbours, region_area)),
        _Scope("England", footprints(None, england_area)),
    ]


# Built once: building a statement costs more than running it. The columns combined_from reads, not whole rows.
_FIGURES = sql.select(
    col(Observation.metric_version_id),
    col(Observation.period),
    col(Observation.area_id),
    col(Observation.numerator),
    col(Observation.denominator),
).where(
    col(Observation.metric_version_id).in_(bindparam("versions", expanding=True)),
    col(Observation.period).in_(bindparam("periods", expanding=True)),
    col(Observation.area_id).in_(bindparam("areas", expanding=True)),
    col(Observation.breakdown) == "",
)


def _figures(
    versions: Sequence[MetricVersion], periods: Sequence[Period], scopes: Sequence[_Scope], *, session: Session
) -> dict[tuple[int, str], list[AreaFigure]]:
    """Every all-persons figure of these versions and periods for any area of the scopes, by version and period."""
    area_ids = {id_of(area) for scope in scopes for areas in scope.candidates.values() for area in areas}
    params = {
        "versions": [id_of(version) for version in versions],
        "periods": [period.label for period in periods],
        "areas": list(area_ids),
    }
    found: dict[tuple[int, str], list[AreaFigure]] = {}
    for figure in session.execute(_FIGURES, params).all():
        found.setdefault((figure.metric_version_id, figure.period), []).append(figure)
    return found


def _combined(
    version: MetricVersion,
    periods: Sequence[Period],
    scope: _Scope,
    figures: Mapping[tuple[int, str], Sequence[AreaFigure]],
) -> Iterator[PeriodFigure]:
    """A scope's combined figures for the periods it has one for, in the order of `periods`, each when asked for."""
    # Which areas to read depends on the plan year's footprint, not the quarter: worked out once a year.
    to_read: dict[str, tuple[Geography, dict[int, str]] | None] = {}
    for period in periods:
        if period.plan_year not in to_read:
            try:
                to_read[period.plan_year] = areas_to_read(version, scope.candidates[period.plan_year], scope.name)
            except NotAggregable:  # the scope has no area the metric is published for
                to_read[period.plan_year] = None
        chosen = to_read[period.plan_year]
        if chosen is None:
            continue
        try:
            combined = combined_from(version, *chosen, figures.get((id_of(version), period.label), ()))
        except NotAggregable:  # its areas' figures do not combine
            continue
        if combined.aggregate is not None:
            yield PeriodFigure(period=period.label, aggregate=combined.aggregate)


def _series(
    version: MetricVersion,
    periods: Sequence[Period],
    scope: _Scope,
    figures: Mapping[tuple[int, str], Sequence[AreaFigure]],
) -> tuple[PeriodFigure, ...]:
    """A scope's combined figures for the periods it has one for, oldest first."""
    return tuple(_combined(version, periods, scope, figures))


_VERSIONS = select(MetricVersion).order_by(col(MetricVersion.id))
_VERSIONS_OF = _VERSIONS.where(col(MetricVersion.family).in_(bindparam("families", expanding=True)))


def _in_force(
    plan_year: str, families: Collection[Family] | None, *, session: Session
) -> list[tuple[MetricVersion, Metric]]:
    """The stored metric versions in force in the plan year (of some families only, when given), by family."""
    if families is None:
        rows = session.exec(_VERSIONS).all()
    else:  # asked of the rows, so that only these metrics' entries are read and checked
        rows = session.exec(_VERSIONS_OF, params={"families": [family.value for family in families]}).all()
    in_force = [(row, metric) for row in rows if (metric := metric_of(row)).valid_in(plan_year)]
    return sorted(in_force, key=lambda pair: FAMILY_ORDER.index(pair[1].family))


def _periods_read(
    version: MetricVersion,
    quarters: Sequence[Period],
    years: Sequence[Period],
    figures: Mapping[tuple[int, str], object],
) -> Sequence[Period]:
    """A metric's quarters when it has any quarterly figure among those read, else its years."""
    has_quarters = any((id_of(version), period.label) in figures for period in quarters)
    return quarters if has_quarters else years


def partnership_scorecard(
    partnership_id: int,
    plan_year: str,
    *,
    session: Session,
    public: bool = False,
    families: Collection[Family] | None = None,
    benchmarks: bool = True,
) -> Scorecard:
    """The partnership's scorecard for a plan year (of some families' metrics only, when given; without the
    region's and England's figures to compare with when `benchmarks` is false); the public variant hides what
    would reveal small counts."""
    partnership = session.get(Partnership, partnership_id)
    cycle = session.exec(select(PlanCycle).where(PlanCycle.plan_year == plan_year)).first()
    if partnership is None:
        raise NotFound(f"There is no partnership {partnership_id}.")
    region = session.get(Region, partnership.region_id)
    if region is None:
        raise NotFound(f"There is no region {partnership.region_id}.")
    in_force = _in_force(plan_year, families, session=session)
    quarters, years = scorecard_periods(plan_year)
    years_read = {period.plan_year for period in quarters + years}
    scopes = _scopes(partnership, region, years_read, session=session, benchmarks=benchmarks)
    figures = _figures([row for row, _ in in_force], quarters + years, scopes, session=session)
    targets = targets_for(partnership_id, plan_year, session=session)
    tolerance = cycle_tolerance(cycle)
    rows: list[ScorecardRow] = []
    unmeasured: list[Unmeasured] = []
    for version, metric in in_force:
        periods = _periods_read(version, quarters, years, figures)
        own, *others = (_series(version, periods, scope, figures) for scope in scopes)
        target = targets.get(metric.code)
        if own:
            # A count grows with the population counted, so a partnership's is never compared with a region's.
            compared = metric.value_type is not ValueType.COUNT and others
            shown_beside = (
                tuple(Benchmark(scope.name, series) for scope, series in zip(scopes[1:], others, strict=True))
                if compared
                else ()
            )
            rows.append(
                scorecard_row(metric, own, tolerance=tolerance, benchmarks=shown_beside, target=target, public=public)
            )
        elif target is not None:
            unmeasured.append(Unmeasured(metric=metric, target=target))
    return Scorecard(partnership, region, plan_year, tuple(rows), tuple(unmeasured))


def latest_rows(
    partnership: Partnership, cycle: PlanCycle, families: Collection[Family], *, session: Session
) -> tuple[tuple[ScorecardRow, ...], tuple[Unmeasured, ...]]:
    """The partnership's rows for the cycle's plan year as partnership_scorecard makes them without benchmarks,
    but each of its latest figure alone; and its targets without figures. What a list of judgements shows.

    The latest figure, its target and the RAG are the scorecard's own (the same figures, `targets_for`, the
    cycle's tolerance, `scorecard_row`); a row's travel and chart are not, as it holds no earlier period.
    Five queries whatever the metrics: no region, no cycle (the caller has it), the footprint's years in one.
    """
    plan_year = cycle.plan_year
    in_force = _in_force(plan_year, families, session=session)
    quarters, years = scorecard_periods(plan_year)
    years_read = {period.plan_year for period in quarters + years}
    own = _Scope(partnership.name, area_lookup.footprints_by_year([id_of(partnership)], years_read, session=session))
    figures = _figures([row for row, _ in in_force], quarters + years, [own], session=session)
    targets = targets_for(id_of(partnership), plan_year, session=session)
    tolerance = cycle_tolerance(cycle)
    rows: list[ScorecardRow] = []
    unmeasured: list[Unmeasured] = []
    for version, metric in in_force:
        periods = _periods_read(version, quarters, years, figures)
        # Newest first, stopping at the first period with a figure: the scorecard's latest.
        latest = next(_combined(version, periods[::-1], own, figures), None)
        target = targets.get(metric.code)
        if latest is not None:
            rows.append(scorecard_row(metric, [latest], tolerance=tolerance, target=target))
        elif target is not None:
            unmeasured.append(Unmeasured(metric=metric, target=target))
    return tuple(rows), tuple(unmeasured)
