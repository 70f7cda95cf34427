"""The kiosk's SQLite database: engine, pragmas, sessions and migrations at start.

WAL lets the camera worker read while the GUI writes; ``synchronous=FULL`` because a
visit recorded at the door must survive a power cut; the busy timeout covers the CLI
and the kiosk touching the same file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per upgrade is ours


def sqlite_pragmas(dbapi_connection: Any, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """WAL, FULL sync, foreign keys and a busy timeout on a new SQLite connection (the
    kiosk's and the server's databases alike)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    sqlite_pragmas(dbapi_connection)


def make_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


# Alembic is imported only when a schema must change: it costs ~130 ms of the kiosk's
# start-up, and on a normal start the database is already at the newest revision.
# Revisions are numbered 0001, 0002... in a single line (kept so by a test).
VERSIONS = MIGRATIONS / "versions"


def latest_revision() -> str | None:
    """The newest revision id, from the file names (no Alembic needed)."""
    ids = [p.name.split("_", 1)[0] for p in VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py")]
    return max(ids) if ids else None


def stored_revision(engine: Engine) -> str | None:
    """The revision the database says it is at (None for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(engine: Engine, migrations: Path = MIGRATIONS) -> AlembicConfig:
    """Alembic run on *engine* with the scripts in *migrations* (the kiosk's by default;
    the central server passes its own)."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine, migrations: Path = MIGRATIONS) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine, migrations)).get_current_head()


def migrate(engine: Engine) -> bool:
    """Bring the database to the newest schema; True when something was applied."""
    if stored_revision(engine) == latest_revision():
        return False
    from alembic import command

    current, head = current_revision(engine), head_revision(engine)
    if current == head:
        return False
    log.info("upgrading the database %s from %s to %s", engine.url.database, current, head)
    command.upgrade(alembic_config(engine), "head")
    return True


def open_database(
    path: Path, after_upgrade: Callable[[sessionmaker[Session]], None] | None = None
) -> sessionmaker[Session]:
    """Open (creating and upgrading as needed) the kiosk database at *path*;
    *after_upgrade* runs once when a migration was applied (data only Python can fill)."""
    engine = make_engine(path)
    upgraded = migrate(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    if upgraded and after_upgrade is not None:
        after_upgrade(sessions)
    return sessions


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error.

    On SQLite it starts with ``BEGIN IMMEDIATE``: the write lock is taken before the
    first read, so a decision made on what was read (is this member in? then check
    them out) cannot be made twice by two processes at once (the kiosk, the CLI, a
    second kiosk process); the other one waits for its turn (the busy timeout). Python's
    sqlite3 would otherwise run the reads outside any transaction and begin only at the
    first write. Plain reads (``factory()``) stay lock-free under WAL.
    """
    with factory() as session, session.begin():
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            dbapi = connection.connection.dbapi_connection
            # The server's engine already began one (its "begin" event); the kiosk's not yet.
            if dbapi is not None and not dbapi.in_transaction:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield session
