"""Appointments: a follow-up planned with a person (day, time, duration, place type,
what to bring, status). No free text: everything comes from the reference lists.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("activity_id", sa.Integer,
                  sa.ForeignKey("activity.id", ondelete="SET NULL"), nullable=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("start", sa.Time, nullable=False),
        sa.Column("duration_min", sa.Integer, nullable=False),
        sa.Column("place_type", sa.String(40), nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("status_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_appointment_beneficiary_id", "appointment", ["beneficiary_id"])
    op.create_index("ix_appointment_status_day", "appointment", ["status", "day"])


def downgrade() -> None:
    op.drop_index("ix_appointment_status_day", "appointment")
    op.drop_index("ix_appointment_beneficiary_id", "appointment")
    op.drop_table("appointment")
