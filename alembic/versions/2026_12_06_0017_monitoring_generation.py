"""monitoring generation: one number the database changes whenever monitoring data changes

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

What a plan's judgements are computed from (figures, footprints, metric versions, targets, agreed targets and
cycles) changes seldom, and is read at every showing of a task list. The triggers below give the one row of
`monitoring_generation` a fresh random number in the same transaction as any write to those tables, so that a
process may keep what it computed from them for as long as the number it read before computing is unchanged
(service/monitoring/generation.py). Triggers, not the service's code, so that every writer counts: the service,
`adtp` commands, and anyone with psql.

A random number rather than a count: a rolled-back transaction takes its data and its number back, and a count
would then hand the same number out again for different data.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Everything service/monitoring/scorecards.latest_rows reads, but the plan rows it joins through (a plan's
# partnership and cycle never change) and the cycle's tolerance, which its callers hold.
MONITORED = ("observation", "metric_version", "area", "partnership_area", "local_target", "agreed_targets", "plan_cycle")

# PostgreSQL: once per statement, however many rows it writes. The row's lock is then held to commit, so writers
# of these tables wait for one another's commits: they are imports, footprint edits and targets, never saves.
POSTGRESQL_FUNCTION = """
CREATE FUNCTION monitoring_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE monitoring_generation SET generation = floor(random() * 9007199254740991)::bigint;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "monitoring_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_generation")),
    )
    op.execute("INSERT INTO monitoring_generation (id, generation) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for table in MONITORED:
            op.execute(
                f"CREATE TRIGGER {table}_monitoring_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed()"
            )
        return
    # SQLite has triggers for each row only; it has one writer at a time, so nobody waits on the row.
    for table in MONITORED:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_monitoring_changed AFTER {event} ON {table} "
                "BEGIN UPDATE monitoring_generation SET generation = random(); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in MONITORED:
            op.execute(f"DROP TRIGGER {table}_monitoring_changed ON {table}")
        op.execute("DROP FUNCTION monitoring_changed()")
    else:
        for table in MONITORED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{event}_monitoring_changed")
    op.drop_table("monitoring_generation")
