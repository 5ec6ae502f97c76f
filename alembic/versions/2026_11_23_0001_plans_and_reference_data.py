"""plans and reference data

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('pct',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pct')),
    sa.UniqueConstraint('code', name=op.f('uq_pct_code'))
    )
    op.create_table('plan_cycle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('previous_year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('indicative_years', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('template_version', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('initial_submission_due', sa.Date(), nullable=False),
    sa.Column('panel_response_due', sa.Date(), nullable=False),
    sa.Column('final_submission_due', sa.Date(), nullable=False),
    sa.Column('sign_off_due', sa.Date(), nullable=False),
    sa.Column('publication_due', sa.Date(), nullable=False),
    sa.Column('targets_agreed_due', sa.Date(), nullable=False),
    sa.Column('baseline_due', sa.Date(), nullable=False),
    sa.Column('inflation_uplift_pct', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('harm_reduction_self_audit_required', sa.Boolean(), nullable=False),
    sa.Column('expenditure_categories', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_cycle')),
    sa.UniqueConstraint('plan_year', name=op.f('uq_plan_cycle_plan_year'))
    )
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('code', name=op.f('uq_region_code'))
    )
    op.create_table('partnership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_partnership_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership')),
    sa.UniqueConstraint('code', name=op.f('uq_partnership_code'))
    )
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_region_id'), ['region_id'], unique=False)

    op.create_table('partnership_pct',
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('pct_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_partnership_pct_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['pct_id'], ['pct.id'], name=op.f('fk_partnership_pct_pct_id_pct')),
    sa.PrimaryKeyConstraint('partnership_id', 'pct_id', name=op.f('pk_partnership_pct'))
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['plan_cycle.id'], name=op.f('fk_plan_cycle_id_plan_cycle')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_plan_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('partnership_id', 'cycle_id', name=op.f('uq_plan_partnership_id_cycle_id'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_cycle_id'), ['cycle_id'], unique=False)

    op.create_table('plan_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('part', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_part_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_part')),
    sa.UniqueConstraint('plan_id', 'part', name=op.f('uq_plan_part_plan_id_part'))
    )


def downgrade() -> None:
    op.drop_table('plan_part')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_cycle_id'))

    op.drop_table('plan')
    op.drop_table('partnership_pct')
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_region_id'))

    op.drop_table('partnership')
    op.drop_table('region')
    op.drop_table('plan_cycle')
    op.drop_table('pct')
