"""The hand-counted year of tests/kiosk/test_report.py, synced to the real server:
the server's report (SQLite and PostgreSQL) gives the same numbers, the erasure has
reached it, and the kiosk shows the server's counts when it answers."""

from __future__ import annotations

from sqlalchemy import text

from kiosk.reporting import yearly_report
from kiosk.sync import sync_once

from ..kiosk.test_report import EXPECTED_2026, build_year_2026
from .conftest import Pair


def test_the_server_counts_the_same_year(pair: Pair) -> None:
    members = build_year_2026(pair.site)
    pair.start()
    try:
        sync_once(pair.site)
        result = yearly_report(pair.site, 2026)
    finally:
        pair.stop()
    assert result.source == "server" and result.server_problem is None
    report = result.report
    assert {key: report[key] for key in EXPECTED_2026} == EXPECTED_2026 | {"source": "server"}
    assert report["by_kiosk"] == {"door": 10}
    chloe = members["chloe"].id
    with pair.engine.connect() as conn:  # erased on the server too, visits kept anonymous
        row = conn.execute(
            text("SELECT first_name, email, erased FROM member WHERE id = :id"), {"id": chloe}
        ).one()
        assert tuple(row) == ("", None, True)
        assert (
            conn.execute(
                text("SELECT count(*) FROM visit WHERE member_id = :id"), {"id": chloe}
            ).scalar_one()
            == 0
        )
        names = [r[0] for r in conn.execute(text("SELECT payload FROM change"))]
    assert not any("Chloé" in payload for payload in names)


def test_the_kiosk_falls_back_to_its_own_counts_when_the_server_is_down(pair: Pair) -> None:
    build_year_2026(pair.site)
    result = yearly_report(pair.site, 2026)  # the server was never started
    assert result.source == "local"
    assert result.server_problem is not None and "cannot reach" in result.server_problem
    assert result.report["visits"] == 10
