"""Many scopes' figures read at once: the areas each partnership, region and England covers, and their figures.

aggregation.py answers one scope, metric and period per call with several queries each; a region's
matrix of 150 partnerships × 20 metrics would be thousands of calls. Here a few set-based queries
read every footprint, the regions' and England's own areas and every figure of the periods asked
for, and `combined` then builds each scope's figure in Python by the same rule and the same
`statistics.aggregate`, so a cell equals what `partnership_figure` or `region_figure` would say.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
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

    # Cached: a matrix asks each scope these once per cell.
    @functools.cached_property
    def kinds(self) -> frozenset[Geography]:
        return frozenset(place.kind for place in self.places)

    @functools.cached_property
    def by_kind(self) -> Mapping[Geography, tuple[Place, ...]]:
        """The scope's areas of each kind."""
        grouped: dict[Geography, list[Place]] = defaultdict(list)
        for place in self.places:
            grouped[place.kind].append(place)
        return {kind: tuple(places) for kind, places in grouped.items()}


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


# An area's numerator and denominator as stored: plain tuples, made by the ten thousand, so no dataclass.
Parts = tuple[float, float | None]


@dataclass
class AreaFigures:
    """Which of `periods` each area reported each metric version for, and the figures of the periods read in full.

    Reporting is kept as a bit mask per area (bit i for periods[i]): a region's year is a few hundred
    thousand figures, and completeness needs only whether each was there.
    """

    periods: tuple[str, ...]
    reported: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    parts: dict[tuple[int, str], dict[int, Parts]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, metric_version_id: int, period: str) -> Mapping[int, Parts]:
        """The figures read in full for a metric version and period, by area id."""
        return self.parts.get((metric_version_id, period), {})

    def mask(self, periods: Iterable[str]) -> int:
        return sum(1 << self.periods.index(period) for period in set(periods))

    def reported_mask(self, metric_version_id: int, area_ids: Iterable[int] | None = None) -> int:
        """The periods any of the areas (any area at all when None) reported the metric version for, as bits."""
        by_area = self.reported.get(metric_version_id, {})
        masks = by_area.values() if area_ids is None else (by_area.get(area, 0) for area in area_ids)
        combined = 0
        for mask in masks:
            combined |= mask
        return combined

    def periods_in(self, mask: int) -> list[str]:
        return [period for index, period in enumerate(self.periods) if mask >> index & 1]


def read_reporting(area_ids: Iterable[int], periods: Sequence[str], *, session: Session) -> AreaFigures:
    """One grouped query: for each metric version and area, which of the periods it has an all-persons figure for."""
    # (metric version, area, period, breakdown) is unique, so summing one bit per period makes the mask.
    bits = case(*((col(Stored.period) == period, 1 << index) for index, period in enumerate(periods)), else_=0)
    query = (
        select(col(Stored.metric_version_id), col(Stored.area_id), func.sum(bits))
        .where(
            col(Stored.period).in_(periods),
            col(Stored.breakdown) == ALL_PERSONS,
            col(Stored.area_id).in_(sorted(set(area_ids))),
        )
        .group_by(col(Stored.metric_version_id), col(Stored.area_id))
    )
    figures = AreaFigures(periods=tuple(periods))
    # Core rows, not the ORM's: the ORM's per-row bookkeeping cost more than the query itself; fetched all at
    # once, as iterating a result fetches a row at a time (a fifth of the matrix's time on 18,000 rows).
    for metric_version_id, area_id, mask in session.connection().execute(query).all():
        figures.reported[metric_version_id][area_id] = int(mask)
    return figures


_PARTS_COLUMNS = (
    col(Stored.metric_version_id),
    col(Stored.area_id),
    col(Stored.period),
    col(Stored.numerator),
    col(Stored.denominator),
)


def read_parts(figures: AreaFigures, area_ids: Iterable[int], wanted: Mapping[int, str], *, session: Session) -> None:
    """Add the figures of these areas for each metric version's wanted period (one query)."""
    ids = sorted(set(area_ids))
    if not ids or not wanted:
        return
    query = select(*_PARTS_COLUMNS).where(
        col(Stored.metric_version_id).in_(sorted(wanted)),
        col(Stored.period).in_(sorted(set(wanted.values()))),
        col(Stored.breakdown) == ALL_PERSONS,
        col(Stored.area_id).in_(ids),
    )
    for metric_version_id, area_id, period, numerator, denominator in session.connection().execute(query).all():
        if wanted[metric_version_id] == period:
            figures.parts[metric_version_id, period][area_id] = (numerator, denominator)


def kind_for(metric: Metric, scope: Scope) -> Geography | None:
    """The kind of area a scope's figure for the metric is read from, as aggregation chooses it."""
    return _kind_to_read(metric.lowest_geography, scope.kinds)


# The same few (geography, kinds) pairs come up for every row of a matrix.
_kind_to_read = functools.lru_cache(maxsize=256)(kind_to_read)


def combined(metric: Metric, scope: Scope, figures: Mapping[int, Parts]) -> CombinedFigure:
    """The scope's figure from its areas of the kind to read: aggregation's CombinedFigure, built without a query.

    Raises NotAggregable, as aggregation does, when the metric is published for none of the scope's areas.
    """
    kind = kind_for(metric, scope)
    if kind is None:
        lowest = metric.lowest_geography
        raise NotAggregable(f"{metric.ref} is published for areas no smaller than a {lowest}; {scope.name} has none")
    areas = scope.by_kind[kind]
    found = [place for place in areas if place.id in figures]
    # A scope's places are in the order of their codes, so these are too.
    included = tuple(place.code for place in found)
    missing = tuple(place.code for place in areas if place.id not in figures)
    total = None
    if found:
        observed = (Observation(*figures[place.id]) for place in found)
        total = aggregate(ValueType(metric.value_type), metric.multiplier, observed)
    return CombinedFigure(aggregate=total, area_kind=kind, included=included, missing=missing)
