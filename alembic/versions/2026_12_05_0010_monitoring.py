"""monitoring: metric versions, areas and footprints, observations and their revisions

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('metric_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('family', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('value_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('multiplier', sa.Integer(), nullable=False),
    sa.Column('lowest_geography', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('definition', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('shipped', sa.Boolean(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metric_version')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_metric_version_code_version'))
    )
    op.create_table('area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_area_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('code', name=op.f('uq_area_code'))
    )
    op.create_index(op.f('ix_area_kind'), 'area', ['kind'], unique=False)
    op.create_index(op.f('ix_area_region_id'), 'area', ['region_id'], unique=False)
    op.create_table('partnership_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('valid_to', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_partnership_area_area_id_area')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_partnership_area_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_area')),
    sa.UniqueConstraint('partnership_id', 'area_id', 'valid_from', name=op.f('uq_partnership_area_partnership_id_area_id_valid_from'))
    )
    op.create_index(op.f('ix_partnership_area_area_id'), 'partnership_area', ['area_id'], unique=False)
    op.create_table('observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('metric_version_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('breakdown', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('numerator', sa.Double(), nullable=False),
    sa.Column('denominator', sa.Double(), nullable=True),
    sa.Column('release', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('imported_by', sa.Integer(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_observation_area_id_area')),
    sa.ForeignKeyConstraint(['imported_by'], ['app_user.id'], name=op.f('fk_observation_imported_by_app_user')),
    sa.ForeignKeyConstraint(['metric_version_id'], ['metric_version.id'], name=op.f('fk_observation_metric_version_id_metric_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation')),
    sa.UniqueConstraint('metric_version_id', 'area_id', 'period', 'breakdown', name=op.f('uq_observation_metric_version_id_area_id_period_breakdown'))
    )
    op.create_index(op.f('ix_observation_area_id'), 'observation', ['area_id'], unique=False)
    op.create_table('observation_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('numerator', sa.Double(), nullable=False),
    sa.Column('denominator', sa.Double(), nullable=True),
    sa.Column('release', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('imported_by', sa.Integer(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replaced_by_release', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['imported_by'], ['app_user.id'], name=op.f('fk_observation_revision_imported_by_app_user')),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_observation_revision_observation_id_observation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_revision'))
    )
    op.create_index(op.f('ix_observation_revision_observation_id'), 'observation_revision', ['observation_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_observation_revision_observation_id'), table_name='observation_revision')
    op.drop_table('observation_revision')
    op.drop_index(op.f('ix_observation_area_id'), table_name='observation')
    op.drop_table('observation')
    op.drop_index(op.f('ix_partnership_area_area_id'), table_name='partnership_area')
    op.drop_table('partnership_area')
    op.drop_index(op.f('ix_area_region_id'), table_name='area')
    op.drop_index(op.f('ix_area_kind'), table_name='area')
    op.drop_table('area')
    op.drop_table('metric_version')
