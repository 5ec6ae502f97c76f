"""On PostgreSQL a cursor describes its result's columns only when they are looked at, and then as psycopg would."""

import asyncio

import psycopg
import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session, col

from service.platform.db import session_factory
from service.platform.loop_sessions import awaiting, loop_sessions
from service.platform.pg_cursors import DescribedOnDemand, DescribedOnDemandAsync
from service.tables.plans import Partnership, Plan

# psycopg's cursors: PostgreSQL's engine alone (conftest's `engine`, made for PostgreSQL only).
pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def test_statements_read_the_same_rows_whether_run_once_or_again(engine: Engine) -> None:
    # The second time, SQLAlchemy keeps what it learnt of the columns the first time and never looks at them.
    query = (
        select(col(Plan.id), col(Partnership.name), col(Plan.status))
        .join(Partnership, col(Partnership.id) == col(Plan.partnership_id))
        .order_by(col(Plan.id))
    )
    with engine.connect() as connection:
        first = connection.execute(query).mappings().all()
        again = connection.execute(query).mappings().all()
        ad_hoc = connection.execute(text("SELECT 1 AS one, 'two' AS two")).mappings().one()

    assert first
    assert first == again
    assert set(first[0]) == {"id", "name", "status"}
    assert dict(ad_hoc) == {"one": 1, "two": "two"}


def test_the_columns_are_described_as_psycopg_describes_them(engine: Engine) -> None:
    sql = "SELECT id, name, region_id FROM partnership ORDER BY id LIMIT 1"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        ours = raw.cursor()
        ours.execute(sql)
        plain = psycopg.Cursor(raw)  # type: ignore[call-overload]  # SQLAlchemy types it as any DB-API connection
        plain.execute(sql)

        assert isinstance(ours, DescribedOnDemand)
        assert ours.description is not None
        assert plain.description is not None
        assert len(ours.description) == 3
        assert [tuple(column) for column in ours.description] == [tuple(column) for column in plain.description]
        assert [column.name for column in ours.description[1:]] == ["name", "region_id"]
        ours.execute("SELECT 1")
        assert ours.description is not None
        assert [column.name for column in ours.description] == ["?column?"]
        ours.execute("SET LOCAL statement_timeout = '5s'")  # a statement that returns no rows describes none
        assert ours.description is None


def test_columns_cannot_be_described_from_a_later_statement(engine: Engine) -> None:
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        cursor.execute("SELECT 1 AS one")
        kept = cursor.description
        cursor.execute("SELECT 2 AS two")

        assert kept is not None
        with pytest.raises(RuntimeError, match="another statement"):
            kept[0]


def test_an_awaited_sessions_cursors_read_and_describe_as_psycopgs(engine: Engine) -> None:
    # The sessions of routes placed on the event loop (platform/loop_sessions.py) use psycopg's asynchronous cursors.
    awaited = loop_sessions(engine, session_factory(engine))
    assert awaited is not None
    sql = text("SELECT id, name, region_id FROM partnership ORDER BY id LIMIT 3")

    def read(session: Session) -> tuple[list[dict[str, object]], type, list[str]]:
        connection = session.connection()
        rows = [dict(row) for row in connection.execute(sql).mappings()]
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        cursor.execute("SELECT 1 AS one, 2 AS two")
        assert cursor.description is not None
        return rows, raw.driver_connection.cursor_factory, [column[0] for column in cursor.description]

    async def main() -> tuple[list[dict[str, object]], type, list[str]]:
        session = awaited.open_session(writes=False)
        try:
            return await awaiting(read, session)
        finally:
            await awaiting(session.close)

    rows, factory, names = asyncio.run(main())
    with engine.connect() as connection:
        expected = [dict(row) for row in connection.execute(sql).mappings()]

    assert rows == expected
    assert factory is DescribedOnDemandAsync
    assert names == ["one", "two"]
