"""Merged files: the code of an absorbed file stays an alias of the file it was merged
into (paper documents printing it still resolve), and what the last merge needs to be
undone (personal data, inside the vault only, deleted at the next merge or when either
file is anonymised).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "beneficiary_alias",
        sa.Column("code", sa.String(12), primary_key=True),
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("absorbed_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("merged_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_beneficiary_alias_beneficiary_id", "beneficiary_alias",
                    ["beneficiary_id"])
    op.create_index("ix_beneficiary_alias_absorbed_id", "beneficiary_alias", ["absorbed_id"])
    op.create_table(
        "merge_undo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kept_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("absorbed_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("merge_undo")
    op.drop_index("ix_beneficiary_alias_absorbed_id", "beneficiary_alias")
    op.drop_index("ix_beneficiary_alias_beneficiary_id", "beneficiary_alias")
    op.drop_table("beneficiary_alias")
