"""background jobs: regenerating a region's submitted documents

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('regeneration_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('submission_ids', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('failures', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['plan_cycle.id'], name=op.f('fk_regeneration_job_cycle_id_plan_cycle')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_regeneration_job_region_id_region')),
    sa.ForeignKeyConstraint(['requested_by'], ['app_user.id'], name=op.f('fk_regeneration_job_requested_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regeneration_job'))
    )
    with op.batch_alter_table('regeneration_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regeneration_job_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_regeneration_job_status'), ['status'], unique=False)

    op.create_table('regenerated_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('part', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('media_type', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['regeneration_job.id'], name=op.f('fk_regenerated_document_job_id_regeneration_job')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_regenerated_document_submission_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regenerated_document')),
    sa.UniqueConstraint('submission_id', 'part', name=op.f('uq_regenerated_document_submission_id_part'))
    )


def downgrade() -> None:
    op.drop_table('regenerated_document')
    with op.batch_alter_table('regeneration_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regeneration_job_status'))
        batch_op.drop_index(batch_op.f('ix_regeneration_job_region_id'))

    op.drop_table('regeneration_job')
