"""``fablab-kiosk report``, ``present``, ``retention`` and ``member validate|renew|reissue|
staff|erase``, run in-process on the hand-counted year of test_report.py."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk.checkin import scan
from kiosk.cli.main import main
from kiosk.models import CheckinMethod, MembershipStatus, Visit
from kiosk.reports.yearly import local_report
from kiosk.site import Site

from .conftest import PARIS, paris
from .test_report import EXPECTED_2026, _member, _visit, build_year_2026


@pytest.fixture
def run(site: Site, capsys: pytest.CaptureFixture[str]) -> Any:
    def call(*argv: str) -> tuple[int, str, str]:
        words = list(argv)
        split = 2 if words[0] == "member" else 1
        status = main([*words[:split], "--data-dir", str(site.data_dir.path), *words[split:]])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


def test_report_prints_json_csv_and_a_table(site: Site, run: Any, tmp_path: Path) -> None:
    build_year_2026(site)
    status, out, err = run("report", "--year", "2026", "--format", "json")
    assert status == 0 and "not connected to a server" in err
    data = json.loads(out)
    assert {key: data[key] for key in EXPECTED_2026} == EXPECTED_2026
    assert len(data["by_month"]) == 12
    status, out, _ = run("report", "--year", "2026", "--format", "csv")
    assert "2026,total,unique_visitors,3" in out.splitlines()
    status, out, _ = run("report", "--year", "2026")
    assert "unique visitors             3   2025: 0" in out
    status, out, _ = run("report", "--year", "2026", "--out", str(tmp_path / "r.xlsx"))
    assert status == 0 and (tmp_path / "r.xlsx").exists()
    assert load_workbook(tmp_path / "r.xlsx").active is not None


def test_member_actions(site: Site, run: Any, make_member: Any) -> None:
    pending = make_member("Dora", status=MembershipStatus.PENDING, valid_until=None)
    status, out, _ = run(
        "member", "validate", pending.short_code, "--until", "2027-09-30", "--json"
    )
    data = json.loads(out)
    assert status == 0 and data["status"] == "active" and data["valid_until"] == "2027-09-30"
    status, out, _ = run("member", "renew", pending.short_code, "--json")
    assert json.loads(out)["valid_until"] == "2028-09-30"
    old_badge = site.badge_token(pending)
    status, out, _ = run("member", "reissue", pending.short_code, "--json")
    assert json.loads(out)["badge_version"] == 2
    with site.transaction() as session:
        refused = scan(
            session,
            site.settings,
            site.secret,
            old_badge,
            method=CheckinMethod.BADGE,
            now=site.now(),
        )
    assert not refused.accepted
    status, out, _ = run("member", "staff", pending.short_code)
    assert status == 0 and "now opens staff mode" in out
    status, _, err = run("member", "erase", pending.short_code)
    assert status != 0 and "--yes" in err
    status, out, _ = run("member", "erase", pending.short_code, "--yes", "--json")
    assert json.loads(out)["erased"] is True
    status, _, err = run("member", "show", pending.short_code)
    assert status != 0 and "no member matches" in err


def test_present_and_retention(site: Site, run: Any, make_member: Any) -> None:
    member = make_member("Eve")
    with site.transaction() as session:
        scan(
            session,
            site.settings,
            site.secret,
            member.short_code,
            method=CheckinMethod.CODE,
            now=site.now(),
        )
    status, out, _ = run("present", "--json")
    rows = json.loads(out)
    assert status == 0 and [r["name"] for r in rows] == ["Eve"]


def _linked(site: Site) -> dict[str, str | None]:
    with site.sessions() as session:
        return {v.id: v.member_id for v in session.scalars(select(Visit))}


def test_retention_makes_the_old_visits_anonymous_and_keeps_the_counts(
    site: Site, run: Any
) -> None:
    """Visits of 2024 and March 2025 are past the 12 months at any date this test will
    run on (the command takes the real clock, as on the kiosk); yesterday's is not. 2024
    ended a year before the cutoff: it is sealed too (new random visitor keys)."""
    eve = _member(site, "Eve", "26-44", paris(2024, 9, 1))
    old = [
        _visit(site, eve, paris(2024, 10, 5, 14), paris(2024, 10, 5, 17)),
        _visit(site, eve, paris(2025, 3, 10, 10), paris(2025, 3, 10, 12)),
        _visit(site, eve, paris(2025, 3, 17, 18), paris(2025, 3, 17, 20)),
    ]
    yesterday = site.now() - timedelta(days=1)
    recent = _visit(site, eve, yesterday, yesterday + timedelta(hours=1))
    now = site.now()
    before = {
        year: local_report(site.sessions, year, PARIS, now).as_json() for year in (2024, 2025)
    }
    assert before[2025]["visits"] == 2 and before[2025]["unique_visitors"] == 1
    assert before[2024]["visits"] == 1 and before[2024]["unique_visitors"] == 1
    assert all(member_id == eve.id for member_id in _linked(site).values())

    status, out, _ = run("retention", "--json")
    data = json.loads(out)
    assert status == 0 and data["months"] == 12 and data["anonymized_visits"] == 3
    assert 2024 in data["sealed_years"]
    linked = _linked(site)
    assert [linked[visit] for visit in old] == [None, None, None]
    assert linked[recent] == eve.id
    after = {year: local_report(site.sessions, year, PARIS, now).as_json() for year in (2024, 2025)}
    assert after == before  # the counts for funders do not move
    status, out, _ = run("retention", "--json")  # done already: nothing more to do
    assert json.loads(out)["anonymized_visits"] == 0


@pytest.mark.parametrize("year", ["9999", "0", "-1"])
def test_report_of_a_year_no_report_counts_says_so(run: Any, year: str) -> None:
    status, out, err = run("report", "--year", year)
    assert status == 1 and out == ""
    assert "the year must be between 2000 and 2100" in err and "Traceback" not in err
