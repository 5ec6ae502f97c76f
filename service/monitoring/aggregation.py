"""A partnership's, a region's or England's figure for a period, built from the figures of the areas it covers.

Which areas: the footprint's in the period's plan year (every partnership's of a region, each area
once, however many partnerships share it), plus the region's or England's own area for metrics
published no lower. Of those, the finest kind the metric is published for is read, and the areas
of that kind without a figure are named, so a report can say how complete the value is.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session, select

from service.monitoring import areas as area_lookup
from service.monitoring.catalogue import Geography, MetricRef, ValueType
from service.monitoring.observations import current_figures
from service.monitoring.periods import Period
from service.monitoring.statistics import Aggregate, NotAggregable, Observation, aggregate
from service.platform.errors import NotFound
from service.tables.columns import id_of
from service.tables.monitoring import Area, MetricVersion
from service.tables.plans import Partnership, Region


@dataclass(frozen=True)
class CombinedFigure:
    """A scope's value for one metric version and period, and which of its areas it was built from."""

    aggregate: Aggregate | None  # None when no area had a figure
    area_kind: Geography
    included: tuple[str, ...]  # codes of the areas with a figure
    missing: tuple[str, ...]  # codes of the areas without one


def partnership_figure(
    ref: MetricRef, partnership_id: int, period: str, *, session: Session, breakdown: str = ""
) -> CombinedFigure:
    """A partnership's figure: its footprint's areas combined."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        raise NotFound(f"there is no partnership {partnership_id}")
    year = Period.parse(period).plan_year
    candidates = area_lookup.footprint_areas([partnership_id], year, session=session)
    return _combined(ref, candidates, period, breakdown, f"{partnership.name}'s footprint", session=session)


def region_figure(
    ref: MetricRef, region_id: int, period: str, *, session: Session, breakdown: str = ""
) -> CombinedFigure:
    """A region's figure: every area its partnerships cover, each once, or the region's own area."""
    region = session.get(Region, region_id)
    if region is None:
        raise NotFound(f"there is no region {region_id}")
    year = Period.parse(period).plan_year
    partnerships = area_lookup.partnerships_of_region(region_id, session=session)
    candidates = area_lookup.footprint_areas(partnerships, year, session=session)
    own = area_lookup.region_area(region_id, session=session)
    return _combined(ref, [*candidates, *_present(own)], period, breakdown, region.name, session=session)


def england_figure(ref: MetricRef, period: str, *, session: Session, breakdown: str = "") -> CombinedFigure:
    """England's figure: every area any partnership covers, each once, or England's own area."""
    year = Period.parse(period).plan_year
    candidates = area_lookup.footprint_areas(None, year, session=session)
    own = area_lookup.england_area(session=session)
    return _combined(ref, [*candidates, *_present(own)], period, breakdown, "England", session=session)


def _present(area: Area | None) -> list[Area]:
    return [area] if area is not None else []


def _combined(
    ref: MetricRef, candidates: Sequence[Area], period: str, breakdown: str, scope: str, *, session: Session
) -> CombinedFigure:
    metric = session.exec(
        select(MetricVersion).where(MetricVersion.code == ref.code, MetricVersion.version == ref.version)
    ).first()
    if metric is None:
        raise NotFound(f"{ref} is not in the catalogue")
    kind, areas = areas_to_read(metric, candidates, scope)
    figures = current_figures(id_of(metric), list(areas), str(Period.parse(period)), breakdown, session=session)
    return combined_from(metric, kind, areas, figures)


def areas_to_read(metric: MetricVersion, candidates: Sequence[Area], scope: str) -> tuple[Geography, dict[int, str]]:
    """The finest kind of area among the candidates the metric is published for, and their codes by id."""
    lowest = Geography(metric.lowest_geography)
    kind = area_lookup.kind_to_read(lowest, (Geography(area.kind) for area in candidates))
    if kind is None:
        ref = MetricRef(code=metric.code, version=metric.version)
        raise NotAggregable(f"{ref} is published for areas no smaller than a {lowest}; {scope} has none")
    return kind, {id_of(area): area.code for area in candidates if area.kind == kind.value}


class AreaFigure(Protocol):
    """One area's current figure, as stored (an Observation row, or the columns of one)."""

    area_id: int
    numerator: float
    denominator: float | None


def combined_from(
    metric: MetricVersion, kind: Geography, areas: Mapping[int, str], figures: Iterable[AreaFigure]
) -> CombinedFigure:
    """A scope's figure from its areas' current figures (others' left out), naming the areas without one."""
    own = [figure for figure in figures if figure.area_id in areas]
    included = sorted(areas[figure.area_id] for figure in own)
    missing = sorted(set(areas.values()) - set(included))
    combined = None
    if own:
        observed = (Observation(numerator=f.numerator, denominator=f.denominator) for f in own)
        combined = aggregate(ValueType(metric.value_type), metric.multiplier, observed)
    return CombinedFigure(aggregate=combined, area_kind=kind, included=tuple(included), missing=tuple(missing))
