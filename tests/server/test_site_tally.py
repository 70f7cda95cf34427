"""The server's tallies per site (kiosk.reports.site_tally), on SQLite and PostgreSQL:
each site counts in its own zone, people once per site, its years packed at refresh;
a visit table of the server's shape, in a metadata of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.reports.site_tally import packed_year_counts, rebuild_site, refresh_sites
from kiosk.reports.tally import define_tally_tables, mark_dirty, utc_day
from kiosk.reports.year_counts import year_counts
from kiosk.server.db import make_engine

PARIS, MONTREAL = ZoneInfo("Europe/Paris"), ZoneInfo("America/Montreal")
ZONES = {1: PARIS, 2: MONTREAL}

metadata = MetaData()
VISIT = Table(
    "visit",
    metadata,
    Column("site_id", Integer, primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("kiosk_id", Integer, nullable=False),
    Column("member_id", String(36)),
    Column("space", String(40)),
    Column("purpose", String(40)),
    Column("checked_in_at", DateTime, nullable=False),
    Column("head_count", Integer, nullable=False),
    Column("visitor", String(32)),
    Column("age_bracket", String(8)),
    Column("home_site_id", Integer),
    Column("auto_closed", Boolean, default=False),
)
TALLY = define_tally_tables(metadata, per_site=True)


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    metadata.create_all(engine)
    try:
        yield sessionmaker(engine, expire_on_commit=False)
    finally:
        engine.dispose()


def visit(site: int, n: int, at: datetime, who: str | None, **kw: Any) -> dict[str, Any]:
    return {
        "site_id": site,
        "id": f"v{site}-{n}",
        "kiosk_id": site,
        "member_id": who,
        "space": "fablab",
        "purpose": None,
        "checked_in_at": at.astimezone(UTC).replace(tzinfo=None),
        "head_count": 1,
        "visitor": None if who is None else f"key-{who}",
        "age_bracket": None if who is None else "26-35",
        "home_site_id": None,
    } | kw


def write(sessions: sessionmaker[Session], rows: list[dict[str, Any]]) -> None:
    """As the ingest: the visits and their sites' UTC days marked, one transaction."""
    with transaction(sessions) as session:
        session.execute(VISIT.insert(), rows)
        for site in {row["site_id"] for row in rows}:
            days = {utc_day(r["checked_in_at"].replace(tzinfo=UTC)) for r in rows}
            mark_dirty(session, TALLY, days, site)


def counts(sessions: sessionmaker[Session], *years: int) -> dict[tuple[int, int], Any]:
    with transaction(sessions) as session:
        refresh_sites(session, TALLY, VISIT, ZONES)
    with sessions() as session:
        return packed_year_counts(session, TALLY, years, [1, 2])


def test_a_visit_counts_in_the_year_of_its_sites_zone(sessions: sessionmaker[Session]) -> None:
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 2027 in Paris, 2026 in Montréal
    write(sessions, [visit(1, 1, late, "ada"), visit(2, 1, late, "ada")])
    found = counts(sessions, 2026, 2027)
    assert (found[(1, 2026)].visits, found[(1, 2027)].visits) == (0, 1)
    assert (found[(2, 2026)].visits, found[(2, 2027)].visits) == (1, 0)
    assert found[(1, 2027)].by_month[0] == 1 and found[(2, 2026)].by_month[11] == 1
    assert found[(1, 2027)].by_hour[0] == 1 and found[(2, 2026)].by_hour[18] == 1


def test_people_count_once_per_site_and_other_sites_members_apart(
    sessions: sessionmaker[Session],
) -> None:
    day = datetime(2026, 5, 4, 10, tzinfo=UTC)
    rows = [visit(1, i, day.replace(day=4 + i), "ada") for i in range(3)]  # ada thrice at 1
    rows += [visit(2, 1, day, "ada"), visit(2, 2, day, "bob")]
    rows += [visit(2, 3, day, "eve", home_site_id=1)]  # a member of site 1 at site 2
    rows += [visit(1, 9, day, None, head_count=4, method="guest")]
    write(sessions, [{k: v for k, v in r.items() if k != "method"} for r in rows])
    found = counts(sessions, 2026)
    one, two = found[(1, 2026)], found[(2, 2026)]
    assert (one.visits, one.unique_visitors, one.guests, one.network_visits) == (7, 1, 4, 0)
    assert (two.visits, two.unique_visitors, two.network_visits) == (3, 3, 1)
    assert two.member_visits == 2  # the network visitor is counted apart
    # the packed rows say what the days say
    with sessions() as session:
        assert year_counts(session, TALLY, 2026, 2) == two
        assert year_counts(session, TALLY, 2026, 1) == one


def test_only_the_marked_sites_change_and_a_rebuild_agrees(
    sessions: sessionmaker[Session],
) -> None:
    day = datetime(2026, 3, 1, 12, tzinfo=UTC)
    write(sessions, [visit(1, 1, day, "ada"), visit(2, 1, day, "bob")])
    before = counts(sessions, 2026)
    write(sessions, [visit(2, 2, day, "cy")])
    after = counts(sessions, 2026)
    assert after[(1, 2026)] == before[(1, 2026)]
    assert after[(2, 2026)].visits == 2 and after[(2, 2026)].unique_visitors == 2
    with transaction(sessions) as session:
        rebuild_site(session, TALLY, VISIT, 2, MONTREAL)
    with sessions() as session:
        assert packed_year_counts(session, TALLY, [2026], [2])[(2, 2026)] == after[(2, 2026)]


def test_marks_say_whose_tallies_they_are(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(ValueError, match="per site"):
        mark_dirty(session, TALLY, [datetime(2026, 1, 1).date()])


def test_the_upgrade_counts_what_was_there_as_site_1(database_url: str) -> None:
    """Migration 0007 drops the one-site tallies and marks every day of every site:
    the first report after the upgrade counts the visits stored before it."""
    from alembic import command
    from sqlalchemy import text

    from kiosk.db import alembic_config
    from kiosk.server.db import MIGRATIONS, migrate
    from kiosk.server.report import site_report

    engine = make_engine(database_url)
    try:
        command.upgrade(alembic_config(engine, MIGRATIONS), "0006")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO kiosk (name, token_hash, site_id, created_at) "
                    "VALUES ('door', 'h', 1, '2025-01-01 00:00:00')"
                )
            )
            for n, at in enumerate(("2025-03-01 10:00:00", "2025-12-31 23:30:00")):
                conn.execute(
                    text(
                        "INSERT INTO visit (site_id, id, kiosk_id, member_id, checked_in_at, "
                        "method, head_count, auto_closed, occurred_at, visitor) "
                        "SELECT 1, :id, id, NULL, :at, 'badge', 1, false, :at, 'v-ada' FROM kiosk"
                    ),
                    {"id": f"v{n}", "at": at},
                )
        assert migrate(engine)
        sessions = sessionmaker(engine, expire_on_commit=False)
        now = datetime(2026, 2, 1, tzinfo=UTC)
        this, next_year = site_report(sessions, 1, 2025, now), site_report(sessions, 1, 2026, now)
        # site 1 is in Paris: 23:30 UTC on 31 December 2025 is 2026 there
        assert (this.visits, this.unique_visitors, next_year.visits) == (1, 1, 1)
    finally:
        engine.dispose()


def test_sealing_a_sites_years_keeps_its_counts(sessions: sessionmaker[Session]) -> None:
    """The retention seals each site's years in its zone: the counts do not change, and
    the keys made from member ids are gone."""
    from kiosk.reports.retention import seal_years

    late = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)  # 2025 in Paris, 2024 in Montréal
    write(sessions, [visit(1, 1, late, "ada"), visit(2, 1, late, "ada")])
    write(sessions, [visit(s, 2, datetime(2024, 6, 1, 12, tzinfo=UTC), "bob") for s in (1, 2)])
    before = counts(sessions, 2024, 2025)
    cutoff = datetime(2026, 3, 1, tzinfo=UTC)
    with transaction(sessions) as session:
        assert seal_years(session, TALLY, VISIT, cutoff, PARIS, 1) == [2024, 2025]
        assert seal_years(session, TALLY, VISIT, cutoff, MONTREAL, 2) == [2024]
    with sessions() as session:
        for site in (1, 2):
            for year in (2024, 2025):
                assert year_counts(session, TALLY, year, site) == before[(site, year)]
        keys = set(session.scalars(VISIT.select().with_only_columns(VISIT.c.visitor)))
    assert all(key.startswith("r") for key in keys) and len(keys) == 4
