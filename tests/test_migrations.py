"""The Alembic migrations and the models describe the same schema."""

import datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, MetaData, Table, func, insert, select, text

from alembic import command
from service.platform.db import create_db_engine
from service.platform.migrations import alembic_config, upgrade_to_head
from service.tables.columns import metadata
from service.tables.jobs import RegenerationJob  # noqa: F401 - registers the job tables
from service.tables.journey import Submission  # noqa: F401 - registers the workflow tables
from service.tables.monitoring import Observation  # noqa: F401 - registers the monitoring tables
from service.tables.notifications import Message  # noqa: F401 - registers the notification tables
from service.tables.return_reviews import ReturnQuestion  # noqa: F401 - registers the return review tables
from service.tables.return_spend import ReturnSpend  # noqa: F401 - registers the quarterly spend table
from service.tables.returns import ReturnSection  # noqa: F401 - registers the quarterly return tables


def test_migrations_at_head_match_the_models(connection: Connection) -> None:
    context = MigrationContext.configure(connection, opts={"compare_type": True})

    assert compare_metadata(context, metadata) == []


def _a_row(connection: Connection, name: str, **given: object) -> int:
    """One row with a plain value in every required column the caller does not give; its id."""
    table = Table(name, MetaData(), autoload_with=connection)
    values: dict[str, object] = {}
    for column in table.columns:
        if column.name in given or column.primary_key or column.nullable or column.server_default is not None:
            continue
        kind = str(column.type).upper()
        values[column.name] = (
            datetime.date(2027, 1, 15) if "DATE" in kind else [] if "JSON" in kind else 0
            if ("INT" in kind or "BOOL" in kind or "NUMERIC" in kind) else f"{name}-{column.name}"[:7]
        )  # fmt: skip
    connection.execute(insert(table).values(values | given))
    return int(connection.execute(select(func.max(table.c.id))).scalar_one())


def test_an_sqlite_database_holding_a_plan_upgrades_to_head(tmp_path: Path) -> None:
    # SQLite migrations copy a table to change it; plan_cycle, which every plan refers to, is changed by
    # later revisions. The other tests migrate empty databases, where that cannot fail; a real one holds plans.
    engine = create_db_engine(f"sqlite:///{tmp_path}/in-use.sqlite3")
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0010")
    with engine.begin() as connection:
        region = _a_row(connection, "region")
        partnership = _a_row(connection, "partnership", region_id=region)
        cycle = _a_row(connection, "plan_cycle", plan_year="2027/28", previous_year="2026/27")
        plan = _a_row(connection, "plan", partnership_id=partnership, cycle_id=cycle)

    with engine.connect() as connection:
        upgrade_to_head(connection)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT cycle_id FROM plan WHERE id = :id"), {"id": plan}).scalar_one() == cycle
        due = connection.execute(text("SELECT q1_return_due FROM plan_cycle WHERE id = :id"), {"id": cycle})
        assert str(due.scalar_one()) == "2027-07-31"  # filled in for the cycle that was there
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()
