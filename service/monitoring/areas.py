"""Areas figures are published for, and each partnership's footprint: the areas it covers in a plan year.

A partnership's, a region's or England's figure is built from the areas it covers, so the footprint
is the one place that says which those are. An area may be shared by two partnerships (a PCT
across a county and a city); a region counts it once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, func, or_, select

from plan_schema.plan_year import check_plan_year
from service.monitoring.catalogue import Geography
from service.platform.errors import Conflict, InvalidInput, NotFound
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
    """A new area; a region's own area names its region, and only it may. A code is an area's once."""
    if kind not in AREA_KINDS:
        raise InvalidInput.at("/kind", f"an area is one of {', '.join(AREA_KINDS)}")
    if (region_id is not None) != (kind is Geography.ENGLISH_REGION):
        raise InvalidInput.at("/region_id", "an English region's area names its region, and no other area does")
    if session.exec(select(Area.id).where(Area.code == code)).first() is not None:
        raise Conflict(f"There is already an area with the code {code}.")
    area = Area(code=code, name=name, kind=kind.value, region_id=region_id)
    session.add(area)
    session.flush()
    return area


def list_areas(kind: Geography | None, *, offset: int, limit: int, session: Session) -> tuple[list[Area], int]:
    """A page of the areas (of one kind, when given) by code, and how many there are in all."""
    query = select(Area)
    if kind is not None:
        query = query.where(Area.kind == kind.value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Area.code)).offset(offset).limit(limit)).all()
    return list(rows), total


def area_by_code(code: str, *, session: Session, pointer: str = "/area_code") -> Area:
    """The area with a code; refused by name (at `pointer`) when there is none."""
    area = session.exec(select(Area).where(Area.code == code)).first()
    if area is None:
        raise InvalidInput.at(pointer, f"there is no area with the code {code}")
    return area


@dataclass(frozen=True)
class Coverage:
    """One stretch of time for which a partnership's footprint covers an area (to valid_to, or still)."""

    id: int
    area: Area
    valid_from: str
    valid_to: str | None

    def overlaps(self, valid_from: str, valid_to: str | None) -> bool:
        """Whether this stretch and the plan years from `valid_from` to `valid_to` (or on) share a year."""
        return (self.valid_to is None or valid_from <= self.valid_to) and (
            valid_to is None or self.valid_from <= valid_to
        )


def footprint_of(partnership_id: int, *, session: Session) -> list[Coverage]:
    """Every area a partnership has covered, covers or will cover, by area code and then from when."""
    _partnership(partnership_id, session)
    query = (
        select(PartnershipArea, Area)
        .join(Area, col(Area.id) == col(PartnershipArea.area_id))
        .where(PartnershipArea.partnership_id == partnership_id)
        .order_by(col(Area.code), col(PartnershipArea.valid_from))
    )
    return [
        Coverage(id_of(covered), area, covered.valid_from, covered.valid_to)
        for covered, area in session.exec(query).all()
    ]


def cover(
    partnership_id: int, area_id: int, valid_from: str, *, session: Session, valid_to: str | None = None
) -> PartnershipArea:
    """Add an area to a partnership's footprint from one plan year (to another, or open-ended).

    Two stretches of one area for one partnership never share a year: a figure would count twice.
    """
    _plan_year(valid_from, "/valid_from")
    if valid_to is not None and _plan_year(valid_to, "/valid_to") < valid_from:
        raise InvalidInput.at("/valid_to", f"a footprint cannot end ({valid_to}) before it starts ({valid_from})")
    clash = next(
        (
            stretch
            for stretch in footprint_of(partnership_id, session=session)
            if id_of(stretch.area) == area_id and stretch.overlaps(valid_from, valid_to)
        ),
        None,
    )
    if clash is not None:
        until = f" to {clash.valid_to}" if clash.valid_to else " on"
        raise Conflict(f"The footprint already covers {clash.area.name} from {clash.valid_from}{until}.")
    covered = PartnershipArea(partnership_id=partnership_id, area_id=area_id, valid_from=valid_from, valid_to=valid_to)
    session.add(covered)
    session.flush()
    return covered


def end_cover(partnership_id: int, coverage_id: int, last_year: str, *, session: Session) -> PartnershipArea:
    """Stop covering an area after `last_year` (a plan year), as when a partnership's boundary changes."""
    covered = session.get(PartnershipArea, coverage_id)
    if covered is None or covered.partnership_id != partnership_id:
        raise NotFound(f"The footprint of partnership {partnership_id} has no stretch {coverage_id}.")
    if _plan_year(last_year, "/valid_to") < covered.valid_from:
        raise InvalidInput.at(
            "/valid_to", f"a footprint cannot end ({last_year}) before it starts ({covered.valid_from})"
        )
    later = [
        stretch
        for stretch in footprint_of(partnership_id, session=session)
        if stretch.id != coverage_id
        and id_of(stretch.area) == covered.area_id
        and stretch.valid_from > covered.valid_from
    ]
    if any(stretch.valid_from <= last_year for stretch in later):
        raise Conflict("A later stretch of the same area starts before that year ends; end or remove it first.")
    covered.valid_to = last_year
    session.add(covered)
    session.flush()
    return covered


def _plan_year(label: str, pointer: str) -> str:
    try:
        return check_plan_year(label)
    except ValueError as error:
        raise InvalidInput.at(pointer, str(error)) from None


def _partnership(partnership_id: int, session: Session) -> Partnership:
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        raise NotFound(f"There is no partnership {partnership_id}.")
    return partnership


def _stretches(of_partnerships: bool) -> Any:
    """Every stretch of a footprint covering any plan year from `first` to `last`, with its area, by area code.

    Plan years written "2008/09" sort as text in the order of time, so the database can compare them; which
    year each stretch covers is then asked of Coverage. Built once: a statement costs more to build than to run.
    """
    query = (
        select(Area, PartnershipArea.id, PartnershipArea.valid_from, PartnershipArea.valid_to)
        .join(PartnershipArea, col(PartnershipArea.area_id) == col(Area.id))
        .where(
            col(PartnershipArea.valid_from) <= bindparam("last"),
            or_(col(PartnershipArea.valid_to).is_(None), col(PartnershipArea.valid_to) >= bindparam("first")),
        )
        .order_by(col(Area.code))
    )
    if of_partnerships:
        query = query.where(col(PartnershipArea.partnership_id).in_(bindparam("partnerships", expanding=True)))
    return query


_STRETCHES = _stretches(of_partnerships=False)
_STRETCHES_OF = _stretches(of_partnerships=True)


def footprint_areas(partnership_ids: Sequence[int] | None, plan_year: str, *, session: Session) -> list[Area]:
    """The areas the partnerships cover in a plan year (every partnership's when None), each once, by code."""
    return footprints_by_year(partnership_ids, [plan_year], session=session)[plan_year]


def footprints_by_year(
    partnership_ids: Sequence[int] | None, plan_years: Iterable[str], *, session: Session
) -> dict[str, list[Area]]:
    """footprint_areas for each of several plan years, in one query: a scorecard reads three years at once."""
    years = sorted(set(plan_years))
    if not years:
        return {}
    query = _STRETCHES_OF if partnership_ids is not None else _STRETCHES
    params = {"first": years[0], "last": years[-1], "partnerships": list(partnership_ids or ())}
    stretches = [
        Coverage(stretch_id or 0, area, since, until)
        for area, stretch_id, since, until in session.exec(query, params=params).all()
    ]
    found: dict[str, list[Area]] = {}
    for year in years:
        # An area two partnerships share is counted once; codes are unique, so the order is the code's.
        covered = {id_of(stretch.area): stretch.area for stretch in stretches if stretch.overlaps(year, year)}
        found[year] = list(covered.values())
    return found


def partnerships_of_region(region_id: int, *, session: Session) -> list[int]:
    """The ids of a region's partnerships."""
    return [id_of(row) for row in session.exec(select(Partnership).where(Partnership.region_id == region_id)).all()]


def region_area(region_id: int, *, session: Session) -> Area | None:
    """A region's own area, for the metrics published no lower than a region."""
    return session.exec(select(Area).where(Area.region_id == region_id)).first()


def england_area(*, session: Session) -> Area | None:
    """England's own area, for the metrics published only for the country."""
    return session.exec(select(Area).where(Area.kind == Geography.ENGLAND.value)).first()
