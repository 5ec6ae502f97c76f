"""A database of a test's own, migrated and seeded, for tests that commit for real (as `adtp serve` does)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from service.demo.seeding import seed_demo
from service.platform.db import create_db_engine
from service.platform.migrations import upgrade_to_head
from tests.conftest import DEMO_PASSWORD, IN_CI


@contextmanager
def throwaway_postgres(purpose: str) -> Iterator[tuple[Engine, str]]:
    """A new database beside TEST_DATABASE_URL's, with the demo data; yields its engine and URL, then drops it."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if IN_CI:
            pytest.fail(f"CI=true needs TEST_DATABASE_URL for {purpose}")
        pytest.skip(f"set TEST_DATABASE_URL to run {purpose}")
    name = f"adtp_{uuid.uuid4().hex[:12]}"
    server = create_db_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    own_url = url.rsplit("/", 1)[0] + f"/{name}"
    engine = create_db_engine(own_url)
    try:
        seed(engine)
        yield engine, own_url
    finally:
        engine.dispose()
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


@contextmanager
def throwaway_sqlite(directory: Path) -> Iterator[Engine]:
    """A new SQLite file in `directory`, with the demo data."""
    engine = create_db_engine(f"sqlite:///{directory / 'adtp.sqlite3'}")
    try:
        seed(engine)
        yield engine
    finally:
        engine.dispose()


def seed(engine: Engine) -> None:
    """Migrate to head and add the demo data, committed."""
    with engine.begin() as connection:
        upgrade_to_head(connection)
    with Session(engine) as session:
        seed_demo(session=session, password=DEMO_PASSWORD)
        session.commit()
