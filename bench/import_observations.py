"""Time importing a release of observed figures: 150 partnerships' areas × 20 metrics × 12 quarters from CSV.

Run from the project root: `.venv/bin/python bench/import_observations.py [postgresql+psycopg://…/postgres]`.
Without a URL a fresh SQLite file is used; with one, a fresh database is created beside it and dropped
afterwards. The database is migrated and the shipped catalogue stored; a region of 150 partnerships,
each covering three local authority areas, is added. A CSV of 450 areas × 20 metrics (those a local
authority can have a figure for) × 12 quarters = 108,000 rows is written to a file and imported three
times, as `adtp metrics import` does (streamed, in batches, committed once): first into an empty
table, then the same file again (all unchanged), then with every hundredth figure changed (revisions).
Reports each import's time and rows per second, the process's peak memory, and the load average.
"""

import csv
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from service.monitoring.areas import GEOGRAPHY_RANK, add_area, cover
from service.monitoring.catalogue import Geography, ValueType, shipped_catalogue
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.observation_import import import_observations
from service.platform.db import create_db_engine
from service.platform.migrations import upgrade_to_head
from service.tables.columns import id_of
from service.tables.plans import Partnership, Region

PARTNERSHIPS = 150
AREAS_EACH = 3
METRICS = 20
QUARTERS = [f"{year}/{(year + 1) % 100:02d} Q{quarter}" for year in (2025, 2026, 2027) for quarter in (1, 2, 3, 4)]
LIMIT_SECONDS = 10.0


def prepare(engine: Engine) -> list[str]:
    """Migrate, store the catalogue and the bench region's footprints; the area codes."""
    with engine.begin() as connection:
        upgrade_to_head(connection)
    codes: list[str] = []
    with Session(engine) as session:
        load_shipped_catalogue(session=session)
        region = Region(code="bench", name="Bench region")
        session.add(region)
        session.flush()
        for index in range(PARTNERSHIPS):
            partnership = Partnership(code=f"bench-{index:03d}", name=f"Bench {index:03d}", region_id=id_of(region))
            session.add(partnership)
            session.flush()
            for part in range(AREAS_EACH):
                code = f"LA-B{index:03d}-{part}"
                area = add_area(code, f"Bench area {code}", Geography.LOCAL_AUTHORITY, session=session)
                cover(id_of(partnership), id_of(area), "2025/26", session=session)
                codes.append(code)
        session.commit()
    return codes


def write_csv(path: Path, areas: list[str], *, changed_every: int = 0) -> int:
    """The release as a CSV file, written a row at a time; how many rows."""
    local = GEOGRAPHY_RANK[Geography.LOCAL_AUTHORITY]
    metrics = [m for m in shipped_catalogue().metrics if GEOGRAPHY_RANK[m.lowest_geography] <= local][:METRICS]
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["metric", "version", "area", "period", "breakdown", "numerator", "denominator"])
        for metric in metrics:
            for area_index, area in enumerate(areas):
                for quarter_index, quarter in enumerate(QUARTERS):
                    numerator = (area_index * 7 + quarter_index * 3) % 90
                    if changed_every and rows % changed_every == 0:
                        numerator += 1
                    denominator = "" if metric.value_type is ValueType.COUNT else str(100 + area_index % 50)
                    writer.writerow([metric.code, metric.version, area, quarter, "", numerator, denominator])
                    rows += 1
    return rows


def timed_import(engine: Engine, path: Path, release: str) -> tuple[float, str]:
    started = time.perf_counter()
    with Session(engine) as session, path.open(encoding="utf-8", newline="") as lines:
        counts = import_observations(lines, release=release, by=None, session=session)
        session.commit()
    return time.perf_counter() - started, f"{counts.added} added, {counts.revised} revised, {counts.unchanged} same"


def run(engine: Engine, label: str, folder: Path) -> bool:
    areas = prepare(engine)
    release, revised = folder / "release.csv", folder / "revised.csv"
    rows = write_csv(release, areas)
    write_csv(revised, areas, changed_every=100)
    within = True
    print(f"{label}: {rows:,} rows ({len(areas)} areas × {METRICS} metrics × {len(QUARTERS)} quarters)")
    for name, path in (("first import", release), ("same file again", release), ("1 % revised", revised)):
        seconds, counts = timed_import(engine, path, name)
        within &= seconds <= LIMIT_SECONDS
        print(f"  {name:16} {seconds:6.2f} s  {rows / seconds:9,.0f} rows/s  ({counts})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the process so far: {peak:.0f} MB; load average {os.getloadavg()[0]:.2f}")
    return within


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        if not argv:
            engine = create_db_engine(f"sqlite:///{folder}/bench.sqlite3")
            within = run(engine, "SQLite", Path(folder))
            engine.dispose()
            return 0 if within else 1
        server = create_db_engine(argv[0], isolation_level="AUTOCOMMIT")
        name = f"bench_import_{uuid.uuid4().hex[:8]}"
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = create_db_engine(argv[0].rsplit("/", 1)[0] + f"/{name}")
        try:
            within = run(engine, "PostgreSQL", Path(folder))
        finally:
            engine.dispose()
            with server.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            server.dispose()
        return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
