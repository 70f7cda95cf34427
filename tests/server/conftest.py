"""The real server on 127.0.0.1 (uvicorn in a thread), on SQLite and on PostgreSQL.

PostgreSQL: the one listening on 127.0.0.1:5432 (user postgres, database test, trust
auth; or $FABLAB_KIOSK_TEST_POSTGRES), each test in a fresh schema dropped at the end.
Without it the PostgreSQL cases are skipped with the reason shown by ``-ra``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from sqlalchemy import Engine, text

from kiosk.server.accounts import add_kiosk
from kiosk.server.background import ServerThread
from kiosk.server.db import make_engine, migrate
from kiosk.server.settings import ServerSettings

POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
UNREACHABLE = "PostgreSQL not reachable on 127.0.0.1:5432"


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def postgres_reachable() -> bool:
    try:
        with psycopg.connect(_libpq(POSTGRES), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def new_postgres_schema() -> tuple[str, Callable[[], None]]:
    """A URL whose connections see only a fresh schema, and the function dropping it."""
    if not postgres_reachable():
        pytest.skip(UNREACHABLE)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(POSTGRES), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(_libpq(POSTGRES), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}", drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    url, drop = new_postgres_schema()
    try:
        yield url
    finally:
        drop()


@dataclass
class Running:
    """A started server, its database, and helpers to talk to both."""

    url: str
    settings: ServerSettings
    engine: Engine
    tokens: dict[str, str] = field(default_factory=dict)

    def add_kiosk(self, name: str) -> str:
        with self.engine.begin() as conn, _session(conn) as session:
            _kiosk, token = add_kiosk(session, name)
        self.tokens[name] = token
        return token

    def push(self, token: str, events: list[dict[str, Any]], **kw: Any) -> requests.Response:
        return requests.post(
            f"{self.url}/api/v1/events",
            json={"events": events},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
            **kw,
        )

    def pull(self, token: str, since: int = 0, limit: int | None = None) -> requests.Response:
        params = {"since": since} | ({"limit": limit} if limit else {})
        return requests.get(
            f"{self.url}/api/v1/changes",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())


def _session(conn: Any) -> Any:
    from sqlalchemy.orm import Session

    return Session(bind=conn)


@pytest.fixture
def start_server(database_url: str) -> Iterator[Callable[..., Running]]:
    """``start_server(rate_per_minute=3)``: a real server on 127.0.0.1 with these settings."""
    started: list[tuple[ServerThread, Engine]] = []

    def start(**overrides: Any) -> Running:
        settings = replace(ServerSettings(database_url=database_url), **overrides)
        thread = ServerThread(settings).start()
        engine = make_engine(database_url)
        started.append((thread, engine))
        return Running(thread.url, settings, engine)

    yield start
    for thread, engine in started:
        thread.stop()
        engine.dispose()


@pytest.fixture
def server(start_server: Callable[..., Running]) -> Running:
    return start_server()


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """The server database migrated, without a server (for the plain-function tests)."""
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()
