"""Initial schema: beneficiaries, activities, consents, mandates, audit journal.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = ("audit_event", "consent_event")


def upgrade() -> None:
    op.create_table(
        "beneficiary",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("first_name", sa.String),
        sa.Column("last_name", sa.String),
        sa.Column("phone", sa.String),
        sa.Column("email", sa.String),
        sa.Column("birth_year", sa.Integer),
        sa.Column("notes", sa.String),
        sa.Column("commune_name", sa.String),
        sa.Column("commune_postal_code", sa.String),
        sa.Column("commune_insee", sa.String),
        sa.Column("gender", sa.String, nullable=False),
        sa.Column("age_band", sa.String, nullable=False),
        sa.Column("social_status", sa.String, nullable=False),
        sa.Column("legal_basis", sa.String),
        sa.Column("informed_on", sa.Date),
        sa.Column("notice_version", sa.String),
        sa.Column("notice_hash", sa.String),
        sa.Column("anonymised_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_beneficiary_code", "beneficiary", ["code"], unique=True)

    op.create_table(
        "activity",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("duration_min", sa.Integer, nullable=False),
        sa.Column("place_type", sa.String, nullable=False),
        sa.Column("commune_name", sa.String),
        sa.Column("commune_postal_code", sa.String),
        sa.Column("commune_insee", sa.String),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("admin_themes", sa.JSON, nullable=False),
        sa.Column("procedure_details", sa.String),
        sa.Column("equipment", sa.JSON, nullable=False),
        sa.Column("notes", sa.String),
        sa.Column(
            "beneficiary_id",
            sa.Integer,
            sa.ForeignKey("beneficiary.id", ondelete="RESTRICT"),
        ),
        sa.Column("autonomy", sa.String),
        sa.Column("referred", sa.Boolean, nullable=False),
        sa.Column("referral_target", sa.String),
        sa.Column("completion", sa.String),
        sa.Column("workshop_title", sa.String),
        sa.Column("level", sa.String),
        sa.Column("anonymous", sa.JSON, nullable=False),
        sa.Column("participants", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_activity_beneficiary_id", "activity", ["beneficiary_id"])
    op.create_index("ix_activity_date_id", "activity", ["date", "id"])

    op.create_table(
        "activity_participant",
        sa.Column(
            "activity_id",
            sa.Integer,
            sa.ForeignKey("activity.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "beneficiary_id",
            sa.Integer,
            sa.ForeignKey("beneficiary.id", ondelete="RESTRICT"),
            primary_key=True,
        ),
    )
    op.create_index(
        "ix_activity_participant_beneficiary_id", "activity_participant", ["beneficiary_id"]
    )

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "beneficiary_id",
            sa.Integer,
            sa.ForeignKey("beneficiary.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("purpose", sa.String, nullable=False),
        sa.UniqueConstraint("beneficiary_id", "purpose"),
    )
    op.create_index("ix_consent_beneficiary_id", "consent", ["beneficiary_id"])

    op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("consent_id", sa.Integer, sa.ForeignKey("consent.id"), nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("method", sa.String),
        sa.Column("notice_version", sa.String),
        sa.Column("notice_hash", sa.String),
        sa.Column("recorded_by", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("valid_until", sa.Date),
    )
    op.create_index("ix_consent_event_consent_id", "consent_event", ["consent_id"])

    op.create_table(
        "mandate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "beneficiary_id",
            sa.Integer,
            sa.ForeignKey("beneficiary.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("duration", sa.String, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index("ix_mandate_beneficiary_id", "mandate", ["beneficiary_id"])

    op.create_table(
        "mandate_scope",
        sa.Column(
            "mandate_id",
            sa.Integer,
            sa.ForeignKey("mandate.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("scope", sa.String, primary_key=True),
        sa.Column("revoked_at", sa.DateTime),
    )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("entity", sa.String, nullable=False),
        sa.Column("ref", sa.String),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.create_index("ix_audit_event_at", "audit_event", ["at"])
    op.create_index("ix_audit_event_action", "audit_event", ["action"])
    op.create_index("ix_audit_event_ref", "audit_event", ["ref"])

    # History tables are append-only: the database itself refuses to rewrite them.
    for table in _APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    for table in _APPEND_ONLY:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for table in (
        "audit_event",
        "mandate_scope",
        "mandate",
        "consent_event",
        "consent",
        "activity_participant",
        "activity",
        "beneficiary",
    ):
        op.drop_table(table)
