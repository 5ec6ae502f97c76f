"""plan part versions: each saved version's document, the base of a three-way merge

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0007'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_part_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('part', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('saved_by', sa.Integer(), nullable=True),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_part_version_plan_id_plan')),
    sa.ForeignKeyConstraint(['saved_by'], ['app_user.id'], name=op.f('fk_plan_part_version_saved_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_part_version')),
    sa.UniqueConstraint('plan_id', 'part', 'version', name=op.f('uq_plan_part_version_plan_id_part_version'))
    )


def downgrade() -> None:
    op.drop_table('plan_part_version')
