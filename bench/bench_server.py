"""Server ingest: 5 kiosks pushing visit events at once, and one kiosk pushing 10,000.

The real server (uvicorn in a thread, real HTTP with requests) on a SQLite file, and
on PostgreSQL when one listens on 127.0.0.1:5432 (a fresh schema, dropped at the end).
Exits non-zero when a push fails (an error, an event not applied) or the server does
not end up holding every visit once: the figures of a run that lost events are not figures.
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


def pushed_by(failures: list[str], url: str, token: str, events: list[dict[str, Any]]) -> None:
    """push_all in a thread: what went wrong is kept for the main thread to see."""
    try:
        push_all(url, token, events)
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {exc}"[:300])


def push_all(url: str, token: str, events: list[dict[str, Any]]) -> None:
    with requests.Session() as http:
        http.headers["Authorization"] = f"Bearer {token}"
        for i in range(0, len(events), BATCH):
            reply = http.post(
                f"{url}/api/v1/events", json={"events": events[i : i + BATCH]}, timeout=120
            )
            reply.raise_for_status()
            refused = [r for r in reply.json()["results"] if r["status"] != "applied"]
            if refused:
                raise RuntimeError(f"{len(refused)} events not applied, first: {refused[0]}")


def tokens(database_url: str, names: list[str]) -> list[str]:
    from sqlalchemy.orm import Session

    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        made = [add_kiosk(session, name)[1] for name in names]
    engine.dispose()
    return made


def bench(label: str, database_url: str) -> bool:
    """The figures printed; whether every push went through and every visit is stored once."""
    settings = ServerSettings(database_url=database_url, rate_per_minute=100_000)
    names = [f"kiosk-{i}" for i in range(KIOSKS)] + ["solo"]
    made = tokens(database_url, names)
    loads = [visit_events(PER_KIOSK) for _ in range(KIOSKS)]
    solo = visit_events(SOLO)
    with ServerThread(settings) as server:
        failures: list[str] = []
        threads = [
            threading.Thread(target=pushed_by, args=(failures, server.url, token, events))
            for token, events in zip(made, loads, strict=False)
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        together = time.perf_counter() - start
        start = time.perf_counter()
        pushed_by(failures, server.url, made[-1], solo)
        alone = time.perf_counter() - start
    stored = stored_visits(database_url)
    total = KIOSKS * PER_KIOSK
    print(
        f"{label:<11} {KIOSKS} kiosks x {PER_KIOSK} events at once (batches of {BATCH}): "
        f"{total} events in {together:6.2f} s = {total / together:7.0f} events/s"
    )
    print(
        f"{label:<11} 1 kiosk, {SOLO} events (batches of {BATCH}):"
        f"{'':19}{SOLO} events in {alone:6.2f} s = {SOLO / alone:7.0f} events/s"
    )
    expected = total + SOLO
    ok = not failures and stored == expected
    print(
        f"{label:<11} {stored} visits stored of {expected} sent, {len(failures)} failed pushes"
        f" -> {'PASS' if ok else 'FAIL'}"
    )
    for failure in failures[:3]:
        print(f"{'':12}{failure}")
    return ok


def stored_visits(database_url: str) -> int:
    """Distinct visits the server holds (each sent once: as many as were sent)."""
    from sqlalchemy import text

    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(DISTINCT id) FROM visit")).scalar_one())
    finally:
        engine.dispose()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_ok = bench("SQLite", f"sqlite:///{Path(tmp) / 'server.sqlite3'}")
    try:
        import psycopg

        libpq = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(libpq, connect_timeout=3):
            pass
    except Exception as exc:  # no PostgreSQL here: say so, the SQLite figures stand
        print(f"PostgreSQL  skipped: not reachable on 127.0.0.1:5432 ({type(exc).__name__})")
        return 0 if sqlite_ok else 1
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in POSTGRES else "?"
        postgres_ok = bench("PostgreSQL", f"{POSTGRES}{sep}options=-csearch_path%3D{schema}")
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return 0 if sqlite_ok and postgres_ok else 1


if __name__ == "__main__":
    sys.exit(main())
