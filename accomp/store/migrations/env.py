"""Alembic environment, run programmatically at unlock with a live connection."""

from alembic import context
from sqlmodel import SQLModel

from accomp.store import tables  # noqa: F401  (registers the tables' metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
