"""The deadline-day surge's data, made in-process with the service's own functions (not timed).

Run by bench/deadline_surge.py with the project's Python and DATABASE_URL set, after `adtp db
upgrade` and `adtp seed-demo`: `python bench/surge_setup.py COUNT PASSWORD`. It adds one region of
COUNT partnerships (one PCT each), each with a plan in the demo's current cycle whose four parts are
the demo's filled plan saved through `validation.save_part` (so the findings are kept as a real
save keeps them), the harm reduction self-audit attached, and three users: two planners and a
finance officer, all with PASSWORD. Prints JSON: one object per partnership with its plan id and
its users' emails and roles.

`python bench/surge_setup.py state PLAN_ID...` prints what the run is checked against, read straight
from the tables: every part's version, each plan's status and submissions, and which parts the
initial submission froze (Parts 1 and 4) no longer hold what was submitted, i.e. a save landed after
the snapshot although those parts are frozen while the panel assesses them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from sqlmodel import Session, col, select

from service.access import accounts
from service.demo.filled_plan import filled_plan
from service.demo.seeding import TEMPLATE_PLAN_YEAR
from service.journey import attachments
from service.planning import plans, validation
from service.platform.db import create_db_engine, writing
from service.platform.settings import get_settings
from service.tables.access import Role
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Submission
from service.tables.plans import Partnership, PartnershipPct, Pct, Plan, PlanCycle, PlanPart, Region

SELF_AUDIT_PDF = b"%PDF-1.4\n%%EOF\n"  # the smallest body the allow-list recognises as a PDF (tests/workflow/flow.py)
REGION_CODE = "SURGE"


def reuse_one_hash(password: str) -> None:
    """Hash the shared password once: Argon2 takes ~0.1 s a hash, and 3 × 150 of them would be most of the setup.

    `accounts.create_user` still checks and stores every account; only the (salted, equally valid) hash is shared.
    """
    hashed = accounts.hash_password(password)
    original = accounts.hash_password
    accounts.hash_password = lambda given: hashed if given == password else original(given)  # type: ignore[assignment]


def current_cycle(session: Session) -> PlanCycle:
    """The demo's current cycle: the one that is not the template's year (seed-demo makes exactly two)."""
    cycle = session.exec(select(PlanCycle).where(PlanCycle.plan_year != TEMPLATE_PLAN_YEAR)).first()
    if cycle is None:
        sys.exit("no current cycle: run `adtp seed-demo` first")
    return cycle


def users_of(index: int) -> list[dict[str, str]]:
    """The three accounts of partnership `index`: Parts 1–3 by two planners, Part 4 by finance."""
    return [
        {"email": f"planner-{index:03d}@surge.example", "role": Role.PLANNER.value},
        {"email": f"planner2-{index:03d}@surge.example", "role": Role.PLANNER.value},
        {"email": f"finance-{index:03d}@surge.example", "role": Role.FINANCE.value},
    ]


def partnership_with_plan(
    index: int, region: Region, cycle: PlanCycle, password: str, session: Session
) -> dict[str, Any]:
    """One partnership, its filled plan with the self-audit, and its three users."""
    pct = Pct(code=f"SRG{index:03d}", name=f"Surge PCT {index:03d}")
    partnership = Partnership(
        code=f"SRG{index:03d}", name=f"Surge {index:03d} Drug Action Team", region_id=id_of(region)
    )
    session.add_all([pct, partnership])
    session.flush()
    session.add(PartnershipPct(partnership_id=id_of(partnership), pct_id=id_of(pct)))
    users = users_of(index)
    created = [
        accounts.create_user(
            session=session,
            email=user["email"],
            name=f"Surge {user['role']} {index:03d}",
            role=Role(user["role"]),
            password=password,
            partnership_id=id_of(partnership),
        )
        for user in users
    ]
    view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=id_of(cycle))
    for part, document in filled_plan(cycle.plan_year, [pct.code]).items():
        validation.save_part(view, part, document, expected_version=1, session=session, changed_by=id_of(created[0]))
    attachments.attach(view.plan, SELF_AUDIT, "audit.pdf", SELF_AUDIT_PDF, by=id_of(created[0]), session=session)
    return {"plan_id": id_of(view.plan), "partnership": partnership.name, "users": users}


def state(plan_ids: list[int], session: Session) -> dict[str, Any]:
    """Versions by "plan/part", status and initial submissions by plan, and frozen parts changed since submission."""
    parts = session.exec(select(PlanPart).where(col(PlanPart.plan_id).in_(plan_ids))).all()
    submissions = session.exec(
        select(Submission).where(col(Submission.plan_id).in_(plan_ids), Submission.stage == "initial")
    ).all()
    statuses = {plan.id: plan.status for plan in session.exec(select(Plan).where(col(Plan.id).in_(plan_ids))).all()}
    stored = {(row.plan_id, row.part): row for row in parts}
    changed_after_submission = [
        f"{submission.plan_id}/{part}"
        for submission in submissions
        for part, document in submission.parts.items()
        if stored[(submission.plan_id, part)].document != document
    ]
    counts: dict[int, int] = {}
    for submission in submissions:
        counts[submission.plan_id] = counts.get(submission.plan_id, 0) + 1
    return {
        "versions": {f"{row.plan_id}/{row.part}": row.version for row in parts},
        "status": {str(plan_id): statuses.get(plan_id) for plan_id in plan_ids},
        "initial_submissions": {str(plan_id): counts.get(plan_id, 0) for plan_id in plan_ids},
        "changed_after_submission": changed_after_submission,
    }


def main() -> None:
    if sys.argv[1] == "state":
        engine = create_db_engine(get_settings().database_url)
        with Session(engine) as session:
            json.dump(state([int(arg) for arg in sys.argv[2:]], session), sys.stdout)
        engine.dispose()
        return
    count, password = int(sys.argv[1]), sys.argv[2]
    reuse_one_hash(password)
    engine = create_db_engine(get_settings().database_url)
    made = []
    with Session(writing(engine)) as session:
        cycle = current_cycle(session)
        region = Region(code=REGION_CODE, name="Surge region")
        session.add(region)
        session.flush()
        for index in range(1, count + 1):
            made.append(partnership_with_plan(index, region, cycle, password, session))
            session.commit()  # one partnership at a time, as separate requests would
    engine.dispose()
    json.dump(made, sys.stdout)


if __name__ == "__main__":
    main()
