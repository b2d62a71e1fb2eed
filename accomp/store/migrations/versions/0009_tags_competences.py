"""The structure's tags (on sessions and on files) and the skills passport's
competence observations (DigComp competence and level seen at a session).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "activity_tag",
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activity.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_activity_tag_tag_id", "activity_tag", ["tag_id"])
    op.create_table(
        "beneficiary_tag",
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_beneficiary_tag_tag_id", "beneficiary_tag", ["tag_id"])
    op.create_table(
        "competence_observation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activity.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("beneficiary_id", sa.Integer,
                  sa.ForeignKey("beneficiary.id", ondelete="CASCADE"), nullable=False),
        sa.Column("competence", sa.String(8), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("observed_on", sa.Date, nullable=False),
        sa.UniqueConstraint("activity_id", "beneficiary_id", "competence"),
    )
    op.create_index("ix_competence_observation_activity_id", "competence_observation",
                    ["activity_id"])
    op.create_index("ix_competence_observation_beneficiary_id", "competence_observation",
                    ["beneficiary_id"])


def downgrade() -> None:
    op.drop_table("competence_observation")
    op.drop_table("beneficiary_tag")
    op.drop_table("activity_tag")
    op.drop_table("tag")
