"""quarterly returns: each quarter's return due date on the cycle, the return's sections and its submissions

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import datetime
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# A month after each quarter ends (calendar years after the plan year's first, month, day), as new cycles get.
RETURN_DUE = {1: (0, 7, 31), 2: (0, 10, 31), 3: (1, 1, 31), 4: (1, 4, 30)}


def upgrade() -> None:
    with op.batch_alter_table("plan_cycle") as batch:
        for quarter in RETURN_DUE:
            batch.add_column(sa.Column(f"q{quarter}_return_due", sa.Date(), nullable=True))
    # Existing cycles take the default every new cycle gets, worked out from their plan year.
    cycle = sa.table("plan_cycle", sa.column("id", sa.Integer()), sa.column("plan_year", sa.String()))
    bind = op.get_bind()
    for cycle_id, plan_year in bind.execute(sa.select(cycle.c.id, cycle.c.plan_year)).all():
        start = int(plan_year[:4])
        dates = {
            f"q{quarter}_return_due": datetime.date(start + years_on, month, day)
            for quarter, (years_on, month, day) in RETURN_DUE.items()
        }
        bind.execute(sa.text(_update_sql()).bindparams(id=cycle_id, **dates))
    with op.batch_alter_table("plan_cycle") as batch:
        for quarter in RETURN_DUE:
            batch.alter_column(f"q{quarter}_return_due", existing_type=sa.Date(), nullable=False)
    op.create_table(
        "return_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_return_section_quarter_of_year")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_return_section_plan_id_plan")),
        sa.ForeignKeyConstraint(["updated_by"], ["app_user.id"], name=op.f("fk_return_section_updated_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_section")),
        sa.UniqueConstraint("plan_id", "quarter", "section", name=op.f("uq_return_section_plan_id_quarter_section")),
    )
    op.create_index(op.f("ix_return_section_plan_id"), "return_section", ["plan_id"], unique=False)
    op.create_table(
        "return_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("days_late", sa.Integer(), nullable=False),
        sa.Column("sections", JSON, nullable=False),
        sa.Column("findings", JSON, nullable=False),
        sa.Column("content_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_return_submission_quarter_of_year")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_return_submission_plan_id_plan")),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["app_user.id"], name=op.f("fk_return_submission_submitted_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_submission")),
        sa.UniqueConstraint("plan_id", "quarter", "number", name=op.f("uq_return_submission_plan_id_quarter_number")),
    )
    op.create_index(op.f("ix_return_submission_plan_id"), "return_submission", ["plan_id"], unique=False)
    _make_immutable("return_submission")


def _update_sql() -> str:
    columns = ", ".join(f"q{quarter}_return_due = :q{quarter}_return_due" for quarter in RETURN_DUE)
    return f"UPDATE plan_cycle SET {columns} WHERE id = :id"


# A submitted return is the record of what was sent: the database refuses to change or remove it,
# as it does a plan's submissions (revision 0003; refuse_change() is that revision's function).
def _make_immutable(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS return_submission_immutable ON return_submission")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS return_submission_no_{event}")
    op.drop_index(op.f("ix_return_submission_plan_id"), table_name="return_submission")
    op.drop_table("return_submission")
    op.drop_index(op.f("ix_return_section_plan_id"), table_name="return_section")
    op.drop_table("return_section")
    with op.batch_alter_table("plan_cycle") as batch:
        for quarter in RETURN_DUE:
            batch.drop_column(f"q{quarter}_return_due")
