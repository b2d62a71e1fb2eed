"""Privacy lifecycle: rectification history, purge register, journal checkpoints and
export records; the journal's DELETE trigger now lets a checkpointed prefix go.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# An event may only disappear once a checkpoint (append-only, signed) vouches for it:
# ordinary code still cannot delete a journal row, and pruning needs no DDL.
_AUDIT_DELETE = (
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "WHEN OLD.id > (SELECT coalesce(max(last_id), 0) FROM audit_checkpoint) "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
)
_AUDIT_DELETE_V1 = (
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
)


def _refuse(table: str, verb: str) -> str:
    return (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
    )


def upgrade() -> None:
    op.create_table(
        "rectification",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "beneficiary_id",
            sa.Integer,
            sa.ForeignKey("beneficiary.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("previous", sa.JSON, nullable=False),
    )
    op.create_index("ix_rectification_beneficiary_id", "rectification", ["beneficiary_id"])

    op.create_table(
        "purge_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("data_class", sa.String, nullable=False),
        sa.Column("ref", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("reference_date", sa.Date),
        sa.Column("actor", sa.String, nullable=False),
    )
    op.create_index("ix_purge_record_at", "purge_record", ["at"])

    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("first_id", sa.Integer, nullable=False),
        sa.Column("last_id", sa.Integer, nullable=False),
        sa.Column("last_hash", sa.String, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("prev_mac", sa.String, nullable=False),
        sa.Column("mac", sa.String, nullable=False),
    )

    op.create_table(
        "export_record",
        sa.Column("event_id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("ref", sa.String),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.create_index("ix_export_record_at", "export_record", ["at"])

    for table in ("purge_record", "audit_checkpoint"):
        op.execute(_refuse(table, "UPDATE"))
        op.execute(_refuse(table, "DELETE"))
    op.execute(_refuse("export_record", "UPDATE"))

    op.execute("DROP TRIGGER audit_event_no_delete")
    op.execute(_AUDIT_DELETE)


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_event_no_delete")
    op.execute(_AUDIT_DELETE_V1)
    op.execute("DROP TRIGGER IF EXISTS export_record_no_update")
    for table in ("purge_record", "audit_checkpoint"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    for table in ("export_record", "audit_checkpoint", "purge_record", "rectification"):
        op.drop_table(table)
