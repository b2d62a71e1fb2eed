"""Consent enforcement: whether a referral passes data to the partner and which
mandate scope a procedure was done under (activity); the mandate a renewal replaces.

Plain ADD COLUMN (no batch copy): the tables keep their triggers and indexes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "activity",
        sa.Column("referral_shares_data", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.add_column("activity", sa.Column("under_mandate_scope", sa.String))
    op.add_column("mandate", sa.Column("renewed_from", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("mandate") as batch:
        batch.drop_column("renewed_from")
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("under_mandate_scope")
        batch.drop_column("referral_shares_data")
