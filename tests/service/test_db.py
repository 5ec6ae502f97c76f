"""The databases as configured: concurrent writers wait their turn instead of failing; reads hold no transaction."""

import threading
from pathlib import Path

from sqlalchemy import Engine, delete, func, text
from sqlmodel import col, select

from service.platform.db import create_db_engine, normalise_url, session_factory, writing
from service.tables.plans import Region


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


def test_a_session_that_only_reads_sees_what_was_committed_since_its_last_statement(engine: Engine) -> None:
    # A read runs each statement on its own (db.reading), as PostgreSQL's read committed already has it:
    # no BEGIN and COMMIT around a page's or a part's reads, and SQLite no longer keeps a snapshot for them.
    open_session = session_factory(engine)
    with open_session(writes=False) as reader:
        before = reader.exec(select(func.count()).select_from(Region)).one()
        with open_session(writes=True) as writer:
            writer.add(Region(code="read-committed", name="Committed between two reads"))
            writer.commit()
        try:
            after = reader.exec(select(func.count()).select_from(Region)).one()
        finally:
            with open_session(writes=True) as writer:
                writer.execute(delete(Region).where(col(Region.code) == "read-committed"))
                writer.commit()

    assert after == before + 1


def test_a_write_on_the_connection_a_read_used_last_is_still_one_transaction(engine: Engine) -> None:
    # Reads run in autocommit and writes in a transaction, on the same pooled connections (db.reading): on
    # PostgreSQL the connection's autocommit is changed only when the other kind of session had it last.
    one_connection = create_db_engine(engine.url.render_as_string(hide_password=False), pool_size=1, max_overflow=0)
    open_session = session_factory(one_connection)
    try:
        with open_session(writes=False) as reader:
            reader.exec(select(func.count()).select_from(Region)).one()
        with open_session(writes=True) as writer:
            writer.add(Region(code="rolled-back", name="Written, then rolled back"))
            writer.flush()
            writer.rollback()
        with open_session(writes=False) as reader:
            kept = reader.exec(select(Region).where(col(Region.code) == "rolled-back")).first()
        with open_session(writes=True) as writer:
            writer.add(Region(code="committed", name="Written, then committed"))
            writer.commit()
            writer.execute(delete(Region).where(col(Region.code) == "committed"))
            writer.rollback()
        with open_session(writes=False) as reader:
            committed = reader.exec(select(Region).where(col(Region.code) == "committed")).first()
    finally:
        with open_session(writes=True) as writer:
            writer.execute(delete(Region).where(col(Region.code).in_(["rolled-back", "committed"])))
            writer.commit()
        one_connection.dispose()

    assert kept is None  # the write was one transaction, rolled back
    assert committed is not None  # and so was the next: its later delete was rolled back with it
