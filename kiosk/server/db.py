"""The server's database: engine (SQLite or PostgreSQL), sessions, migrations at start.

SQLite is the embedded default, with the kiosk's pragmas (WAL, foreign keys, a busy
timeout) and ``BEGIN IMMEDIATE`` transactions: the server writes from several threads,
and a deferred transaction that reads first and writes later can fail with "database
is locked" instead of waiting its turn. PostgreSQL (``postgresql+psycopg://``) is the
production database; its connections are checked before use (``pool_pre_ping``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Connection, Engine, Table, create_engine, event, make_url, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import alembic_config, current_revision, head_revision, sqlite_pragmas
from kiosk.server.models import Base
from kiosk.server.workshops import tables as _workshop_tables  # noqa: F401  (their metadata)

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000  # five kiosks pushing at once queue up behind one writer
# each server process's connections, and the requests it works on at once (the others
# wait their turn: kiosk.server.limits.RequestsAtOnce): never more requests than
# connections, as one request may hold two for a moment
POOL_SIZE, POOL_OVERFLOW = 10, 10
REQUESTS_AT_ONCE = (POOL_SIZE + POOL_OVERFLOW) // 2
log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    sqlite_pragmas(dbapi_connection, BUSY_TIMEOUT_MS)
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        in_memory = not parsed.database or parsed.database == ":memory:"
        pool = {} if in_memory else {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        engine = create_engine(
            parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_pre_ping=True, **pool
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        parsed, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
    )


def shown_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


MIGRATION_LOCK = 7250503  # advisory lock: one server process migrates at a time


def migrate(engine: Engine) -> bool:
    """Bring the database to the newest schema; True when something was applied.

    Every server process migrates at start; on PostgreSQL they take turns (an advisory
    lock held on a connection of its own), so two workers or two machines started at
    once on a new database do not both create its tables: the second finds it done.
    """
    from alembic import command

    with _one_migration_at_a_time(engine):
        current, head = current_revision(engine), head_revision(engine, MIGRATIONS)
        if current == head:
            return False
        log.info("upgrading the server database %s from %s to %s", shown_url(engine), current, head)
        command.upgrade(alembic_config(engine, MIGRATIONS), "head")
        return True


@contextmanager
def _one_migration_at_a_time(engine: Engine) -> Iterator[None]:
    if engine.dialect.name != "postgresql":
        yield  # SQLite: BEGIN IMMEDIATE already lets one writer in at a time
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()


def schema_differences(engine: Engine) -> list[Any]:
    """What the migrated database lacks compared with the models (empty when in step)."""
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def open_server_database(url: str) -> tuple[Engine, sessionmaker[Session]]:
    """Open (creating and upgrading as needed) the server database at *url*."""
    engine = make_engine(url)
    migrate(engine)
    return engine, sessionmaker(engine, expire_on_commit=False)


def check_database(session: Session) -> None:
    session.execute(text("SELECT 1"))


def serialize_changes(session: Session) -> None:
    """Hold, until this transaction ends, the lock that orders appends to ``change``.

    A reader must never see ``seq`` 12 committed while 11 is still in flight, or its
    cursor would jump over 11 for good. On PostgreSQL an advisory transaction lock makes
    the change appenders commit in ``seq`` order; SQLite has one writer at a time anyway.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7250501)"))


def insert_new_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], key_columns: list[Column[Any]]
) -> set[tuple[Any, ...]]:
    """Insert *rows*, skipping those whose key is already taken; the keys inserted.

    ``INSERT ... ON CONFLICT DO NOTHING RETURNING`` (PostgreSQL and SQLite alike): on
    PostgreSQL a key another transaction has just inserted waits for it to end, then is
    skipped if it committed. The rows go in key order, so two requests inserting the
    same keys wait for each other in one direction only. Sent in pages by SQLAlchemy's
    "insertmanyvalues" (many rows per statement).
    """
    if not rows:
        return set()
    names = [column.name for column in key_columns]
    ordered = sorted(rows, key=lambda row: tuple(row[name] for name in names))
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(table).on_conflict_do_nothing(index_elements=key_columns).returning(*key_columns)
    )
    result = session.connection().execute(statement, ordered)
    return {tuple(row) for row in result}
