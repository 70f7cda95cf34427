"""The hand-counted year of tests/kiosk/test_report.py, synced to the real server:
the server's report (SQLite and PostgreSQL) gives the same numbers, the erasure has
reached it, and the kiosk shows the server's counts when it answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.demo import create_demo
from kiosk.members.actions import erase_member
from kiosk.models import Member
from kiosk.reports.yearly import local_report
from kiosk.server.accounts import add_kiosk
from kiosk.server.background import ServerThread
from kiosk.server.db import make_engine, migrate
from kiosk.server.report import site_report
from kiosk.server.retention import apply_server_retention
from kiosk.server.settings import ServerSettings
from kiosk.sync import connect, sync_once
from kiosk.sync.report import yearly_report

from ..kiosk.test_report import CHLOE, EXPECTED_2026, build_year_2026
from .conftest import Pair, free_port

# the server's clock on a day after every visit of that year (dates are checked against it)
AFTER_2026 = {"clock": lambda: datetime(2027, 1, 2, 12, tzinfo=UTC)}


def test_the_server_counts_the_same_year(pair: Pair) -> None:
    members = build_year_2026(pair.site)
    pair.start(**AFTER_2026)
    try:
        sync_once(pair.site)
        result = yearly_report(pair.site, 2026)
    finally:
        pair.stop()
    assert result.source == "server" and result.server_problem is None
    report = result.report.as_json()
    assert {key: report[key] for key in EXPECTED_2026} == EXPECTED_2026 | {"source": "server"}
    assert report["by_kiosk"] == {"door": 10}
    chloe = members["chloe"].id
    with pair.engine.connect() as conn:  # erased on the server too, visits kept anonymous
        row = conn.execute(
            text(
                "SELECT first_name, last_name, email, postcode, erased FROM member WHERE id = :id"
            ),
            {"id": chloe},
        ).one()
        assert tuple(row) == ("", None, None, None, True)
        assert (
            conn.execute(
                text("SELECT count(*) FROM visit WHERE member_id = :id"), {"id": chloe}
            ).scalar_one()
            == 0
        )
        names = [r[0] for r in conn.execute(text("SELECT payload FROM change"))]
    assert not any("Chloé" in payload for payload in names)


def _chloe_on_the_server(pair: Pair, chloe: str) -> tuple[tuple[object, ...], int, list[str]]:
    """Her member row, how many visits still name her, and the change log's payloads."""
    with pair.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT first_name, last_name, email, postcode, erased FROM member WHERE id = :id"
            ),
            {"id": chloe},
        ).one()
        linked = conn.execute(
            text("SELECT count(*) FROM visit WHERE member_id = :id"), {"id": chloe}
        ).scalar_one()
        payloads = [r[0] for r in conn.execute(text("SELECT payload FROM change"))]
    return tuple(row), int(linked), payloads


def test_an_erasure_after_sync_unlinks_the_visits_the_server_already_holds(pair: Pair) -> None:
    members = build_year_2026(pair.site, erase=False)
    chloe = members["chloe"].id
    pair.start(**AFTER_2026)
    try:
        assert sync_once(pair.site).ok
        row, linked, _ = _chloe_on_the_server(pair, chloe)
        assert row == ("Chloé", *CHLOE.values(), False) and linked == 2  # she was there
        with pair.site.transaction() as session:
            erase_member(session, chloe, now=pair.site.now())
        with pair.site.sessions() as session:
            member = session.get_one(Member, chloe)
            assert (member.first_name, member.last_name, member.email, member.postcode) == (
                "",
                None,
                None,
                None,
            )
        assert sync_once(pair.site).ok
        result = yearly_report(pair.site, 2026)
    finally:
        pair.stop()
    row, linked, payloads = _chloe_on_the_server(pair, chloe)
    assert row == ("", None, None, None, True)
    assert linked == 0  # her two visits stay, as anonymous counts
    gone = [json.dumps(word, ensure_ascii=False) for word in ("Chloé", *CHLOE.values())]
    assert not any(word in payload for payload in payloads for word in gone)
    assert result.source == "server"
    report = result.report.as_json()
    assert {key: report[key] for key in EXPECTED_2026} == EXPECTED_2026 | {"source": "server"}


def test_the_kiosk_falls_back_to_its_own_counts_when_the_server_is_down(pair: Pair) -> None:
    build_year_2026(pair.site)
    result = yearly_report(pair.site, 2026)  # the server was never started
    assert result.source == "local"
    assert result.server_problem is not None and "cannot reach" in result.server_problem
    assert result.report.visits == 10


def test_the_server_retention_keeps_its_counts(pair: Pair) -> None:
    build_year_2026(pair.site)
    pair.start(
        retention_months=0, **AFTER_2026
    )  # no run at start: the test runs it at a chosen time
    try:
        sync_once(pair.site)
    finally:
        pair.stop()
    sessions = sessionmaker(pair.engine, expire_on_commit=False)
    paris = ZoneInfo("Europe/Paris")
    before = site_report(sessions, 1, 2026, datetime(2028, 3, 1, tzinfo=UTC)).as_json()
    done = apply_server_retention(
        sessions, months=12, now=datetime(2028, 3, 1, tzinfo=UTC), tz=paris
    )
    assert done["anonymized_visits"] == 4 and done["sealed_years"] == [2026]
    after = site_report(sessions, 1, 2026, datetime(2028, 3, 1, tzinfo=UTC)).as_json()
    assert {k: after[k] for k in EXPECTED_2026} == {k: before[k] for k in EXPECTED_2026}
    with pair.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM visit WHERE member_id IS NOT NULL")
            ).scalar_one()
            == 0
        )


def test_a_demo_kiosks_history_reaches_the_server(database_url: str, tmp_path: Path) -> None:
    """`fablab-kiosk demo`, connected to a server: the server counts the demo's visits."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        _kiosk, token = add_kiosk(session, "demo")
        session.commit()
    site = create_demo(tmp_path / "demo", weeks=8, members=12)
    year = site.today().year
    local = local_report(site.sessions, year, site.settings.tz, site.now())
    assert local.visits > 0
    port = free_port()
    connect(site, f"http://127.0.0.1:{port}", token)
    server = ServerThread(ServerSettings(database_url=database_url), port=port).start()
    try:
        done = sync_once(site)
        assert done.ok, done.error
        result = yearly_report(site, year)
    finally:
        server.stop()
        engine.dispose()
    assert result.source == "server" and result.waiting_visits == 0
    counted = result.report
    assert (counted.visits, counted.unique_visitors, counted.by_month) == (
        local.visits,
        local.unique_visitors,
        local.by_month,
    )
