"""notifications: the outbox of messages and each user's choice of immediate messages or a weekly digest

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

Written beside other work numbered 0014; at the merge this one follows whichever comes last.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("recipient_user_id", sa.Integer(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("dedupe_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["digest_id"], ["message.id"], name=op.f("fk_message_digest_id_message")),
        sa.ForeignKeyConstraint(
            ["recipient_user_id"], ["app_user.id"], name=op.f("fk_message_recipient_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_message_dedupe_key")),
    )
    op.create_index(op.f("ix_message_kind"), "message", ["kind"], unique=False)
    op.create_index(op.f("ix_message_recipient_user_id"), "message", ["recipient_user_id"], unique=False)
    op.create_index(op.f("ix_message_state"), "message", ["state"], unique=False)
    op.create_table(
        "notification_preference",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_notification_preference_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preference")),
    )


def downgrade() -> None:
    op.drop_table("notification_preference")
    op.drop_index(op.f("ix_message_state"), table_name="message")
    op.drop_index(op.f("ix_message_recipient_user_id"), table_name="message")
    op.drop_index(op.f("ix_message_kind"), table_name="message")
    op.drop_table("message")
