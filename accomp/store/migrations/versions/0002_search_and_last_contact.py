"""Search key (accent- and case-folded names, phone digits, e-mail) and last contact
date on beneficiaries, filled from the data already in the vault.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from accomp.domain.text import search_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiary") as batch:
        batch.add_column(sa.Column("search_key", sa.String, nullable=False, server_default=""))
        batch.add_column(sa.Column("last_contact", sa.Date))
        batch.create_index("ix_beneficiary_search_key", ["search_key"])
        batch.create_index("ix_beneficiary_last_contact", ["last_contact"])

    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, first_name, last_name, phone, email FROM beneficiary")
    ).all()
    for row in rows:
        conn.execute(
            sa.text("UPDATE beneficiary SET search_key = :k WHERE id = :id"),
            {"k": search_key(row.first_name, row.last_name, row.phone, row.email), "id": row.id},
        )
    conn.execute(
        sa.text(
            "UPDATE beneficiary SET last_contact = ("
            " SELECT max(d) FROM ("
            "  SELECT a.date AS d FROM activity a WHERE a.beneficiary_id = beneficiary.id"
            "  UNION ALL"
            "  SELECT a.date FROM activity a JOIN activity_participant p ON p.activity_id = a.id"
            "  WHERE p.beneficiary_id = beneficiary.id))"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("beneficiary") as batch:
        batch.drop_index("ix_beneficiary_last_contact")
        batch.drop_index("ix_beneficiary_search_key")
        batch.drop_column("last_contact")
        batch.drop_column("search_key")
