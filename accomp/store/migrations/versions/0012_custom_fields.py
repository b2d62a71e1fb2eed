"""Custom fields the structure defines (text or choice) and their values on files.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_field",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("choices", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "file_field_value",
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("custom_field.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("value", sa.String(80), nullable=False),
    )
    op.create_index("ix_file_field_value_field_id", "file_field_value", ["field_id"])


def downgrade() -> None:
    op.drop_table("file_field_value")
    op.drop_table("custom_field")
