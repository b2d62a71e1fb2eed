"""Imports of spreadsheets: each import is a batch, and every session and file it
created is listed under it, so that the last import can be undone as a whole.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("undone_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "import_item",
        sa.Column("batch_id", sa.Integer,
                  sa.ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("entity", sa.String(12), primary_key=True),
        sa.Column("row_id", sa.Integer, primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("import_item")
    op.drop_table("import_batch")
