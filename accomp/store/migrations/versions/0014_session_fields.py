"""Custom field values set on sessions (the structure's fields, as on files).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_field_value",
        sa.Column("activity_id", sa.Integer,
                  sa.ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("custom_field.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("value", sa.String(80), nullable=False),
    )
    op.create_index("ix_activity_field_value_field_id", "activity_field_value", ["field_id"])


def downgrade() -> None:
    op.drop_table("activity_field_value")
