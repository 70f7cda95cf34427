"""End-to-end sync: a kiosk site and the real server (uvicorn in a thread on 127.0.0.1),
on SQLite and, when it answers on 127.0.0.1:5432, PostgreSQL (a fresh schema per test).
A small HTTP relay between them plays what the network does wrong (a lost reply, a
proxy answering 502). Every test ends with :func:`Pair.assert_exactly_once`.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from kiosk.checkin import count_guests
from kiosk.models import OutboxEvent, Visit
from kiosk.server.accounts import add_kiosk
from kiosk.server.background import ServerThread
from kiosk.server.db import make_engine, migrate
from kiosk.server.settings import ServerSettings
from kiosk.site import Site, init_site
from kiosk.sync import connect

psycopg = pytest.importorskip("psycopg")
POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    try:
        psycopg.connect(_libpq(POSTGRES), connect_timeout=3).close()
    except psycopg.Error:
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(POSTGRES), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(_libpq(POSTGRES), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


MINE = (
    "SELECT a.event_id FROM applied_event a JOIN kiosk k ON k.id = a.kiosk_id WHERE k.name = 'door'"
)


@dataclass
class Pair:
    """One kiosk site and its server (started, stopped and restarted at will)."""

    site: Site
    database_url: str
    engine: Engine
    token: str
    port: int
    settings: dict[str, Any] = field(default_factory=dict)
    thread: ServerThread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, **settings: Any) -> None:
        config = ServerSettings(database_url=self.database_url, **(self.settings | settings))
        self.thread = ServerThread(config, port=self.port).start()

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    def backlog(self, visits: int) -> None:
        """*visits* guest visits recorded by the kiosk (one transaction per 1,000)."""
        now = self.site.now()
        for start in range(0, visits, 1000):
            with self.site.transaction() as session:
                for _ in range(min(1000, visits - start)):
                    count_guests(session, self.site.settings, head_count=2, now=now)

    def server_visits(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM visit")).scalar_one())

    def assert_exactly_once(self) -> None:
        """Every visit on the server exactly once, none lost on the kiosk."""
        with self.site.sessions() as session:
            kiosk_visits = set(session.scalars(select(Visit.id)))
            outbox = {e.id: e for e in session.scalars(select(OutboxEvent))}
        assert all(e.sent_at is not None for e in outbox.values()), "events still waiting"
        assert not [e for e in outbox.values() if e.rejected_at is not None], "rejected"
        with self.engine.connect() as conn:
            server_visits = [r[0] for r in conn.execute(text("SELECT id FROM visit"))]
            applied = [r[0] for r in conn.execute(text(MINE))]
            snapshots = {r[0]: r[1] for r in conn.execute(text("SELECT id, head_count FROM visit"))}
        assert len(server_visits) == len(set(server_visits)) == len(kiosk_visits)
        assert set(server_visits) == kiosk_visits
        assert len(applied) == len(set(applied)) and set(applied) == set(outbox)
        assert all(count == 2 for count in snapshots.values())


@pytest.fixture
def pair(database_url: str, tmp_path: Path) -> Iterator[Pair]:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        _kiosk, token = add_kiosk(session, "door")
        session.commit()
    site = init_site(tmp_path / "kiosk", "Fablab")
    made = Pair(site, database_url, engine, token, free_port())
    connect(site, made.url, token)
    yield made
    made.stop()
    engine.dispose()


@dataclass
class Relay:
    """Between kiosk and server: forwards, or answers 502, or forwards then hangs up."""

    upstream: str
    # "502", "lose", "429-for-a-century" (429 with Retry-After: 100 years); then forwards
    faults: list[str] = field(default_factory=list)
    seen: int = 0
    url: str = ""


@pytest.fixture
def relay(pair: Pair) -> Iterator[Relay]:
    state = Relay(pair.url)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _relay(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            fault = state.faults.pop(0) if state.faults and self.command == "POST" else None
            state.seen += 1
            if fault in ("502", "429-for-a-century"):
                data = json.dumps({"detail": "bad gateway"}).encode()
                self.send_response(502 if fault == "502" else 429)
                if fault == "429-for-a-century":
                    self.send_header("Retry-After", str(100 * 365 * 86400))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            answer = requests.request(
                self.command, state.upstream + self.path, data=body, headers=headers, timeout=60
            )
            if fault == "lose":  # the server committed; the reply never reaches the kiosk
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(answer.status_code)
            for key, value in answer.headers.items():
                if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = _relay

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    connect(pair.site, state.url, pair.token)
    yield state
    httpd.shutdown()
    httpd.server_close()
