"""kept started: whether a part holds anything entered, kept with its findings

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('plan_part') as batch:
        batch.add_column(sa.Column('started', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_part') as batch:
        batch.drop_column('started')
