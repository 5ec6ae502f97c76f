"""Small factories for the monitoring tests that need a database: the catalogue stored, areas, footprints, CSV."""

import io
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from service.monitoring.areas import add_area, cover
from service.monitoring.catalogue import Geography
from service.monitoring.observation_import import import_observations
from service.monitoring.observations import ImportCounts
from service.tables.columns import id_of
from service.tables.monitoring import Area, LocalTarget, MetricVersion, Observation, ObservationRevision
from service.tables.plans import Partnership, Region

HEADER = "metric,version,area,period,breakdown,numerator,denominator,release"


def csv_lines(*rows: str, header: str = HEADER) -> io.StringIO:
    """A CSV file as import_observations reads one: the header, then the rows."""
    return io.StringIO("\n".join((header, *rows)) + "\n", newline="")


def imported(*rows: str, session: Session, release: str | None = "test release", by: int | None = None) -> ImportCounts:
    """Import rows under the usual header."""
    return import_observations(csv_lines(*rows), release=release, by=by, session=session)


def new_region(code: str, *, session: Session) -> Region:
    region = Region(code=code, name=f"Region {code}")
    session.add(region)
    session.flush()
    return region


def new_partnership(
    code: str, region: Region, *area_codes: str, session: Session, valid_from: str = "2008/09"
) -> Partnership:
    """A partnership covering local authority areas (made when they do not exist yet) from `valid_from`."""
    partnership = Partnership(code=code, name=f"Partnership {code}", region_id=id_of(region))
    session.add(partnership)
    session.flush()
    for area_code in area_codes:
        area = session.exec(select(Area).where(Area.code == area_code)).first()
        if area is None:
            area = add_area(area_code, f"Area {area_code}", Geography.LOCAL_AUTHORITY, session=session)
        cover(id_of(partnership), id_of(area), valid_from, session=session)
    return partnership


def local_kpi(**changes: Any) -> dict[str, Any]:
    """A local KPI as an administrator would describe it, with any fields changed."""
    entry = {
        "code": "LK-99",
        "version": 1,
        "family": "local-kpi",
        "name": "Clients offered hepatitis B vaccination",
        "definition": "Of new clients in the quarter, those offered a first dose.",
        "numerator": "New clients offered vaccination",
        "denominator": "New clients",
        "value_type": "proportion",
        "multiplier": 100,
        "polarity": "higher-is-better",
        "frequency": "quarterly",
        "window": "quarter",
        "source": "Provider returns",
        "lowest_geography": "service",
        "citation": "Local contract, schedule 2",
        "valid_from": "2027/28",
    }
    return entry | changes


def without_demo_figures(session: Session) -> None:
    """Take away the demo's figures, targets and stored catalogue, for tests that count what they store themselves."""
    for table in (LocalTarget, ObservationRevision, Observation, MetricVersion):
        session.execute(delete(table))
    session.flush()
