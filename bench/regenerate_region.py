"""Time regenerating a region's documents: 150 plans' final submissions rendered again by the job runner.

Run from the project root: `.venv/bin/python bench/regenerate_region.py [plans]`. A fresh SQLite file
(migrated, demo data seeded) gets a region of `plans` partnerships, each with a final submission of the
filled demonstration plan (all four parts). The admin's request is timed as the API makes it (queue the
job and commit); then one runner works the job through, as `adtp serve` does in its background thread,
while another connection reads the job's progress every second, as `GET …/document-regenerations/{id}`
does. Reports the request's time, the job's total and the time per plan.
"""

import datetime
import itertools
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlmodel import Session, select

from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.demo.seeding import TEMPLATE_PLAN_YEAR, seed_demo
from service.oversight import regeneration
from service.oversight.job_runner import JobRunner
from service.platform.db import create_db_engine, session_factory
from service.platform.migrations import upgrade_to_head
from service.tables.access import User
from service.tables.columns import id_of
from service.tables.jobs import RegenerationJob
from service.tables.journey import Submission
from service.tables.plans import Partnership, Plan, PlanCycle, Region

SUBMITTED = datetime.datetime(2008, 3, 14, 16, 45, tzinfo=datetime.UTC)


def region_of_submissions(session: Session, count: int) -> tuple[int, PlanCycle]:
    """A new region whose `count` partnerships each made a final submission of the filled plan."""
    cycle = session.exec(select(PlanCycle).where(PlanCycle.plan_year == TEMPLATE_PLAN_YEAR)).first()
    admin = session.exec(select(User).where(User.email == "admin@demo.example")).first()
    assert cycle is not None
    assert admin is not None
    region = Region(code="BENCH", name="Bench region")
    session.add(region)
    session.flush()
    parts = {part.value: model.model_dump(mode="json") for part, model in filled_plan(cycle.plan_year).items()}
    assert set(parts) == {part.value for part in PartName}
    for index in range(count):
        name = f"Partnership {index + 1:03d}"
        partnership = Partnership(code=f"BENCH{index:03d}", name=name, region_id=id_of(region))
        session.add(partnership)
        session.flush()
        plan = Plan(partnership_id=id_of(partnership), cycle_id=id_of(cycle), status="final-submitted")
        session.add(plan)
        session.flush()
        session.add(
            Submission(
                plan_id=id_of(plan),
                number=1,
                stage="final",
                submitted_at=SUBMITTED,
                submitted_by=id_of(admin),
                due=cycle.final_submission_due,
                days_late=0,
                parts=parts,
                findings=[],
                content_sha256="0" * 64,
            )
        )
    session.commit()
    return id_of(region), cycle


def watch(engine_url: str, job_id: int, stop: threading.Event, seen: list[tuple[float, int]]) -> None:
    """Read the job's progress every second on a connection of its own, as the progress route does."""
    engine = create_db_engine(engine_url)
    started = time.perf_counter()
    while not stop.wait(1.0):
        with Session(engine) as session:
            job = session.get(RegenerationJob, job_id)
            if job is not None:
                seen.append((time.perf_counter() - started, job.worked))
    engine.dispose()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = create_db_engine(url)
        with engine.begin() as connection:
            upgrade_to_head(connection)
        open_session = session_factory(engine)
        with open_session(writes=True) as session:
            seed_demo(session=session, password="bench-password")
            session.commit()
            region_id, cycle = region_of_submissions(session, count)
            admin = session.exec(select(User).where(User.email == "admin@demo.example")).one()

        requested = time.perf_counter()
        with open_session(writes=True) as session:
            job = regeneration.request_regeneration(region_id, cycle, requested_by=id_of(admin), session=session)
            session.commit()
            job_id = id_of(job)
        request_ms = (time.perf_counter() - requested) * 1000
        print(f"request (queue the job, {count} plans): {request_ms:.1f} ms")

        stop, seen = threading.Event(), []
        watcher = threading.Thread(target=watch, args=(url, job_id, stop, seen))
        watcher.start()
        started = time.perf_counter()
        JobRunner(open_session).run_until_idle()
        seconds = time.perf_counter() - started
        stop.set()
        watcher.join()

        with open_session(writes=False) as session:
            done = session.get(RegenerationJob, job_id)
            assert done is not None
            print(f"job: {done.status}, {done.done} plans rendered, {len(done.failures)} failed")
        print(f"job total: {seconds:.1f} s; {seconds / count * 1000:.0f} ms per plan (four documents)")
        steps = [worked for _, worked in seen]
        print(f"progress read every second while it ran: {len(seen)} reads, e.g. {steps[: min(6, len(steps))]} …")
        if len(seen) > 2:
            rates = [later[1] - earlier[1] for earlier, later in itertools.pairwise(seen)]
            print(f"plans per second (median of the reads): {statistics.median(rates):.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
