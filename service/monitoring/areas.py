"""Areas figures are published for, and each partnership's footprint: the areas it covers in a plan year.

A partnership's, a region's or England's figure is built from the areas it covers, so the footprint
is the one place that says which those are. An area may be shared by two partnerships (a PCT
across a county and a city); a region counts it once.
"""

from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, or_, select

from plan_schema.plan_year import check_plan_year
from service.monitoring.catalogue import Geography
from service.platform.errors import InvalidInput
from service.tables.columns import id_of
from service.tables.monitoring import Area, PartnershipArea
from service.tables.plans import Partnership

# Coarseness, smallest first. PCTs and local authorities were mostly coterminous in 2008 and share a
# rank: a figure published for one can stand for a metric published down to the other.
GEOGRAPHY_RANK: dict[Geography, int] = {
    Geography.SERVICE: 0,
    Geography.PRIMARY_CARE_TRUST: 1,
    Geography.LOCAL_AUTHORITY: 1,
    Geography.PARTNERSHIP: 2,
    Geography.POLICE_FORCE_AREA: 3,
    Geography.ENGLISH_REGION: 4,
    Geography.ENGLAND: 5,
    Geography.ENGLAND_AND_WALES: 6,
}
# Every geography but a service is a place; services' figures are entered for the area they serve.
AREA_KINDS: tuple[Geography, ...] = tuple(kind for kind in Geography if kind is not Geography.SERVICE)
# Which of two kinds of one rank to read a metric from, when its own kind is not in a footprint.
_PREFERENCE = {kind: index for index, kind in enumerate((Geography.LOCAL_AUTHORITY, Geography.PRIMARY_CARE_TRUST))}


def publishes_for(lowest_geography: Geography, kind: Geography) -> bool:
    """Whether a metric published down to `lowest_geography` can have a figure for an area of `kind`."""
    return GEOGRAPHY_RANK[kind] >= GEOGRAPHY_RANK[lowest_geography]


def kind_to_read(lowest_geography: Geography, kinds: Iterable[Geography]) -> Geography | None:
    """The finest of `kinds` a metric is published for (its own kind on a tie), or None if none is."""
    fitting = [kind for kind in set(kinds) if publishes_for(lowest_geography, kind)]
    if not fitting:
        return None
    return min(fitting, key=lambda kind: (GEOGRAPHY_RANK[kind], kind != lowest_geography, _PREFERENCE.get(kind, 9)))


def add_area(code: str, name: str, kind: Geography, *, session: Session, region_id: int | None = None) -> Area:
    """A new area; a region's own area names its region, and only it may."""
    if kind not in AREA_KINDS:
        raise InvalidInput.at("/kind", f"an area is one of {', '.join(AREA_KINDS)}")
    if (region_id is not None) != (kind is Geography.ENGLISH_REGION):
        raise InvalidInput.at("/region_id", "an English region's area names its region, and no other area does")
    area = Area(code=code, name=name, kind=kind.value, region_id=region_id)
    session.add(area)
    session.flush()
    return area


def cover(
    partnership_id: int, area_id: int, valid_from: str, *, session: Session, valid_to: str | None = None
) -> PartnershipArea:
    """Add an area to a partnership's footprint from one plan year (to another, or open-ended)."""
    check_plan_year(valid_from)
    if valid_to is not None and check_plan_year(valid_to) < valid_from:
        raise InvalidInput.at("/valid_to", f"a footprint cannot end ({valid_to}) before it starts ({valid_from})")
    covered = PartnershipArea(partnership_id=partnership_id, area_id=area_id, valid_from=valid_from, valid_to=valid_to)
    session.add(covered)
    session.flush()
    return covered


def footprint_areas(partnership_ids: Sequence[int] | None, plan_year: str, *, session: Session) -> list[Area]:
    """The areas the partnerships cover in a plan year (every partnership's when None), each once, by code."""
    # Plan years written "2008/09" sort as text in the order of time, so the database can compare them.
    query = (
        select(Area)
        .join(PartnershipArea, col(PartnershipArea.area_id) == col(Area.id))
        .where(
            col(PartnershipArea.valid_from) <= plan_year,
            or_(col(PartnershipArea.valid_to).is_(None), col(PartnershipArea.valid_to) >= plan_year),
        )
        .distinct()
        .order_by(col(Area.code))
    )
    if partnership_ids is not None:
        query = query.where(col(PartnershipArea.partnership_id).in_(partnership_ids))
    return list(session.exec(query).all())


def partnerships_of_region(region_id: int, *, session: Session) -> list[int]:
    """The ids of a region's partnerships."""
    return [id_of(row) for row in session.exec(select(Partnership).where(Partnership.region_id == region_id)).all()]


def region_area(region_id: int, *, session: Session) -> Area | None:
    """A region's own area, for the metrics published no lower than a region."""
    return session.exec(select(Area).where(Area.region_id == region_id)).first()


def england_area(*, session: Session) -> Area | None:
    """England's own area, for the metrics published only for the country."""
    return session.exec(select(Area).where(Area.kind == Geography.ENGLAND.value)).first()
