"""The network's yearly report on PostgreSQL: 500 sites x 3,000 visits a year (1.5
million visits), sites in four time zones, one kiosk and 200 members each, one visit in
ten a guest group, one in fifty a member of another site. In a fresh schema of
$FABLAB_KIOSK_TEST_POSTGRES (skipped, saying so, when it is unset), dropped at the end.

The visits are written by the database itself (``INSERT ... SELECT generate_series``),
their days marked as the ingest marks them. Then:

- first report: every site's days rebuilt and its years packed (once, after the
  upgrade to migration 0007);
- report, tallies up to date: the median of several runs -- target under 200 ms;
- after new visits at 10 sites: their days rebuilt, then the report (shown).

Exits 1 when the median is over the target.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

SITES = 500
VISITS_PER_SITE = 3_000
MEMBERS_PER_SITE = 200
YEAR = 2026
RUNS = 9
TARGET_MS = 200.0
ZONES = ("Europe/Paris", "America/Montreal", "Indian/Reunion", "Pacific/Noumea")


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def fill(sessions: sessionmaker[Session]) -> None:
    """500 sites, a kiosk and 200 members each, 3,000 visits each in 2026."""
    from kiosk.models import AGE_BRACKETS

    ages = "ARRAY[" + ",".join(f"'{a}'" for a in AGE_BRACKETS) + "]"
    zones = "ARRAY[" + ",".join(f"'{z}'" for z in ZONES) + "]"
    n_ages = len(AGE_BRACKETS)
    with sessions() as session, session.begin():
        have = session.execute(text("SELECT count(*) FROM site")).scalar_one()
        session.execute(
            text(
                f"INSERT INTO site (name, code, timezone, created_at) "
                f"SELECT 'site-' || lpad(g::text, 3, '0'), NULL, ({zones})[1 + g % 4], now() "
                f"FROM generate_series({have + 1}, {SITES}) g"
            )
        )
        session.execute(
            text(
                "INSERT INTO kiosk (name, token_hash, created_at, site_id) "
                "SELECT 'door-' || id, md5('k' || id) || md5('t' || id), now(), id FROM site"
            )
        )
        session.execute(
            text(
                "INSERT INTO member (site_id, id, short_code, first_name, age_bracket, status, "
                "badge_version, erased, staff, created_at, occurred_at) "
                "SELECT s.id, md5('m' || s.id || '-' || g)::uuid::text, "
                "lpad(g::text, 8, '0'), 'M' || g, "
                f"({ages})[1 + g % {n_ages}], 'active', 1, false, false, "
                f"timestamp '{YEAR - 1}-06-01' + (g * 2) * interval '1 day', now() "
                f"FROM site s CROSS JOIN generate_series(1, {MEMBERS_PER_SITE}) g"
            )
        )
    with sessions() as session, session.begin():
        guest = "g % 10 = 0"
        member = f"md5('m' || k.site_id || '-' || (1 + g % {MEMBERS_PER_SITE}))::uuid::text"
        at = (
            f"(timestamp '{YEAR}-01-01 08:00' + ((g * 7919) % 363) * interval '1 day' "
            "+ ((g * 31) % 720) * interval '1 minute')"
        )
        session.execute(
            text(
                "INSERT INTO visit (site_id, id, kiosk_id, member_id, space, purpose, "
                "checked_in_at, checked_out_at, method, head_count, auto_closed, visitor, "
                "age_bracket, occurred_at, home_site_id) "
                "SELECT k.site_id, md5('v' || k.site_id || '-' || g)::uuid::text, k.id, "
                f"CASE WHEN {guest} THEN NULL ELSE {member} END, "
                "(ARRAY['fablab','coworking','bio','textile'])[1 + g % 4], NULL, "
                f"{at}, {at} + interval '2 hours', "
                f"CASE WHEN {guest} THEN 'guest' ELSE 'badge' END, "
                f"CASE WHEN {guest} THEN 1 + g % 5 ELSE 1 END, false, "
                f"CASE WHEN {guest} THEN NULL ELSE substr(md5({member}), 1, 24) END, "
                f"CASE WHEN {guest} THEN NULL ELSE ({ages})[1 + g % {n_ages}] END, {at}, "
                f"CASE WHEN g % 50 = 1 THEN 1 + k.site_id % {SITES} ELSE NULL END "
                f"FROM kiosk k CROSS JOIN generate_series(1, {VISITS_PER_SITE}) g"
            )
        )
        session.execute(
            text(
                "INSERT INTO visit_tally_dirty (site_id, day) "
                "SELECT DISTINCT site_id, CAST(checked_in_at AS DATE) FROM visit"
            )
        )
    with sessions() as session, session.begin():
        session.execute(text("ANALYZE"))


def new_visits(sessions: sessionmaker[Session], day: int) -> None:
    """300 visits at each of 10 sites on one day, their days marked (as the ingest)."""
    from kiosk.reports.tally import mark_dirty
    from kiosk.server.models import TALLY

    at = f"timestamp '{YEAR}-12-{day:02d} 15:00'"
    with sessions() as session, session.begin():
        session.execute(
            text(
                "INSERT INTO visit (site_id, id, kiosk_id, member_id, space, purpose, "
                "checked_in_at, checked_out_at, method, head_count, auto_closed, visitor, "
                "age_bracket, occurred_at, home_site_id) "
                f"SELECT k.site_id, md5('new{day}-' || k.site_id || '-' || g)::uuid::text, k.id, "
                "NULL, 'fablab', NULL, "
                f"{at}, NULL, 'guest', 1, false, NULL, NULL, {at}, NULL "
                "FROM kiosk k CROSS JOIN generate_series(1, 300) g WHERE k.site_id <= 10"
            )
        )
        for site in range(1, 11):
            mark_dirty(session, TALLY, [datetime(YEAR, 12, day, tzinfo=UTC).date()], site)


def main() -> int:
    url = os.environ.get("FABLAB_KIOSK_TEST_POSTGRES")
    if not url:
        print(
            "network report: FABLAB_KIOSK_TEST_POSTGRES is not set, skipped (it needs PostgreSQL)"
        )
        return 0
    import psycopg
    from sqlalchemy import Engine

    from kiosk.server.db import make_engine, migrate
    from kiosk.server.report import network_report, site_report

    libpq = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        psycopg.connect(libpq, connect_timeout=3).close()
    except psycopg.Error as exc:
        print(f"network report: PostgreSQL at $FABLAB_KIOSK_TEST_POSTGRES not reachable ({exc})")
        return 1
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    engine: Engine | None = None
    try:
        sep = "&" if "?" in url else "?"
        engine = make_engine(f"{url}{sep}options=-csearch_path%3D{schema}")
        migrate(engine)
        sessions = sessionmaker(engine, expire_on_commit=False)
        t0 = time.perf_counter()
        fill(sessions)
        total = SITES * VISITS_PER_SITE
        print(
            f"network report: {SITES} sites, {total:,} visits written in "
            f"{time.perf_counter() - t0:.1f} s"
        )

        def report() -> Any:
            return network_report(sessions, YEAR, datetime.now(UTC))

        first = timed(report, 1)[0]
        print(f"network report: first report (every site's days rebuilt) {first / 1000:.1f} s")
        data = report()
        assert len(data.sites) == SITES, len(data.sites)
        assert data.total.visits >= total, data.total.visits  # guests count their head count
        assert data.total.visits == sum(s.report.visits for s in data.sites)
        warm = timed(report, RUNS)
        median = statistics.median(warm)
        ok = median < TARGET_MS
        print(
            f"network report: tallies up to date: median {median:.1f} ms of {RUNS}, "
            f"best {min(warm):.1f}, worst {max(warm):.1f} ms (target median < "
            f"{TARGET_MS:.0f} ms): {'PASS' if ok else 'FAIL'}"
        )
        one = timed(lambda: site_report(sessions, 1, YEAR, datetime.now(UTC)), RUNS)
        print(f"network report: one site's report: median {statistics.median(one):.1f} ms")
        after = []
        for day in (20, 21, 22):
            new_visits(sessions, day)
            after += timed(report, 1)
        print(
            f"network report: after 3,000 new visits at 10 sites: median "
            f"{statistics.median(after):.1f} ms, worst {max(after):.1f} ms"
        )
        print(
            f"network report: {data.total.visits:,} people-visits, "
            f"{data.total.unique_visitors:,} different people (once per site), "
            f"{data.total.network_visits:,} network visits"
        )
        return 0 if ok else 1
    finally:
        if engine is not None:
            engine.dispose()
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


if __name__ == "__main__":
    sys.exit(main())
