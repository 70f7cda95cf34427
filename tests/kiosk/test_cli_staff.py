"""``fablab-kiosk report``, ``present``, ``retention`` and ``member validate|renew|reissue|
staff|erase``, run in-process on the hand-counted year of test_report.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kiosk.checkin import scan
from kiosk.cli.main import main
from kiosk.models import CheckinMethod, MembershipStatus
from kiosk.site import Site

from .test_report import EXPECTED_2026, build_year_2026


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
    status, out, _ = run("retention", "--json")
    assert json.loads(out)["months"] == 12 and json.loads(out)["anonymized_visits"] == 0
