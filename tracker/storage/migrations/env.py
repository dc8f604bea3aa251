"""Alembic's entry point for the tracker's migrations.

They run only on the connection the tracker hands over (``Database.upgrade``): inside its
one write transaction, under the schema lock, so that an upgrade is all or nothing and two
processes never upgrade at once. Run them with ``python -m tracker db upgrade``.
"""

from alembic import context

from tracker.storage import accounts, ledger, tasks  # noqa: F401  each store puts its tables on the one MetaData
from tracker.storage.database import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the tracker's migrations run through `python -m tracker db upgrade`")

context.configure(connection=connection, target_metadata=metadata, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
