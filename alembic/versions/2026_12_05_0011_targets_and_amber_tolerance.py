"""targets and amber tolerance: a partnership's local targets on catalogue metrics, and the cycle's amber tolerance

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "local_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("metric_version_id", sa.Integer(), nullable=False),
        sa.Column("plan_year", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("baseline", sa.Double(), nullable=False),
        sa.Column("annual", sa.Double(), nullable=False),
        sa.Column("milestones", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["metric_version_id"], ["metric_version.id"], name=op.f("fk_local_target_metric_version_id_metric_version")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnership.id"], name=op.f("fk_local_target_partnership_id_partnership")
        ),
        sa.ForeignKeyConstraint(["set_by"], ["app_user.id"], name=op.f("fk_local_target_set_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_target")),
        sa.UniqueConstraint(
            "partnership_id",
            "metric_version_id",
            "plan_year",
            name=op.f("uq_local_target_partnership_id_metric_version_id_plan_year"),
        ),
    )
    op.create_index(op.f("ix_local_target_metric_version_id"), "local_target", ["metric_version_id"], unique=False)
    # Existing cycles take the default every new one gets: within 5 % of the expected value is amber.
    with op.batch_alter_table("plan_cycle") as batch:
        batch.add_column(sa.Column("amber_tolerance", sa.Numeric(12, 2), nullable=False, server_default="5.00"))
        batch.add_column(sa.Column("amber_tolerance_relative", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("plan_cycle") as batch:
        batch.drop_column("amber_tolerance_relative")
        batch.drop_column("amber_tolerance")
    op.drop_index(op.f("ix_local_target_metric_version_id"), table_name="local_target")
    op.drop_table("local_target")
