"""Sync benchmark: 10,000 visits waiting in a kiosk's outbox flushed to a real server.

Run with ``python bench/bench_sync.py`` (or ``make bench``). The server runs in a thread
on 127.0.0.1 (uvicorn), on SQLite and, when it answers on 127.0.0.1:5432, PostgreSQL
(a scratch schema, dropped after). Prints the time and visits per second, the part of
the time spent waiting for the server's replies, and PASS/FAIL against 10 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from kiosk.checkin import count_guests  # noqa: E402
from kiosk.server.accounts import add_kiosk  # noqa: E402
from kiosk.server.background import ServerThread  # noqa: E402
from kiosk.server.db import make_engine, migrate  # noqa: E402
from kiosk.server.settings import ServerSettings  # noqa: E402
from kiosk.site import init_site  # noqa: E402
from kiosk.sync import SyncClient, connect, flush_outbox  # noqa: E402

VISITS = 10_000
TARGET_S = 10.0
POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


class TimedClient(SyncClient):
    waited = 0.0

    def push(self, events: list[dict]) -> list[dict]:  # type: ignore[type-arg]
        start = time.perf_counter()
        try:
            return super().push(events)
        finally:
            self.waited += time.perf_counter() - start


def run(label: str, database_url: str, work: Path) -> bool:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        _kiosk, token = add_kiosk(session, "door")
        session.commit()
    site = init_site(work / label, "Bench")
    now = site.now()
    with site.transaction() as session:
        for _ in range(VISITS):
            count_guests(session, site.settings, head_count=1, now=now)
    with ServerThread(ServerSettings(database_url=database_url, rate_per_minute=10_000)) as srv:
        connect(site, srv.url, token)
        client = TimedClient(srv.url, token)
        start = time.perf_counter()
        result = flush_outbox(site.sessions, client)
        elapsed = time.perf_counter() - start
    engine.dispose()
    ok = result.sent == VISITS and result.remaining == 0 and elapsed < TARGET_S
    print(
        f"{label:<10} {VISITS:,} visits in {elapsed:5.2f} s = {VISITS / elapsed:7,.0f} visits/s"
        f"  (waiting for the server {client.waited:5.2f} s, kiosk side"
        f" {elapsed - client.waited:4.2f} s; sent {result.sent:,}, error {result.error})"
        f"  {'PASS' if ok else 'FAIL'} (target < {TARGET_S:.0f} s)"
    )
    return ok


def postgres_schema() -> tuple[str, object] | None:
    try:
        import psycopg
    except ImportError:
        return None
    libpq = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        psycopg.connect(libpq, connect_timeout=3).close()
    except psycopg.Error:
        return None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}", drop


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results.append(run("sqlite", f"sqlite:///{work / 'server.sqlite3'}", work))
        pg = postgres_schema()
        if pg is None:
            print("postgresql not reachable on 127.0.0.1:5432: skipped")
        else:
            url, drop = pg
            try:
                results.append(run("postgresql", url, work))
            finally:
                drop()  # type: ignore[operator]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
