"""Demonstration reference data: the nine English regions and drug partnerships of 2008 with their PCTs.

The partnership and PCT names are those of the 2008 era; the PCT codes follow the style of the
three-character NHS organisation codes but are demonstration data, not an authoritative list.
The first partnership is the one whose plan `service.demo.filled_plan` fills in.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionSeed:
    """One of the nine English regions (a Government Office region and its NTA regional team)."""

    code: str
    name: str


@dataclass(frozen=True)
class PctSeed:
    """A primary care trust: Part 2 asks for primary care figures for each one."""

    code: str
    name: str


@dataclass(frozen=True)
class PartnershipSeed:
    """A local drug partnership (drug action team) in one region, covering one or more PCTs."""

    code: str
    name: str
    region_code: str
    pcts: tuple[PctSeed, ...]


REGIONS: tuple[RegionSeed, ...] = (
    RegionSeed("north-east", "North East"),
    RegionSeed("north-west", "North West"),
    RegionSeed("yorkshire-and-the-humber", "Yorkshire and the Humber"),
    RegionSeed("east-midlands", "East Midlands"),
    RegionSeed("west-midlands", "West Midlands"),
    RegionSeed("east-of-england", "East of England"),
    RegionSeed("london", "London"),
    RegionSeed("south-east", "South East"),
    RegionSeed("south-west", "South West"),
)

PARTNERSHIPS: tuple[PartnershipSeed, ...] = (
    PartnershipSeed(
        "birmingham-dat",
        "Birmingham Drug Action Team",
        "west-midlands",
        (
            PctSeed("5PG", "Birmingham East and North PCT"),
            PctSeed("5MX", "Heart of Birmingham Teaching PCT"),
            PctSeed("5M1", "South Birmingham PCT"),
        ),
    ),
    PartnershipSeed(
        "coventry-daat",
        "Coventry Drug and Alcohol Action Team",
        "west-midlands",
        (PctSeed("5MD", "Coventry Teaching PCT"),),
    ),
    PartnershipSeed(
        "wolverhampton-dat",
        "Wolverhampton Drug Action Team",
        "west-midlands",
        (PctSeed("5MV", "Wolverhampton City PCT"),),
    ),
    PartnershipSeed(
        "sandwell-daat",
        "Sandwell Drug and Alcohol Action Team",
        "west-midlands",
        (PctSeed("5PF", "Sandwell PCT"),),
    ),
    PartnershipSeed(
        "manchester-dat",
        "Manchester Drug Action Team",
        "north-west",
        (PctSeed("5NT", "Manchester PCT"),),
    ),
    PartnershipSeed(
        "liverpool-daat",
        "Liverpool Drug and Alcohol Action Team",
        "north-west",
        (PctSeed("5NL", "Liverpool PCT"),),
    ),
    PartnershipSeed(
        "leeds-daat",
        "Leeds Drug and Alcohol Action Team",
        "yorkshire-and-the-humber",
        (PctSeed("5N1", "Leeds PCT"),),
    ),
    PartnershipSeed(
        "sheffield-daat",
        "Sheffield Drug and Alcohol Action Team",
        "yorkshire-and-the-humber",
        (PctSeed("5N4", "Sheffield PCT"),),
    ),
    PartnershipSeed(
        "newcastle-dat",
        "Newcastle Drug Action Team",
        "north-east",
        (PctSeed("5D7", "Newcastle PCT"),),
    ),
    PartnershipSeed(
        "nottinghamshire-daat",
        "Nottinghamshire Drug and Alcohol Action Team",
        "east-midlands",
        (
            PctSeed("5N8", "Nottinghamshire County Teaching PCT"),
            PctSeed("5ET", "Bassetlaw PCT"),
        ),
    ),
    PartnershipSeed(
        "nottingham-cdp",
        "Nottingham Crime and Drugs Partnership",
        "east-midlands",
        (PctSeed("5EM", "Nottingham City PCT"),),
    ),
    PartnershipSeed(
        "norfolk-daat",
        "Norfolk Drug and Alcohol Action Team",
        "east-of-england",
        (
            PctSeed("5QG", "Norfolk PCT"),
            PctSeed("5QH", "Great Yarmouth and Waveney PCT"),
        ),
    ),
    PartnershipSeed(
        "camden-daat",
        "Camden Drug and Alcohol Action Team",
        "london",
        (PctSeed("5K7", "Camden PCT"),),
    ),
    PartnershipSeed(
        "lambeth-daat",
        "Lambeth Drug and Alcohol Action Team",
        "london",
        (PctSeed("5LD", "Lambeth PCT"),),
    ),
    PartnershipSeed(
        "hackney-daat",
        "Hackney Drug and Alcohol Action Team",
        "london",
        (PctSeed("5C9", "City and Hackney Teaching PCT"),),
    ),
    PartnershipSeed(
        "kent-daat",
        "Kent Drug and Alcohol Action Team",
        "south-east",
        (
            PctSeed("5QA", "Eastern and Coastal Kent PCT"),
            PctSeed("5P9", "West Kent PCT"),
        ),
    ),
    PartnershipSeed(
        "brighton-and-hove-daat",
        "Brighton and Hove Drug and Alcohol Action Team",
        "south-east",
        (PctSeed("5LQ", "Brighton and Hove City PCT"),),
    ),
    PartnershipSeed(
        "bristol-dat",
        "Bristol Drug Action Team",
        "south-west",
        (PctSeed("5QJ", "Bristol Teaching PCT"),),
    ),
    PartnershipSeed(
        "devon-daat",
        "Devon Drug and Alcohol Action Team",
        "south-west",
        (PctSeed("5QQ", "Devon PCT"),),
    ),
)

FILLED_PLAN_PARTNERSHIP: PartnershipSeed = PARTNERSHIPS[0]
"""The partnership whose plan `service.demo.filled_plan` fills in."""
