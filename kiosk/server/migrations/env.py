"""Alembic environment of the server: the engine comes from kiosk.server.db."""

from alembic import context
from sqlalchemy import create_engine

from kiosk.server.models import Base
from kiosk.server.workshops import tables as _workshop_tables  # noqa: F401  (their metadata)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic revision --autogenerate` from a shell
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3")

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
