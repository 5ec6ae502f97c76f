"""Alembic environment: migrates the database the service's settings name."""

from sqlalchemy import Connection

from alembic import context
from service.platform.db import create_db_engine
from service.platform.settings import get_settings
from service.tables import (  # noqa: F401 - every table must be registered
    access,
    jobs,
    journey,
    monitoring,
    notifications,
    plans,
    return_reviews,
    return_spend,
    returns,
)
from service.tables.columns import metadata

target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    sqlite = connection.dialect.name == "sqlite"
    # SQLite alters a table by copying it, dropping it and renaming the copy: with foreign keys enforced the
    # drop fails once other tables' rows refer to it (plan_cycle, by every plan), and deferring them does not
    # help (the copy's rows were inserted before the drop). So they are off while migrating, which SQLite
    # allows only outside a transaction, and every reference is checked before they are on again.
    driver = connection.connection.driver_connection if sqlite else None
    checking = driver is not None and not driver.in_transaction
    if checking:
        driver.execute("PRAGMA foreign_keys = OFF")
    try:
        with context.begin_transaction():
            context.run_migrations()
        if checking and (broken := driver.execute("PRAGMA foreign_key_check").fetchall()):
            raise RuntimeError(f"the migration left rows referring to nothing: {broken[:5]}")
    finally:
        if checking:
            driver.execute("PRAGMA foreign_keys = ON")


def run_migrations_online() -> None:
    """Migrate over a connection given by the caller (tests, CLI) or made from settings."""
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = create_db_engine(get_settings().database_url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


run_migrations_online()
