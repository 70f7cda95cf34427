"""One kiosk's site, opened: its settings, its signing secret and its database.

``ui/app.py`` and the CLI both start here; screens get what they need from it passed
in their constructor (no global).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.badges import make_token
from kiosk.config import ConfigError, DataDir, Settings, Space, new_site_id, restore_key
from kiosk.db import open_database, transaction
from kiosk.models import Member, utcnow
from kiosk.storage import DatabaseUnusable, StorageFault, check_database_file, classify, explain

DEFAULT_SPACES = (
    Space("fablab", {"fr": "Fab lab", "en": "Fab lab"}),
    Space("coworking", {"fr": "Coworking", "en": "Coworking"}),
)


@dataclass
class Site:
    data_dir: DataDir
    settings: Settings
    secret: bytes
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with transaction(self.sessions) as session:
            yield session

    def now(self) -> datetime:
        return utcnow()

    def today(self) -> date:
        return self.now().astimezone(self.settings.tz).date()

    def badge_token(self, member: Member) -> str:
        return make_token(
            self.secret, self.settings.site_id, member.short_code, member.badge_version
        )


class SiteExists(FileExistsError):
    pass


class StorageUnavailable(ConfigError):
    """The database could not be opened: a full disk, a file this user may not write."""


def init_site(path: Path, name: str, settings: Settings | None = None) -> Site:
    """Make a new site in *path*: config, per-site secret, database. Never overwrites."""
    data_dir = DataDir(path)
    if data_dir.config_file.exists() and not data_dir.secret_file.exists():
        raise SiteExists(
            f"{path} already holds a kiosk, but its site.key is missing: {restore_key(path)}"
        )
    if data_dir.config_file.exists() or data_dir.secret_file.exists():
        raise SiteExists(f"{path} already holds a kiosk (config.toml or site.key)")
    if settings is None:
        settings = Settings(
            site_name=name, site_id=new_site_id(), spaces=DEFAULT_SPACES, default_space="fablab"
        )
    else:
        settings = replace(settings, site_name=name)
    data_dir.save_settings(settings)
    data_dir.create_secret()
    return open_site(path, new=True)


def open_site(path: Path, *, new: bool = False) -> Site:
    """Open an existing site; its database is upgraded as needed.

    Only a *new* site (``init``) gets a new database: once the site exists, a missing,
    empty, cut-short or unreadable ``kiosk.sqlite3`` raises :class:`DatabaseUnusable`
    (the kiosk does not start with no members; ``backup restore`` brings it back), and a
    full disk or a file this user may not write raises :class:`StorageUnavailable`.
    """
    data_dir = DataDir(path)
    settings = data_dir.load_settings()
    secret = data_dir.load_secret()
    database = data_dir.database_file
    if not new:
        check_database_file(database)

    def after_upgrade(sessions: sessionmaker[Session]) -> None:
        from kiosk.reports.yearly import backfill_visit_facts

        backfill_visit_facts(sessions, secret, settings.tz)

    try:
        sessions = open_database(database, after_upgrade)
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        fault = classify(exc, database)
        if fault is StorageFault.DAMAGED:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise DatabaseUnusable(
                fault, database, f"the kiosk database {database} is damaged ({reason})"
            ) from exc
        raise StorageUnavailable(explain(exc, database)) from exc
    return Site(data_dir, settings, secret, sessions)
