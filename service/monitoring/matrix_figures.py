"""Many scopes' figures read at once: the areas each partnership, region and England covers, and their figures.

aggregation.py answers one scope, metric and period per call with several queries each; a region's
matrix of 150 partnerships × 20 metrics would be thousands of calls. Here a few set-based queries
read every footprint, the regions' and England's own areas and every figure of the periods asked
for, and `combined` then builds each scope's figure in Python by the same rule and the same
`statistics.aggregate`, so a cell equals what `partnership_figure` or `region_figure` would say.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session, col, or_

from service.monitoring.aggregation import CombinedFigure
from service.monitoring.areas import kind_to_read
from service.monitoring.catalogue import Geography, Metric, ValueType
from service.monitoring.statistics import NotAggregable, Observation, aggregate
from service.tables.monitoring import Area, PartnershipArea
from service.tables.monitoring import Observation as Stored
from service.tables.plans import Partnership

ALL_PERSONS = ""


@dataclass(frozen=True)
class Place:
    """An area as a scope covers it: its id, code and kind."""

    id: int
    code: str
    kind: Geography


@dataclass(frozen=True)
class Scope:
    """A partnership, a region or England, and the areas whose figures make its own (each once)."""

    id: int | None  # the partnership's or region's id; None for England
    name: str
    places: tuple[Place, ...]

    @property
    def kinds(self) -> frozenset[Geography]:
        return frozenset(place.kind for place in self.places)


@dataclass(frozen=True)
class Footprints:
    """Every partnership's areas in a plan year, and each region's and England's own area."""

    partnerships: Mapping[int, tuple[Place, ...]]
    region_of: Mapping[int, int]  # partnership id → region id
    region_areas: Mapping[int, Place]
    england_area: Place | None

    def partnership(self, partnership_id: int, name: str) -> Scope:
        return Scope(partnership_id, name, self.partnerships.get(partnership_id, ()))

    def region(self, region_id: int, name: str) -> Scope:
        """As region_figure: every area the region's partnerships cover, each once, and the region's own."""
        own = self.region_areas.get(region_id)
        covered = (self.partnerships[p] for p in self.partnerships if self.region_of[p] == region_id)
        return Scope(region_id, name, _once(*covered, () if own is None else (own,)))

    def england(self) -> Scope:
        """As england_figure: every area any partnership covers, each once, and England's own."""
        own = () if self.england_area is None else (self.england_area,)
        return Scope(None, "England", _once(*self.partnerships.values(), own))


def _once(*groups: Iterable[Place]) -> tuple[Place, ...]:
    seen: dict[int, Place] = {}
    for group in groups:
        for place in group:
            seen.setdefault(place.id, place)
    return tuple(sorted(seen.values(), key=lambda place: place.code))


_FOOTPRINT_COLUMNS = (
    col(PartnershipArea.partnership_id),
    col(Partnership.region_id),
    col(Area.id),
    col(Area.code),
    col(Area.kind),
)


def read_footprints(plan_year: str, *, session: Session, region_id: int | None = None) -> Footprints:
    """Footprints of one region's partnerships (every region's when None) in a plan year, and the own areas."""
    # Plan years written "2008/09" sort as text in the order of time, so the database can compare them.
    query = (
        select(*_FOOTPRINT_COLUMNS)
        .join(Area, col(Area.id) == col(PartnershipArea.area_id))
        .join(Partnership, col(Partnership.id) == col(PartnershipArea.partnership_id))
        .where(
            col(PartnershipArea.valid_from) <= plan_year,
            or_(col(PartnershipArea.valid_to).is_(None), col(PartnershipArea.valid_to) >= plan_year),
        )
    )
    if region_id is not None:
        query = query.where(col(Partnership.region_id) == region_id)
    partnerships: dict[int, dict[int, Place]] = defaultdict(dict)
    region_of: dict[int, int] = {}
    for partnership_id, region, area_id, code, kind in session.execute(query):
        partnerships[partnership_id][area_id] = Place(area_id, code, Geography(kind))
        region_of[partnership_id] = region
    own = select(col(Area.id), col(Area.code), col(Area.kind), col(Area.region_id)).where(
        or_(col(Area.region_id).is_not(None), col(Area.kind) == Geography.ENGLAND.value)
    )
    region_areas: dict[int, Place] = {}
    england: Place | None = None
    for area_id, code, kind, region in session.execute(own):
        place = Place(area_id, code, Geography(kind))
        if region is not None:
            region_areas.setdefault(region, place)
        elif england is None:
            england = place
    return Footprints(
        partnerships={p: tuple(sorted(areas.values(), key=lambda a: a.code)) for p, areas in partnerships.items()},
        region_of=region_of,
        region_areas=region_areas,
        england_area=england,
    )


@dataclass(frozen=True)
class FigureKey:
    """Which figures: a metric version (by stored id) and a period."""

    metric_version_id: int
    period: str


@dataclass
class AreaFigures:
    """Stored all-persons figures by metric version and period, then by area id."""

    by_key: dict[FigureKey, dict[int, Observation]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, key: FigureKey) -> Mapping[int, Observation]:
        return self.by_key.get(key, {})

    def periods_of(self, metric_version_id: int) -> set[str]:
        return {key.period for key in self.by_key if key.metric_version_id == metric_version_id}


_FIGURE_COLUMNS = (
    col(Stored.metric_version_id),
    col(Stored.area_id),
    col(Stored.period),
    col(Stored.numerator),
    col(Stored.denominator),
)


def read_figures(
    area_ids: Iterable[int],
    periods: Sequence[str],
    *,
    session: Session,
    metric_version_ids: Iterable[int] | None = None,
) -> AreaFigures:
    """One query: every all-persons figure of these areas in these periods (of these metric versions, if given)."""
    query = select(*_FIGURE_COLUMNS).where(
        col(Stored.period).in_(periods),
        col(Stored.breakdown) == ALL_PERSONS,
        col(Stored.area_id).in_(sorted(set(area_ids))),
    )
    if metric_version_ids is not None:
        query = query.where(col(Stored.metric_version_id).in_(sorted(set(metric_version_ids))))
    figures = AreaFigures()
    for metric_version_id, area_id, period, numerator, denominator in session.execute(query):
        figures.by_key[FigureKey(metric_version_id, period)][area_id] = Observation(numerator, denominator)
    return figures


def kind_for(metric: Metric, scope: Scope) -> Geography | None:
    """The kind of area a scope's figure for the metric is read from, as aggregation chooses it."""
    return kind_to_read(metric.lowest_geography, scope.kinds)


def combined(metric: Metric, scope: Scope, figures: Mapping[int, Observation]) -> CombinedFigure:
    """The scope's figure from its areas of the kind to read: aggregation's CombinedFigure, built without a query.

    Raises NotAggregable, as aggregation does, when the metric is published for none of the scope's areas.
    """
    kind = kind_for(metric, scope)
    if kind is None:
        lowest = metric.lowest_geography
        raise NotAggregable(f"{metric.ref} is published for areas no smaller than a {lowest}; {scope.name} has none")
    areas = [place for place in scope.places if place.kind is kind]
    found = [place for place in areas if place.id in figures]
    included = tuple(sorted(place.code for place in found))
    missing = tuple(sorted(place.code for place in areas if place.id not in figures))
    total = None
    if found:
        total = aggregate(ValueType(metric.value_type), metric.multiplier, (figures[place.id] for place in found))
    return CombinedFigure(aggregate=total, area_kind=kind, included=included, missing=missing)
