"""Demonstration areas and footprints: each demo partnership's PCTs, its local authority and itself.

The local authority names are the councils of 2008 in our own words; the codes are made up for
the demonstration (LA- and a short name), not the ONS's. Every footprint runs from the template's
year, 2008/09, with no end. Each region and England have an area of their own, for the metrics
published no lower.
"""

from sqlmodel import Session

from service.demo.reference_data import PARTNERSHIPS, REGIONS
from service.monitoring.areas import add_area, cover
from service.monitoring.catalogue import Geography
from service.tables.columns import id_of
from service.tables.monitoring import Area
from service.tables.plans import Partnership, Region

FOOTPRINTS_FROM = "2008/09"
ENGLAND_CODE = "england"

# Each demo partnership's local authority: (code, name).
LOCAL_AUTHORITIES: dict[str, tuple[str, str]] = {
    "birmingham-dat": ("LA-BIRMINGHAM", "Birmingham City Council"),
    "coventry-daat": ("LA-COVENTRY", "Coventry City Council"),
    "wolverhampton-dat": ("LA-WOLVERHAMPTON", "Wolverhampton City Council"),
    "sandwell-daat": ("LA-SANDWELL", "Sandwell Metropolitan Borough Council"),
    "manchester-dat": ("LA-MANCHESTER", "Manchester City Council"),
    "liverpool-daat": ("LA-LIVERPOOL", "Liverpool City Council"),
    "leeds-daat": ("LA-LEEDS", "Leeds City Council"),
    "sheffield-daat": ("LA-SHEFFIELD", "Sheffield City Council"),
    "newcastle-dat": ("LA-NEWCASTLE", "Newcastle City Council"),
    "nottinghamshire-daat": ("LA-NOTTINGHAMSHIRE", "Nottinghamshire County Council"),
    "nottingham-cdp": ("LA-NOTTINGHAM", "Nottingham City Council"),
    "norfolk-daat": ("LA-NORFOLK", "Norfolk County Council"),
    "camden-daat": ("LA-CAMDEN", "London Borough of Camden"),
    "lambeth-daat": ("LA-LAMBETH", "London Borough of Lambeth"),
    "hackney-daat": ("LA-HACKNEY", "London Borough of Hackney"),
    "kent-daat": ("LA-KENT", "Kent County Council"),
    "brighton-and-hove-daat": ("LA-BRIGHTON-AND-HOVE", "Brighton and Hove City Council"),
    "bristol-dat": ("LA-BRISTOL", "Bristol City Council"),
    "devon-daat": ("LA-DEVON", "Devon County Council"),
}


def region_area_code(region_code: str) -> str:
    """The demo code of a region's own area."""
    return f"region:{region_code}"


def seed_footprints(
    partnerships: dict[str, Partnership], regions: dict[str, Region], *, session: Session
) -> dict[str, Area]:
    """Every demo area, and each demo partnership's footprint; the areas by code."""
    areas: dict[str, Area] = {ENGLAND_CODE: add_area(ENGLAND_CODE, "England", Geography.ENGLAND, session=session)}
    for region_seed in REGIONS:
        code = region_area_code(region_seed.code)
        region_id = id_of(regions[region_seed.code])
        areas[code] = add_area(code, region_seed.name, Geography.ENGLISH_REGION, session=session, region_id=region_id)
    for seed in PARTNERSHIPS:
        partnership = partnerships[seed.code]
        la_code, la_name = LOCAL_AUTHORITIES[seed.code]
        places = [(seed.code, seed.name, Geography.PARTNERSHIP), (la_code, la_name, Geography.LOCAL_AUTHORITY)]
        places += [(pct.code, pct.name, Geography.PRIMARY_CARE_TRUST) for pct in seed.pcts]
        for code, name, kind in places:
            if code not in areas:
                areas[code] = add_area(code, name, kind, session=session)
            cover(id_of(partnership), id_of(areas[code]), FOOTPRINTS_FROM, session=session)
    return areas
