"""The activity kind takes the national tool's keys (La Coop de la médiation
numérique): `Individuel` / `Collectif`, the Prisma enum names, instead of their
lowercase database values. Every other stored key already was the Coop's; the
duration buckets are computed, never stored.

Plain UPDATE (no batch copy): the table keeps its triggers and indexes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_KINDS = (("individuel", "Individuel"), ("collectif", "Collectif"))


def upgrade() -> None:
    for old, new in _KINDS:
        op.execute(f"UPDATE activity SET kind = '{new}' WHERE kind = '{old}'")  # noqa: S608


def downgrade() -> None:
    for old, new in _KINDS:
        op.execute(f"UPDATE activity SET kind = '{old}' WHERE kind = '{new}'")  # noqa: S608
