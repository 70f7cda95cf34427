"""Server ingest: 5 kiosks pushing visit events at once, and one kiosk pushing 10,000.

The real server (uvicorn in a thread, real HTTP with requests) on a SQLite file, and
on PostgreSQL when one listens on 127.0.0.1:5432 (a fresh schema, dropped at the end).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from kiosk.server.accounts import add_kiosk
from kiosk.server.background import ServerThread
from kiosk.server.db import make_engine, migrate
from kiosk.server.settings import ServerSettings

KIOSKS, PER_KIOSK, BATCH, SOLO = 5, 2000, 500, 10_000
POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
T0 = datetime(2026, 11, 25, 8, tzinfo=UTC)


def visit_events(count: int) -> list[dict[str, Any]]:
    events = []
    for i in range(count):
        at = T0 + timedelta(seconds=i)
        payload = {
            "id": str(uuid.uuid4()),
            "member_id": str(uuid.uuid4()),
            "space": "fablab",
            "purpose": None,
            "checked_in_at": at.isoformat(),
            "checked_out_at": None,
            "method": "badge",
            "head_count": 1,
            "auto_closed": False,
        }
        events.append(
            {
                "id": str(uuid.uuid4()),
                "kind": "visit",
                "occurred_at": at.isoformat(),
                "payload": payload,
            }
        )
    return events


def push_all(url: str, token: str, events: list[dict[str, Any]]) -> None:
    with requests.Session() as http:
        http.headers["Authorization"] = f"Bearer {token}"
        for i in range(0, len(events), BATCH):
            reply = http.post(
                f"{url}/api/v1/events", json={"events": events[i : i + BATCH]}, timeout=120
            )
            reply.raise_for_status()
            assert all(r["status"] == "applied" for r in reply.json()["results"])


def tokens(database_url: str, names: list[str]) -> list[str]:
    from sqlalchemy.orm import Session

    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        made = [add_kiosk(session, name)[1] for name in names]
    engine.dispose()
    return made


def bench(label: str, database_url: str) -> None:
    settings = ServerSettings(database_url=database_url, rate_per_minute=100_000)
    names = [f"kiosk-{i}" for i in range(KIOSKS)] + ["solo"]
    made = tokens(database_url, names)
    loads = [visit_events(PER_KIOSK) for _ in range(KIOSKS)]
    solo = visit_events(SOLO)
    with ServerThread(settings) as server:
        threads = [
            threading.Thread(target=push_all, args=(server.url, token, events))
            for token, events in zip(made, loads, strict=False)
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        together = time.perf_counter() - start
        start = time.perf_counter()
        push_all(server.url, made[-1], solo)
        alone = time.perf_counter() - start
    total = KIOSKS * PER_KIOSK
    print(
        f"{label:<11} {KIOSKS} kiosks x {PER_KIOSK} events at once (batches of {BATCH}): "
        f"{total} events in {together:6.2f} s = {total / together:7.0f} events/s"
    )
    print(
        f"{label:<11} 1 kiosk, {SOLO} events (batches of {BATCH}):"
        f"{'':19}{SOLO} events in {alone:6.2f} s = {SOLO / alone:7.0f} events/s"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bench("SQLite", f"sqlite:///{Path(tmp) / 'server.sqlite3'}")
    try:
        import psycopg

        libpq = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(libpq, connect_timeout=3):
            pass
    except Exception as exc:  # no PostgreSQL here: say so, the SQLite figures stand
        print(f"PostgreSQL  skipped: not reachable on 127.0.0.1:5432 ({type(exc).__name__})")
        return 0
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in POSTGRES else "?"
        bench("PostgreSQL", f"{POSTGRES}{sep}options=-csearch_path%3D{schema}")
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
