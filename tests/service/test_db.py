"""SQLite as configured: concurrent writers wait their turn instead of failing."""

import threading
from pathlib import Path

from sqlalchemy import text

from service.platform.db import create_db_engine, normalise_url, writing


def test_postgres_urls_use_psycopg_3() -> None:
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}/wal.sqlite3")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_concurrent_read_then_write_transactions_all_succeed(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}/race.sqlite3")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    writer = writing(engine)
    failures: list[Exception] = []

    def bump() -> None:
        # Read, then write: without BEGIN IMMEDIATE two of these deadlock on lock upgrade.
        try:
            for _ in range(20):
                with writer.begin() as connection:
                    current = connection.execute(text("SELECT n FROM counter")).scalar_one()
                    connection.execute(text("UPDATE counter SET n = :n"), {"n": current + 1})
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM counter")).scalar_one() == 80
    engine.dispose()
