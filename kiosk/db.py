"""The kiosk's SQLite database: engine, pragmas, sessions and migrations at start.

WAL lets the camera worker read while the GUI writes; ``synchronous=FULL`` because a
visit recorded at the door must survive a power cut; the busy timeout covers the CLI
and the kiosk touching the same file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per upgrade is ours


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def migrate(engine: Engine) -> bool:
    """Bring the database to the newest schema; True when something was applied."""
    current, head = current_revision(engine), head_revision(engine)
    if current == head:
        return False
    log.info("upgrading the database %s from %s to %s", engine.url.database, current, head)
    command.upgrade(alembic_config(engine), "head")
    return True


def open_database(path: Path) -> sessionmaker[Session]:
    """Open (creating and upgrading as needed) the kiosk database at *path*."""
    engine = make_engine(path)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    with factory() as session, session.begin():
        yield session
