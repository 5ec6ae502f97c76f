"""return spend: the finance officer's actual spend per quarter, and the cycle's spend variance threshold

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

Written beside the quarterly return's own migration (0012); at the merge this one follows it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "return_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("actual", _JSON, nullable=False),
        sa.Column("profile", _JSON, nullable=True),
        sa.Column("forecast_outturn", sa.Numeric(14, 2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("saved_by", sa.Integer(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_return_spend_quarter_of_the_year")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_return_spend_plan_id_plan")),
        sa.ForeignKeyConstraint(["saved_by"], ["app_user.id"], name=op.f("fk_return_spend_saved_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_spend")),
        sa.UniqueConstraint("plan_id", "quarter", name=op.f("uq_return_spend_plan_id_quarter")),
    )
    # Existing cycles take the default every new one gets: more than 10 % off the profile is flagged.
    with op.batch_alter_table("plan_cycle") as batch:
        batch.add_column(
            sa.Column("spend_variance_threshold_pct", sa.Numeric(6, 2), nullable=False, server_default="10.00")
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_cycle") as batch:
        batch.drop_column("spend_variance_threshold_pct")
    op.drop_table("return_spend")
