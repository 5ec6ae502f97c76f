"""Demo data for a fresh installation: regions, partnerships and their areas, two cycles (2008/09 and the coming
year), three plans."""

import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from plan_schema.plan_year import plan_year_label
from service.access import accounts
from service.demo.filled_plan import filled_plan
from service.demo.footprints import seed_footprints
from service.demo.observations import seed_observations
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP, PARTNERSHIPS, REGIONS, PartnershipSeed
from service.planning import plans, validation
from service.planning.cycles import create_cycle
from service.planning.timetable import default_timetable, local_date
from service.tables.access import Role
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership, PartnershipPct, Pct, Region

TEMPLATE_PLAN_YEAR = "2008/09"
"""The template's own year: the demo's last-year cycle, with Birmingham's plan filled with its figures."""


def coming_plan_year(today: datetime.date) -> str:
    """The next plan year whose initial submission is still ahead (2027/28 on 5 December 2026)."""
    # Worked out, never written in, so the demo's deadlines lie ahead whenever it is seeded: the
    # plan year starting next April, or the one after once its mid-January submission has passed.
    start = today.year
    if default_timetable(plan_year_label(start)).initial_submission_due <= today:
        start += 1
    return plan_year_label(start)


def is_seeded(*, session: Session) -> bool:
    """True once any region exists: demo data is only ever added to an empty database."""
    return session.exec(select(func.count()).select_from(Region)).one() > 0


def seed_reference_data(*, session: Session) -> dict[str, Partnership]:
    """The nine regions and the demo partnerships with their PCTs, by partnership code."""
    regions = {seed.code: Region(code=seed.code, name=seed.name) for seed in REGIONS}
    session.add_all(regions.values())
    session.flush()
    partnerships: dict[str, Partnership] = {}
    pcts: dict[str, Pct] = {}
    for seed in PARTNERSHIPS:
        partnership = Partnership(code=seed.code, name=seed.name, region_id=id_of(regions[seed.region_code]))
        session.add(partnership)
        session.flush()
        for pct_seed in seed.pcts:
            pct = pcts.get(pct_seed.code)
            if pct is None:
                pct = pcts[pct_seed.code] = Pct(code=pct_seed.code, name=pct_seed.name)
                session.add(pct)
                session.flush()
            session.add(PartnershipPct(partnership_id=id_of(partnership), pct_id=id_of(pct)))
        partnerships[seed.code] = partnership
    session.flush()
    return partnerships


def partnership_in_another_region(filled: PartnershipSeed) -> PartnershipSeed:
    """The first demo partnership outside the filled plan's region."""
    return next(seed for seed in PARTNERSHIPS if seed.region_code != filled.region_code)


def _demo_accounts(
    *, session: Session, password: str, partnerships: dict[str, Partnership], regions: dict[str, Region]
) -> None:
    """The demo sign-ins: each role, for the filled plan's partnership and for another region."""
    other = partnership_in_another_region(FILLED_PLAN_PARTNERSHIP)
    filled = partnerships[FILLED_PLAN_PARTNERSHIP.code]
    accounts_to_create = (
        ("planner@demo.example", "Priya Planner", Role.PLANNER, id_of(filled), None),
        ("finance@demo.example", "Frank Finance", Role.FINANCE, id_of(filled), None),
        (
            "reviewer@demo.example",
            "Rosa Reviewer",
            Role.REVIEWER,
            None,
            id_of(regions[FILLED_PLAN_PARTNERSHIP.region_code]),
        ),
        ("planner2@demo.example", "Paul Planner", Role.PLANNER, id_of(partnerships[other.code]), None),
        ("reviewer2@demo.example", "Rhys Reviewer", Role.REVIEWER, None, id_of(regions[other.region_code])),
        ("admin@demo.example", "Ada Admin", Role.ADMIN, None, None),
    )
    for email, name, role, partnership_id, region_id in accounts_to_create:
        accounts.create_user(
            session=session,
            email=email,
            name=name,
            role=role,
            password=password,
            partnership_id=partnership_id,
            region_id=region_id,
        )


def _filled_plan(partnership: Partnership, cycle_id: int, plan_year: str, *, session: Session) -> None:
    """The filled plan's partnership's plan for a cycle, every part filled with that year's figures."""
    view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=cycle_id)
    pct_codes = [pct.code for pct in FILLED_PLAN_PARTNERSHIP.pcts]
    for part, document in filled_plan(plan_year, pct_codes).items():
        validation.save_part(view, part, document, expected_version=1, session=session)


def seed_demo(*, session: Session, password: str, today: datetime.date | None = None) -> bool:
    """Add the demo data to an empty database; False (and nothing done) if it has data."""
    if is_seeded(session=session):
        return False
    partnerships = seed_reference_data(session=session)
    regions = {region.code: region for region in session.exec(select(Region)).all()}
    _demo_accounts(session=session, password=password, partnerships=partnerships, regions=regions)
    seed_footprints(partnerships, regions, session=session)
    today = today or local_date(utc_now())
    current_year = coming_plan_year(today)
    last_cycle = create_cycle(TEMPLATE_PLAN_YEAR, session=session)
    current_cycle = create_cycle(current_year, session=session)
    filled = partnerships[FILLED_PLAN_PARTNERSHIP.code]
    other = partnerships[partnership_in_another_region(FILLED_PLAN_PARTNERSHIP).code]
    # This year's plans first, so the filled one is plan 1 (the README's links); last year's behind it.
    _filled_plan(filled, id_of(current_cycle), current_year, session=session)
    plans.create_plan(session=session, partnership_id=id_of(other), cycle_id=id_of(current_cycle))
    _filled_plan(filled, id_of(last_cycle), TEMPLATE_PLAN_YEAR, session=session)
    seed_observations(partnerships, today, session=session)
    return True
