"""return reviews: a reviewer's questions on a quarterly return's submissions, their replies, and acceptances

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

Written beside other engineers' migrations from 0013; at the merge this one is chained after theirs.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As plan_schema.text.NARRATIVE_MAX: a migration keeps its own copy, so a later change there cannot rewrite it.
NARRATIVE_MAX = 60_000
# What was said and decided stays as it was: replies and acceptances are never changed or removed.
IMMUTABLE = ("return_question_reply", "return_acceptance")


def upgrade() -> None:
    op.create_table(
        "return_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("anchor_kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("anchor_key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("anchor_category", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=NARRATIVE_MAX), nullable=False),
        sa.Column("asked_by", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_how", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_return_question_quarter_of_year")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_return_question_plan_id_plan")),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["return_submission.id"], name=op.f("fk_return_question_submission_id_return_submission")
        ),
        sa.ForeignKeyConstraint(["asked_by"], ["app_user.id"], name=op.f("fk_return_question_asked_by_app_user")),
        sa.ForeignKeyConstraint(["closed_by"], ["app_user.id"], name=op.f("fk_return_question_closed_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_question")),
    )
    op.create_index(op.f("ix_return_question_plan_id"), "return_question", ["plan_id"], unique=False)
    op.create_table(
        "return_question_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=NARRATIVE_MAX), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["return_question.id"], name=op.f("fk_return_question_reply_question_id_return_question")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["app_user.id"], name=op.f("fk_return_question_reply_author_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_question_reply")),
    )
    op.create_index(
        op.f("ix_return_question_reply_question_id"), "return_question_reply", ["question_id"], unique=False
    )
    op.create_table(
        "return_acceptance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("accepted_by", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_return_acceptance_quarter_of_year")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_return_acceptance_plan_id_plan")),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["return_submission.id"],
            name=op.f("fk_return_acceptance_submission_id_return_submission"),
        ),
        sa.ForeignKeyConstraint(
            ["accepted_by"], ["app_user.id"], name=op.f("fk_return_acceptance_accepted_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_acceptance")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_return_acceptance_submission_id")),
    )
    op.create_index(op.f("ix_return_acceptance_plan_id"), "return_acceptance", ["plan_id"], unique=False)
    for table in IMMUTABLE:
        _make_immutable(table)


# As revision 0003 does for a plan's submissions (refuse_change() is that revision's function).
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
    for table in IMMUTABLE:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        else:
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
    op.drop_index(op.f("ix_return_acceptance_plan_id"), table_name="return_acceptance")
    op.drop_table("return_acceptance")
    op.drop_index(op.f("ix_return_question_reply_question_id"), table_name="return_question_reply")
    op.drop_table("return_question_reply")
    op.drop_index(op.f("ix_return_question_plan_id"), table_name="return_question")
    op.drop_table("return_question")
