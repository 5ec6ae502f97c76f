"""Demonstration figures: a few metrics for every demo partnership, from two years before the plan year in progress.

Invented, but of the size a partnership of its kind would report: people in effective treatment
(Part 2's 1.1 and 1.2) in the low thousands, retention near 80 %, care-planned exits in the
forties, most first treatments within three weeks. Each partnership has a size and a drift of its
own and a little seeded noise, so scorecards differ and the region and England are not copies of
one partnership. Only quarters ended by the day the demo is seeded have figures (8 to 12 of them),
and they go in through the CSV import, as real figures do.

Birmingham (the filled plan's partnership) also has local targets for the plan year in progress,
so its scorecard judges figures against a trajectory.
"""

import datetime
import io
import random

from sqlmodel import Session

from plan_schema.plan_year import first_calendar_year, plan_year_label
from service.demo.footprints import LOCAL_AUTHORITIES
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP, PARTNERSHIPS
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.observation_import import import_observations
from service.monitoring.observations import ImportCounts
from service.monitoring.periods import Period, plan_year_on
from service.monitoring.targets import set_local_target
from service.tables.columns import id_of
from service.tables.plans import Partnership

RELEASE = "Demonstration figures"
YEARS_BEFORE = 2
# Birmingham's own targets for the plan year in progress: (metric, baseline, annual target, milestones by quarter).
BIRMINGHAM_TARGETS: tuple[tuple[str, float, float, dict[int, float]], ...] = (
    ("P2-2", 80.0, 84.0, {}),
    ("P2-3", 43.0, 46.0, {1: 44.0, 2: 44.5, 3: 45.0}),
    ("LK-3b", 92.0, 97.0, {}),
)


def demo_quarters(today: datetime.date) -> list[Period]:
    """The quarters with demo figures: from Q1 two years before the plan year in progress to the last one ended."""
    first = first_calendar_year(plan_year_on(today)) - YEARS_BEFORE
    quarters = [Period(plan_year_label(year), quarter) for year in range(first, first + 3) for quarter in (1, 2, 3, 4)]
    return [period for period in quarters if period.ends < today]


def _rows(code: str, size: int, drift: float, quarters: list[Period], rng: random.Random) -> list[str]:
    """One partnership's figures per quarter, growing by `drift` a quarter: its own area's, and its council's."""
    council = LOCAL_AUTHORITIES[code][0]
    rows = []
    for index, period in enumerate(quarters):
        grown = size * (1 + drift * index)
        in_treatment = round(grown * rng.uniform(0.98, 1.02))
        retained, exits, starts = round(grown * 0.42), round(grown * 0.31), round(grown * 0.09)
        rows += [
            f"P2-1.1,1,{code},{period},{in_treatment},",
            f"P2-1.2,1,{code},{period},{round(in_treatment * rng.uniform(1.26, 1.3))},",
            f"P2-2,1,{code},{period},{round(retained * rng.uniform(0.77, 0.85))},{retained}",
            f"P2-3,1,{code},{period},{round(exits * rng.uniform(0.40, 0.47))},{exits}",
            f"LK-3b,1,{council},{period},{round(starts * rng.uniform(0.86, 0.97))},{starts}",
        ]
    return rows


def seed_observations(partnerships: dict[str, Partnership], today: datetime.date, *, session: Session) -> ImportCounts:
    """Import the demo figures for every demo partnership, then Birmingham's local targets."""
    # Figures name stored metric versions; an upgrade stores them, but a demo may be seeded without one.
    load_shipped_catalogue(session=session)
    rng = random.Random(2008)  # noqa: S311 (invented figures, not secrets: the same demo every time)
    quarters = demo_quarters(today)
    lines = ["metric,version,area,period,numerator,denominator"]
    for seed in PARTNERSHIPS:
        # Birmingham's size is its plan's: about 3,400 people in effective treatment.
        size = 3400 if seed is FILLED_PLAN_PARTNERSHIP else 400 + sum(map(ord, seed.code)) % 30 * 110
        lines += _rows(seed.code, size, rng.uniform(-0.004, 0.018), quarters, rng)
    csv = io.StringIO("\n".join(lines) + "\n", newline="")
    counts = import_observations(csv, release=RELEASE, by=None, session=session)
    birmingham = id_of(partnerships[FILLED_PLAN_PARTNERSHIP.code])
    for code, baseline, annual, milestones in BIRMINGHAM_TARGETS:
        set_local_target(
            birmingham,
            code,
            plan_year_on(today),
            baseline=baseline,
            annual=annual,
            milestones=milestones,
            by=None,
            session=session,
        )
    return counts
