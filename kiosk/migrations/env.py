"""Alembic environment: the engine comes from kiosk.db (no alembic.ini needed)."""

from alembic import context
from sqlalchemy import create_engine

from kiosk.models import Base
from kiosk.workshops import models as _workshop_tables  # noqa: F401  (their tables join Base)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic revision --autogenerate` from a shell
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
