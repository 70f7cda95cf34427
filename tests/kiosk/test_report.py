"""The yearly report against visits counted by hand, on a real SQLite file.

The fixture year 2026 (Europe/Paris), counted by hand:

- Ada (18-25, registered 1 Nov 2025): 1 Jan 2026 00:30 (still 31 Dec in UTC), and
  10 Mar 22:00 to 11 Mar 01:30 (spans midnight: one visit, on 10 March, at 22 h);
  also 1 Jan 2027 10:00 (next year).
- Bruno (45-64, registered 1 Feb 2026): 31 Dec 2026 20:00, closed 1 Jan 2027 00:30
  (counts in December 2026 only).
- Chloé (65+, registered 5 May 2026): 5 May 10:00 and 6 May 11:00, then erased.
- A guest group of 5 on 1 Jun 14:00 (Monday), fablab, discovery.

2026: 10 people-visits (5 by members, 5 guests in 1 group), 3 different members (Chloé
still counts), 2 new members (Bruno, Chloé: erased ones count).
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk.checkin import count_guests, scan, set_visit_details
from kiosk.members.actions import check_out_now, erase_member
from kiosk.members.registration import NewMember, register_member
from kiosk.models import TALLY, CheckinMethod, Member, MembershipStatus, OutboxEvent, Visit
from kiosk.outbox import member_payload, record
from kiosk.reports.exports import export_report
from kiosk.reports.retention import apply_retention
from kiosk.reports.spreadsheet import SheetWords
from kiosk.reports.tally import rebuild_all
from kiosk.reports.year_counts import year_counts
from kiosk.reports.yearly import (
    VISIT_TABLE,
    YearlyReport,
    local_report,
    report_csv,
    write_xlsx,
)
from kiosk.site import Site
from kiosk.sync.report import yearly_report

from .conftest import PARIS, paris


def _visit(site: Site, member: Member, start: datetime, end: datetime | None = None) -> str:
    with site.transaction() as session:
        result = scan(
            session,
            site.settings,
            site.secret,
            member.short_code,
            method=CheckinMethod.CODE,
            now=start,
            space="fablab",
            purpose="project",
        )
        assert result.visit_id is not None
        if end is not None:
            check_out_now(session, result.visit_id, now=end)
        return result.visit_id


def _member(site: Site, name: str, age: str, created: datetime, **person: str) -> Member:
    with site.transaction() as session:
        member = register_member(
            session,
            NewMember(first_name=name, age_bracket=age, **person),
            consent_at=created,
            status=MembershipStatus.ACTIVE,
            valid_until=date(2030, 1, 1),
        )
        member.created_at = created  # registered then, as the server must know too
        record(session, "member", member_payload(member), created)
        return member


CHLOE = {"last_name": "Vasseur", "email": "chloe.vasseur@example.org", "postcode": "59000"}


def build_year_2026(site: Site, *, erase: bool = True) -> dict[str, Member]:
    """The visits of the module docstring, recorded as the kiosk records them (Chloé's
    erasure left out when not *erase*: a test erases her itself, later)."""
    ada = _member(site, "Ada", "18-25", paris(2025, 11, 1))
    bruno = _member(site, "Bruno", "45-64", paris(2026, 2, 1))
    chloe = _member(site, "Chloé", "65+", paris(2026, 5, 5), **CHLOE)
    _visit(site, ada, paris(2026, 1, 1, 0, 30), paris(2026, 1, 1, 3))
    _visit(site, ada, paris(2026, 3, 10, 22), paris(2026, 3, 11, 1, 30))
    _visit(site, ada, paris(2027, 1, 1, 10), paris(2027, 1, 1, 12))
    _visit(site, bruno, paris(2026, 12, 31, 20), paris(2027, 1, 1, 0, 30))
    _visit(site, chloe, paris(2026, 5, 5, 10), paris(2026, 5, 5, 12))
    _visit(site, chloe, paris(2026, 5, 6, 11), paris(2026, 5, 6, 12))
    with site.transaction() as session:
        count_guests(
            session,
            site.settings,
            head_count=5,
            now=paris(2026, 6, 1, 14),
            purpose="discovery",
            space="fablab",
        )
    if erase:
        with site.transaction() as session:
            erase_member(session, chloe.id, now=paris(2026, 11, 20))
    return {"ada": ada, "bruno": bruno, "chloe": chloe}


@pytest.fixture
def year_2026(site: Site) -> dict[str, Member]:
    return build_year_2026(site)


def report(site: Site, year: int = 2026) -> YearlyReport:
    return local_report(site.sessions, year, PARIS, paris(2026, 11, 25))


EXPECTED_2026 = {
    "year": 2026,
    "source": "local",
    "visits": 10,
    "member_visits": 5,
    "unique_visitors": 3,
    "new_members": 2,
    "guests": 5,
    "guest_groups": 1,
    "by_month": [1, 0, 1, 0, 2, 5, 0, 0, 0, 0, 0, 1],
    "by_weekday": [5, 2, 1, 2, 0, 0, 0],
    "by_space": {"fablab": 10},
    "by_purpose": {"discovery": 5, "project": 5},
    "by_age_bracket": {
        "0-14": 0,
        "15-17": 0,
        "18-25": 2,
        "26-44": 0,
        "45-64": 1,
        "65+": 2,
        "unknown": 5,
    },
    "unique_by_age_bracket": {
        "0-14": 0,
        "15-17": 0,
        "18-25": 1,
        "26-44": 0,
        "45-64": 1,
        "65+": 1,
        "unknown": 0,
    },
}


def _subset(data: YearlyReport) -> dict[str, Any]:
    return {key: data.as_json()[key] for key in EXPECTED_2026}


def test_the_year_matches_the_hand_count(site: Site, year_2026: dict[str, Member]) -> None:
    data = report(site)
    assert _subset(data) == EXPECTED_2026
    hours = {hour: n for hour, n in enumerate(data.by_hour) if n}
    assert hours == {0: 1, 10: 1, 11: 1, 14: 5, 20: 1, 22: 1}
    assert data.as_json()["previous_year"] == {
        "year": 2025,
        "visits": 0,
        "unique_visitors": 0,
        "new_members": 1,  # Ada
        "guests": 0,
        "by_month": [0] * 12,
    }
    next_year = report(site, 2027)
    assert next_year.visits == 1 and next_year.unique_visitors == 1
    assert next_year.by_month[0] == 1  # Ada on 1 January; Bruno's December visit is not


def test_erasure_removes_the_person_and_keeps_the_counts(
    site: Site, year_2026: dict[str, Member]
) -> None:
    chloe = year_2026["chloe"]
    with site.sessions() as session:
        member = session.get_one(Member, chloe.id)
        assert member.erased and member.first_name == "" and member.age_bracket is None
        assert (member.last_name, member.email, member.postcode) == (None, None, None)
        assert member.consent_at is None
        visits = session.scalars(select(Visit).where(Visit.age_bracket == "65+")).all()
        assert len(visits) == 2 and all(v.member_id is None for v in visits)
        assert all(v.visitor for v in visits)  # still one person, anonymous
        payloads = [e.payload for e in session.scalars(select(OutboxEvent))]
    gone = [json.dumps(word, ensure_ascii=False) for word in ("Chloé", *CHLOE.values())]
    assert not any(word in p for p in payloads for word in gone)
    erased = [json.loads(p) for p in payloads if chloe.id in p]
    assert [e["erased"] for e in erased] == [True]
    with site.transaction() as session:  # the badge is refused at once
        refused = scan(
            session,
            site.settings,
            site.secret,
            site.badge_token(chloe),
            method=CheckinMethod.BADGE,
            now=paris(2026, 11, 21, 15),
        )
    assert not refused.accepted


def test_retention_makes_old_visits_anonymous_without_changing_counts(
    site: Site, year_2026: dict[str, Member]
) -> None:
    before = {year: report(site, year) for year in (2026, 2027)}
    with site.transaction() as session:
        result = apply_retention(session, months=12, now=paris(2028, 3, 1), tz=PARIS)
    # every identified visit before 1 March 2027: Ada's three, Bruno's one
    assert result.anonymized_visits == 4
    assert result.sealed_years == [2026]  # ended a year before the cutoff: new random keys
    with site.sessions() as session:
        assert session.scalars(select(Visit).where(Visit.member_id.is_not(None))).all() == []
        keys = session.execute(
            select(Visit.checked_in_at, Visit.visitor).where(Visit.visitor.is_not(None))
        ).all()
    for checked_in_at, key in keys:  # 2027 is not over a year ago: its keys stay
        assert key.startswith("r") == (checked_in_at.astimezone(PARIS).year == 2026)
    for year in (2026, 2027):
        after = report(site, year)
        assert _subset(after) == _subset(before[year])
    with site.transaction() as session:  # and a full rebuild from the visits agrees
        rebuild_all(session, TALLY, VISIT_TABLE, PARIS)
    assert _subset(report(site)) == EXPECTED_2026


def test_changes_after_a_report_are_counted_in_the_next(
    site: Site, year_2026: dict[str, Member]
) -> None:
    assert report(site).by_space == {"fablab": 10}
    visit_id = _visit(site, year_2026["bruno"], paris(2026, 7, 7, 15), paris(2026, 7, 7, 18))
    with site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space="coworking", purpose=None)
    data = report(site)
    assert data.by_space == {"coworking": 1, "fablab": 10}
    assert data.visits == 11 and data.unique_visitors == 3
    with site.transaction() as session:
        rebuild_all(session, TALLY, VISIT_TABLE, PARIS)
    with site.sessions() as session:
        assert year_counts(session, TALLY, 2026).by_space == {"coworking": 1, "fablab": 10}


def test_exports_write_csv_and_xlsx(
    site: Site, year_2026: dict[str, Member], tmp_path: Path
) -> None:
    data = report(site)
    text = report_csv(data)
    assert text.splitlines()[0] == "year,section,item,count"
    assert "2026,total,visits,10" in text and "2026,month,2026-06,5" in text
    path = export_report(data, tmp_path / "stick", "xlsx")
    assert path.name == "visites-2026-local.xlsx"
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("total", "unique_visitors")] == 3
    csv_path = export_report(data, tmp_path / "stick", "csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: accents in a spreadsheet


def test_the_csv_for_people_opens_in_a_french_spreadsheet(
    site: Site, year_2026: dict[str, Member], tmp_path: Path
) -> None:
    """Semicolons (a French spreadsheet splits on them), a BOM (accents read right),
    the screen's words; a name holding a ";" stays in its cell."""
    data = report(site)
    words = SheetWords(
        ("Année", "Quoi", "Lequel", "Combien"),
        lambda section: {"total": "Totaux", "space": "Espace"}.get(section, section),
        lambda section, key: "Fab lab; l’atelier" if key == "fablab" else key,
    )
    path = export_report(data, tmp_path / "stick", "csv", words=words)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Année;Quoi;Lequel;Combien"
    assert "2026;Totaux;visits;10" in lines
    rows = list(csv.reader(lines, delimiter=";"))
    assert ["2026", "Espace", "Fab lab; l’atelier", "10"] in rows
    assert all(len(row) == 4 for row in rows)
    # the CLI's file stays the machine-readable one
    assert report_csv(data).splitlines()[0] == "year,section,item,count"


def test_an_export_to_a_full_or_missing_place_leaves_no_file(
    site: Site, year_2026: dict[str, Member], tmp_path: Path
) -> None:
    data = report(site)
    stick = tmp_path / "stick"
    target = stick / "visites.xlsx"
    target.mkdir(parents=True)  # a directory where the file should go: the rename fails
    with pytest.raises(OSError):
        write_xlsx(data, target)
    assert [p.name for p in stick.iterdir()] == ["visites.xlsx"]  # no .part left


def test_without_a_server_the_local_counts_say_so(site: Site, year_2026: dict[str, Member]) -> None:
    result = yearly_report(site, 2026)
    assert result.source == "local" and result.report.source == "local"
    assert result.server_problem == "this kiosk is not connected to a server"


def test_a_zone_off_the_whole_hour_counts_by_the_minute(site: Site) -> None:
    """Kolkata is UTC+05:30: 18:20 UTC on 31 December is 23:50 there, 18:40 is 00:10 on
    1 January (the tallies then count in minute buckets, not hours)."""
    kolkata = ZoneInfo("Asia/Kolkata")
    with site.transaction() as session:
        for minute in (20, 40):
            count_guests(
                session,
                site.settings,
                head_count=2,
                now=datetime(2026, 12, 31, 18, minute, tzinfo=UTC),
            )
    last = local_report(site.sessions, 2026, kolkata, paris(2027, 1, 2))
    first = local_report(site.sessions, 2027, kolkata, paris(2027, 1, 2))
    assert (last.guests, last.by_month[11], last.by_hour[23]) == (2, 2, 2)
    assert (first.guests, first.by_month[0], first.by_hour[0]) == (2, 2, 2)
