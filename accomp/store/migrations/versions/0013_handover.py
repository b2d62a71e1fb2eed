"""Handing over: colleagues' public keys, the record of transfer bundles sent and
received (replay is refused by bundle id), files marked as passed on, and the
partner directory (structures people are referred to; no beneficiary data).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transfer_contact",
        sa.Column("fingerprint", sa.String(19), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("public_key", sa.String(200), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "transfer_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bundle_id", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("peer", sa.String(19), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("codes", sa.JSON, nullable=False),
        sa.UniqueConstraint("bundle_id", "direction", name="uq_transfer_record_bundle"),
    )
    op.create_table(
        "transfer_mark",
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("typology", sa.String(80), nullable=True),
        sa.Column("address", sa.String(400), nullable=True),
        sa.Column("hours", sa.String(400), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "referral",
        sa.Column("activity_id", sa.Integer,
                  sa.ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("partner_id", sa.Integer,
                  sa.ForeignKey("partner.id", ondelete="RESTRICT"), nullable=False),
    )
    op.create_index("ix_referral_partner_id", "referral", ["partner_id"])


def downgrade() -> None:
    op.drop_index("ix_referral_partner_id", "referral")
    op.drop_table("referral")
    op.drop_table("partner")
    op.drop_table("transfer_mark")
    op.drop_table("transfer_record")
    op.drop_table("transfer_contact")
