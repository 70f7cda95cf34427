"""The yearly report over 1,000,000 visits: on the kiosk's SQLite and the server's
PostgreSQL (when one listens on 127.0.0.1:5432; a fresh schema, dropped at the end).

A year of visits in opening hours (3,000 members, one visit in ten a guest group) is
written straight into the visit table, its days marked as the ingest marks them. Then:

- first report: every day is rebuilt from the visits (once, after a migration);
- report: the tallies are up to date (staff open the Reports tab again) -- target
  under 100 ms;
- after a day: 3,000 new visits today, then the report (the usual case: one day and
  its neighbours rebuilt) -- target under 100 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Table, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models import AGE_BRACKETS
from kiosk.reports.tally import TallyTables, mark_dirty, utc_day, visitor_key
from kiosk.reports.yearly import YearlyReport, report_from

VISITS = 1_000_000
TODAY = 3_000
MEMBERS = 3_000
YEAR = 2026
TZ = ZoneInfo("Europe/Paris")
TARGET_MS = 100.0  # a report, tallies up to date or after a day of new visits
POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SPACES = ("fablab", "coworking", "bio", "textile")
PURPOSES = ("project", "workshop", "coworking", "meeting", "discovery", None)


def member_list() -> list[tuple[str, str]]:
    rng = random.Random(0)
    return [
        (str(uuid.UUID(int=rng.getrandbits(128))), rng.choice(AGE_BRACKETS)) for _ in range(MEMBERS)
    ]


def member_rows(extra: dict[str, Any]) -> list[dict[str, Any]]:
    """The members, registered through the year (the kiosk's visits refer to them)."""
    rows = []
    for i, (member_id, age) in enumerate(member_list()):
        created = datetime(YEAR, 1, 1, tzinfo=UTC) + timedelta(hours=2 * i)
        rows.append(
            {
                "id": member_id,
                "short_code": f"{i:08d}",
                "first_name": f"M{i}",
                "age_bracket": age,
                "status": "active",
                "badge_version": 1,
                "erased": False,
                "staff": False,
                "created_at": created,
            }
            | extra
        )
    return rows


def visit_rows(count: int, start: datetime, days: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    members = member_list()
    secret = b"bench-secret"
    rows = []
    for _ in range(count):
        day = start + timedelta(days=rng.randrange(days))
        at = day.replace(hour=rng.randint(9, 21), minute=rng.randrange(60))
        guest = rng.random() < 0.1
        member_id, age = (None, None) if guest else rng.choice(members)
        rows.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "member_id": member_id,
                "space": rng.choice(SPACES),
                "purpose": rng.choice(PURPOSES),
                "checked_in_at": at.astimezone(UTC),
                "checked_out_at": (at + timedelta(hours=2)).astimezone(UTC),
                "method": "guest" if guest else "badge",
                "head_count": rng.randint(1, 6) if guest else 1,
                "auto_closed": False,
                "visitor": None if member_id is None else visitor_key(secret, member_id, YEAR),
                "age_bracket": age,
            }
        )
    return rows


def insert(
    sessions: sessionmaker[Session],
    visit: Table,
    tables: TallyTables,
    rows: list[dict[str, Any]],
    extra: dict[str, Any],
) -> None:
    for first in range(0, len(rows), 50_000):
        chunk = [row | extra for row in rows[first : first + 50_000]]
        with sessions() as session, session.begin():
            session.execute(visit.insert(), chunk)
            days = {utc_day(row["checked_in_at"]) for row in chunk}
            mark_dirty(session, tables, days, extra.get("site_id"))  # the server's: per site


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def measure(
    label: str,
    sessions: sessionmaker[Session],
    visit: Table,
    member: Table,
    tables: TallyTables,
    extra: dict[str, Any],
    member_extra: dict[str, Any],
    server_report: Callable[[], YearlyReport] | None = None,
) -> bool:
    """The figures printed; whether both report times (worst) are under the target.
    *server_report*: the server's (one site's), else the kiosk's from its tables."""
    start = datetime(YEAR, 1, 1, tzinfo=TZ)
    t0 = time.perf_counter()
    with sessions() as session, session.begin():
        session.execute(member.insert(), member_rows(member_extra))
    insert(sessions, visit, tables, visit_rows(VISITS, start, 330, seed=1), extra)
    print(f"{label}: {VISITS:,} visits written in {time.perf_counter() - t0:.1f} s")

    def report() -> YearlyReport:
        if server_report is not None:
            return server_report()
        return report_from(
            sessions,
            tables=tables,
            visit=visit,
            member=member,
            year=YEAR,
            tz=TZ,
            now=datetime.now(UTC),
            source="bench",
        )

    first = timed(report, 1)[0]
    data = report()
    assert data.visits >= VISITS, data.visits  # guests count their head count
    print(f"{label}: first report (every day rebuilt) {first:,.0f} ms")
    warm = timed(report, 20)
    print(
        f"{label}: report, tallies up to date: median {statistics.median(warm):.1f} ms, "
        f"worst {max(warm):.1f} ms (target < {TARGET_MS:.0f} ms): {verdict(max(warm))}"
    )
    after = []
    for i in range(5):
        today = datetime(YEAR, 11, 25 + i, tzinfo=TZ)
        insert(sessions, visit, tables, visit_rows(TODAY, today, 1, seed=10 + i), extra)
        after += timed(report, 1)
    print(
        f"{label}: report after a day of {TODAY:,} new visits: median "
        f"{statistics.median(after):.1f} ms, worst {max(after):.1f} ms "
        f"(target < {TARGET_MS:.0f} ms): {verdict(max(after))}"
    )
    print(
        f"{label}: {data.visits:,} people-visits, {data.unique_visitors:,} different "
        f"members counted"
    )
    return max(warm) < TARGET_MS and max(after) < TARGET_MS


def verdict(ms: float) -> str:
    return "PASS" if ms < TARGET_MS else "FAIL"


def kiosk_sqlite(folder: Path) -> bool:
    from kiosk.db import open_database
    from kiosk.models import TALLY, Member
    from kiosk.reports.yearly import VISIT_TABLE

    sessions = open_database(folder / "kiosk.sqlite3")
    member = Member.__table__
    assert isinstance(member, Table)
    now = {"updated_at": datetime.now(UTC)}
    return measure("kiosk SQLite", sessions, VISIT_TABLE, member, TALLY, {"kiosk_id": "door"}, now)


def server_postgres() -> bool:
    """True when it met the targets, or when no PostgreSQL answers (nothing to miss)."""
    import psycopg

    from kiosk.server.db import make_engine, migrate
    from kiosk.server.models import TALLY, Kiosk, Member, Visit
    from kiosk.server.report import site_report
    from kiosk.server.snapshots import table_of

    libpq = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        psycopg.connect(libpq, connect_timeout=3).close()
    except psycopg.Error:
        print("server PostgreSQL: not reachable on 127.0.0.1:5432, skipped")
        return True
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    engine: Engine | None = None
    try:
        sep = "&" if "?" in POSTGRES else "?"
        engine = make_engine(f"{POSTGRES}{sep}options=-csearch_path%3D{schema}")
        migrate(engine)
        sessions = sessionmaker(engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            site = session.execute(text("SELECT min(id) FROM site")).scalar_one()
            session.add(Kiosk(name="door", token_hash="x" * 64, site_id=site))
            session.flush()
            kiosk_id = session.execute(text("SELECT id FROM kiosk")).scalar_one()
        extra = {"kiosk_id": kiosk_id, "occurred_at": datetime.now(UTC), "site_id": site}
        ok = measure(
            "server PostgreSQL",
            sessions,
            table_of(Visit),
            table_of(Member),
            TALLY,
            extra,
            {"occurred_at": datetime.now(UTC), "site_id": site},
            lambda: site_report(sessions, site, YEAR, datetime.now(UTC)),
        )
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        if engine is not None:
            engine.dispose()
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return ok


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        kiosk_ok = kiosk_sqlite(Path(folder))
    server_ok = server_postgres()
    return 0 if kiosk_ok and server_ok else 1


if __name__ == "__main__":
    sys.exit(main())
