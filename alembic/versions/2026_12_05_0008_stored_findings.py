"""stored findings: each part's findings kept with the version they were found on

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.add_column(sa.Column('context_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('plan_part') as batch:
        batch.add_column(
            sa.Column('findings', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True)
        )
        batch.add_column(sa.Column('findings_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch.add_column(sa.Column('served', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_part') as batch:
        batch.drop_column('served')
        batch.drop_column('findings_key')
        batch.drop_column('findings')
    with op.batch_alter_table('plan') as batch:
        batch.drop_column('context_version')
