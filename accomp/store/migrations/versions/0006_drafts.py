"""Drafts: what was being typed in a form when the vault was locked or the program
stopped, kept encrypted in the vault until the form is saved or cancelled.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=True),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_draft_beneficiary_id", "draft", ["beneficiary_id"])


def downgrade() -> None:
    op.drop_index("ix_draft_beneficiary_id", "draft")
    op.drop_table("draft")
