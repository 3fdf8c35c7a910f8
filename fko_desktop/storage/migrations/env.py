"""Alembic environment for a unit file.

The app runs migrations itself (``fko_desktop.storage.schema``) on an open connection handed
over in ``config.attributes["connection"]``; there is no alembic.ini and no URL to configure.
"""

from __future__ import annotations

from alembic import context

from fko_desktop.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when run by hand without the app
    raise RuntimeError("run migrations through fko_desktop.storage.schema.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
