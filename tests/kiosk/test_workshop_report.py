"""The workshops in the yearly report, on a real SQLite site (no Qt): counts on tricky
data (a trainee in two workshops, absences and excuses, a countersigned "cannot sign",
a correction, a cancelled session, a withdrawal, an erasure, the new year's night in
Paris), the report's JSON (and a garbled one from a server), the CSV, XLSX, the
terminal table and ``fablab-kiosk report``."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from kiosk.cli.main import main
from kiosk.members.actions import erase_member
from kiosk.reports.spreadsheet import SheetWords, spreadsheet_csv
from kiosk.reports.yearly import YearlyReport, format_table, local_report, report_csv, write_xlsx
from kiosk.site import Site
from kiosk.workshops.attendance import Who, current_marks, set_mark, set_times
from kiosk.workshops.counts import GroupCounts, WorkshopCounts, workshop_counts
from kiosk.workshops.models import AttendanceEntry, Mark
from kiosk.workshops.planning import (
    NewWorkshop,
    add_sessions,
    add_workshop,
    cancel_session,
    enrol,
    withdraw,
)

from .conftest import PARIS, paris

DESK = Who("staff:Alex", "desk")
TODAY = date(2026, 11, 25)
NOW = paris(2026, 11, 25, 14)


def _workshop(site: Site, title: str, funder: str | None) -> str:
    with site.transaction() as session:
        return add_workshop(
            session, site.settings, NewWorkshop(title, "fablab", funder=funder), set()
        ).id


def _session(site: Site, workshop_id: str, start: datetime, end: datetime) -> str:
    with site.transaction() as session:
        return add_sessions(session, site.settings, workshop_id, start, end, today=TODAY)[0].id


def _mark(site: Site, session_id: str, member_id: str, mark: Mark, **kw: Any) -> None:
    with site.transaction() as session:
        set_mark(session, site.settings, session_id, member_id, 0, mark, who=DESK, now=NOW, **kw)


@pytest.fixture
def year(site: Site, make_member: Callable[..., Any]) -> dict[str, str]:
    """Two workshops in 2026 (one funded) and the new year's night around them."""
    ines = make_member("Inès", age_bracket="45-64").id
    yacine = make_member("Yacine", age_bracket="18-25").id
    zoe = make_member("Zoé").id  # no age given
    paul = make_member("Paul", age_bracket="26-44").id
    funded = _workshop(site, "Premiers pas numériques", "FSE+ Inclusion")
    laser = _workshop(site, "Découpe laser", None)
    with site.transaction() as session:
        for member_id in (ines, yacine, zoe):
            enrol(session, funded, member_id, now=paris(2025, 12, 1))
        for member_id in (ines, paul):
            enrol(session, laser, member_id, now=paris(2025, 12, 1))
    # a morning: Inès at the desk, Yacine absent, Zoé cannot sign (countersigned): 3 h each
    morning = _session(site, funded, paris(2026, 12, 2, 9, 30), paris(2026, 12, 2, 12, 30))
    _mark(site, morning, ines, Mark.DESK)
    _mark(site, morning, yacine, Mark.ABSENT)
    _mark(site, morning, zoe, Mark.CANNOT_SIGN, countersigned_by="Alex")
    # an afternoon: Inès arrives at 15:30 (1.5 h), Yacine excused, Zoé marked present by
    # mistake then corrected to absent (the latest entry counts)
    afternoon = _session(site, funded, paris(2026, 12, 9, 14), paris(2026, 12, 9, 17))
    _mark(site, afternoon, ines, Mark.DESK)
    with site.transaction() as session:
        set_times(
            session,
            site.settings,
            afternoon,
            ines,
            0,
            who=DESK,
            now=NOW,
            arrived_at=paris(2026, 12, 9, 15, 30),
        )
    _mark(site, afternoon, yacine, Mark.EXCUSED, reason="rendez-vous médical")
    _mark(site, afternoon, zoe, Mark.DESK)
    _mark(site, afternoon, zoe, Mark.ABSENT, reason="marquée par erreur")
    # cancelled after Inès was marked present: not counted
    cancelled = _session(site, funded, paris(2026, 12, 16, 9, 30), paris(2026, 12, 16, 12, 30))
    _mark(site, cancelled, ines, Mark.DESK)
    with site.transaction() as session:
        cancel_session(session, cancelled, now=NOW)
    # the laser workshop: Paul comes once, then withdraws; his hours stay
    laser_day = _session(site, laser, paris(2026, 12, 3, 14), paris(2026, 12, 3, 16))
    _mark(site, laser_day, ines, Mark.DESK)
    _mark(site, laser_day, paul, Mark.DESK)
    with site.transaction() as session:
        withdraw(session, laser, paul, now=paris(2026, 12, 4))
    # the new year's nights, Paris time: 00:15 on 1 January 2026 is 2025 in UTC, 00:30 on
    # 1 January 2027 is still 2026 in UTC; each counts in its local year
    first_night = _session(site, laser, paris(2026, 1, 1, 0, 15), paris(2026, 1, 1, 1, 15))
    _mark(site, first_night, ines, Mark.DESK)
    last_night = _session(site, laser, paris(2027, 1, 1, 0, 30), paris(2027, 1, 1, 2))
    _mark(site, last_night, ines, Mark.DESK)
    return {"ines": ines, "yacine": yacine, "zoe": zoe, "paul": paul, "laser_day": laser_day}


def test_the_year_matches_the_hand_count(site: Site, year: dict[str, str]) -> None:
    with site.sessions() as session:
        counts = workshop_counts(session, PARIS, 2026)
    assert (counts.workshops, counts.sessions, counts.half_days) == (2, 4, 4)
    # Inès (both workshops) once, Zoé, Paul; Yacine was never there
    assert counts.trainees == 3
    # morning 3 + 3, afternoon 1.5, laser 2 + 2, first night 1
    assert counts.trainee_hours == 12.5
    assert counts.by_funder == (
        GroupCounts("-", workshops=1, sessions=2, trainees=2, trainee_hours=5.0),
        GroupCounts("FSE+ Inclusion", workshops=1, sessions=2, trainees=2, trainee_hours=7.5),
    )
    assert [(g.key, g.trainees, g.trainee_hours) for g in counts.by_age] == [
        ("26-44", 1, 2.0),
        ("45-64", 1, 7.5),
        ("unknown", 1, 3.0),
    ]
    with site.sessions() as session:
        next_year = workshop_counts(session, PARIS, 2027)
        last_year = workshop_counts(session, PARIS, 2025)
    assert (next_year.sessions, next_year.trainees, next_year.trainee_hours) == (1, 1, 1.5)
    assert last_year == WorkshopCounts.none(2025)
    # erasing members changes no count (the age is the one given at enrolment)
    with site.transaction() as session:
        erase_member(session, year["zoe"], now=NOW)
        erase_member(session, year["ines"], now=NOW)
    with site.sessions() as session:
        assert workshop_counts(session, PARIS, 2026) == counts


def test_hours_never_exceed_the_half_day(site: Site, year: dict[str, str]) -> None:
    """Times recorded outside the half-day (a record synced from a kiosk whose session
    was set otherwise) count no more than the half-day itself."""
    with site.transaction() as session:
        session.execute(
            update(AttendanceEntry)
            .where(
                AttendanceEntry.session_id == year["laser_day"],
                AttendanceEntry.member_id == year["paul"],
            )
            .values(arrived_at=paris(2026, 12, 3, 12), left_at=paris(2026, 12, 3, 19))
        )
    with site.sessions() as session:
        assert current_marks(session, year["laser_day"])[(0, year["paul"])].left_at is not None
        counts = workshop_counts(session, PARIS, 2026)
    assert counts.trainee_hours == 12.5


def test_the_local_report_carries_the_workshops_and_reads_back(
    site: Site, year: dict[str, str]
) -> None:
    report = local_report(site.sessions, 2026, PARIS, NOW)
    with site.sessions() as session:
        assert report.workshops == workshop_counts(session, PARIS, 2026)
    data = json.loads(json.dumps(report.as_json()))
    assert data["workshops"]["trainee_hours"] == 12.5
    assert data["workshops"]["by_funder"][1]["key"] == "FSE+ Inclusion"
    assert YearlyReport.from_json(data) == report


def test_a_year_without_workshops_shows_zeros(site: Site) -> None:
    report = local_report(site.sessions, 2026, PARIS, NOW)
    assert report.workshops == WorkshopCounts.none(2026)
    assert "2026,workshops,trainee_hours,0.0" in report_csv(report).splitlines()
    table = format_table(report)
    assert "Workshops and trainings in 2026" in table and "by funder label" not in table


def _garble(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    change(copy["workshops"])
    return copy


GARBLED: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "negative hours": (lambda w: w.update(trainee_hours=-1), "-1 is not a number of hours"),
    "hours as text": (lambda w: w.update(trainee_hours="12,5"), "'12,5' is not a number of"),
    "hours as a boolean": (lambda w: w.update(trainee_hours=True), "True is not a number"),
    "infinite hours": (lambda w: w.update(trainee_hours=float("inf")), "inf is not a number"),
    "trainees with decimals": (lambda w: w.update(trainees=2.5), "2.5 is not a count"),
    "no sessions": (lambda w: w.pop("sessions"), "workshop counts lack or garble 'sessions'"),
    "another year": (lambda w: w.update(year=2025), "workshop counts of 2025 in a 2026 report"),
    "funders not a list": (lambda w: w.update(by_funder={"FSE+": 3}), "by_funder is not a list"),
    "a funder with no name": (
        lambda w: w["by_funder"][0].update(key=" "),
        "' ' is not a funder label or an age bracket",
    ),
    "an age with no hours": (
        lambda w: w["by_age"][0].pop("trainee_hours"),
        "lack or garble 'trainee_hours'",
    ),
    "an age that is a number": (
        lambda w: w["by_age"].append(3),
        "a group of workshop counts is not an object",
    ),
}


@pytest.mark.parametrize(("change", "message"), GARBLED.values(), ids=GARBLED.keys())
def test_a_garbled_server_answer_is_a_clear_error(
    site: Site, year: dict[str, str], change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = local_report(site.sessions, 2026, PARIS, NOW).as_json()
    with pytest.raises(ValueError, match=re.escape(message)):
        YearlyReport.from_json(_garble(data, change))
    data["workshops"] = "lots"
    with pytest.raises(ValueError, match="workshop counts are not an object"):
        YearlyReport.from_json(data)


def test_a_server_without_workshop_counts_reads_as_zeros(site: Site, year: dict[str, str]) -> None:
    data = local_report(site.sessions, 2026, PARIS, NOW).as_json()
    del data["workshops"]
    assert YearlyReport.from_json(data).workshops == WorkshopCounts.none(2026)


def test_csv_xlsx_and_table_show_the_workshops(
    site: Site, year: dict[str, str], tmp_path: Path
) -> None:
    report = local_report(site.sessions, 2026, PARIS, NOW)
    rows = report_csv(report).splitlines()
    for row in (
        "2026,workshops,workshops,2",
        "2026,workshops,sessions,4",
        "2026,workshops,half_days,4",
        "2026,workshops,trainees,3",
        "2026,workshops,trainee_hours,12.5",
        "2026,workshops_by_funder_trainees,FSE+ Inclusion,2",
        "2026,workshops_by_funder_trainee_hours,FSE+ Inclusion,7.5",
        "2026,workshops_by_funder_sessions,-,2",
        "2026,workshops_by_age_trainees,unknown,1",
        "2026,workshops_by_age_trainee_hours,45-64,7.5",
    ):
        assert row in rows
    book = load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    cells = [tuple(r) for r in book.active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert ("workshops", "trainee_hours", 12.5) in cells
    assert ("workshops_by_funder_workshops", "FSE+ Inclusion", 1) in cells
    table = format_table(report)
    assert "trainee-hours            12.5" in table
    assert "trainees (different)        3" in table
    assert "FSE+ Inclusion" in table and "(none)" in table
    assert "    unknown" in table


def test_the_csv_for_people_writes_hours_with_the_languages_decimal_mark(
    site: Site, year: dict[str, str]
) -> None:
    report = local_report(site.sessions, 2026, PARIS, NOW)
    words = SheetWords(("A", "B", "C", "D"), lambda s: s, lambda _s, k: k, decimal_point=",")
    rows = list(csv.reader(spreadsheet_csv(report, words).splitlines(), delimiter=";"))
    assert ["2026", "workshops", "trainee_hours", "12,5"] in rows
    assert ["2026", "workshops", "trainees", "3"] in rows


def test_a_funder_label_never_runs_as_a_formula(site: Site, tmp_path: Path) -> None:
    report = local_report(site.sessions, 2026, PARIS, NOW)
    label = '=HYPERLINK("http://example.invalid","clic")'
    rogue = replace(
        report,
        workshops=replace(
            report.workshops,
            by_funder=(GroupCounts(label, 1, 1, 1, 2.0), GroupCounts("+1", 1, 1, 1, 1.0)),
        ),
    )
    book = load_workbook(write_xlsx(rogue, tmp_path / "r.xlsx"))
    sheet = book.active
    assert sheet is not None
    found = [row for row in sheet.iter_rows() if row[1].value == label]
    assert found and all(row[1].data_type == "s" for row in found)
    words = SheetWords(("A", "B", "C", "D"), lambda s: s, lambda _s, k: k)
    rows = list(csv.reader(spreadsheet_csv(rogue, words).splitlines(), delimiter=";"))
    assert ["2026", "workshops_by_funder_trainees", "'" + label, "1"] in rows
    assert ["2026", "workshops_by_funder_trainees", "'+1", "1"] in rows


def test_the_report_command_shows_the_workshops(
    site: Site, year: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(site.data_dir.path)
    assert main(["report", "--data-dir", data_dir, "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["workshops"]["trainees"], data["workshops"]["trainee_hours"]) == (3, 12.5)
    assert main(["report", "--data-dir", data_dir, "--year", "2026"]) == 0
    assert "Workshops and trainings in 2026" in capsys.readouterr().out
    assert main(["report", "--data-dir", data_dir, "--year", "2026", "--format", "csv"]) == 0
    assert "2026,workshops,trainees,3" in capsys.readouterr().out.splitlines()
