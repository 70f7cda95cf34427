"""The machine board: statuses staff set, machines members tap at check-in, and their
release at check-out, through the real SQLite database and the real check-in."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.checkin import Outcome, ScanResult, close_forgotten_visits, count_guests, scan
from kiosk.cli.main import main
from kiosk.config import MachineEntry
from kiosk.frontdesk import FrontDesk
from kiosk.machines import (
    MachineView,
    UseCheck,
    board,
    free,
    machine_json,
    missing_tutorial,
    photo_path,
    release_for_visit,
    set_status,
    start_using,
)
from kiosk.models import Certification, CheckinMethod, MachineStatus, Member
from kiosk.site import Site, open_site

MakeMember = Callable[..., Member]
Paris = Callable[..., datetime]
OFFSET = re.compile(r"[+-]\d\d:\d\d$")

MACHINES = (
    MachineEntry("prusa-1", "Prusa MK4 n°1", "3d_printer", "fablab", "fdm-printer", "prusa.jpg"),
    MachineEntry("laser", "Trotec Speedy 100", "laser_cutter", "fablab", "laser-cutter"),
    MachineEntry("vinyl", "Silhouette Cameo", "vinyl_cutter", "fablab"),
)


@pytest.fixture
def msite(site: Site) -> Site:
    """The test site with three machines in its catalogue (saved in config.toml too)."""
    site.settings = replace(site.settings, machines=MACHINES)
    site.data_dir.save_settings(site.settings)
    return site


@pytest.fixture(autouse=True)
def no_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI here must never touch the real user data directory."""
    monkeypatch.setenv("FABLAB_KIOSK_DATA", str(tmp_path / "env-data-dir-unused"))


def view_of(site: Site, machine_id: str, now: datetime) -> MachineView:
    with site.sessions() as session:
        return next(v for v in board(session, site.settings, now) if v.id == machine_id)


def set_at(
    site: Site, machine_id: str, status: MachineStatus, now: datetime, **kw: Any
) -> MachineView:
    with site.transaction() as session:
        return set_status(session, site.settings, machine_id, status, now=now, **kw)


def scan_code(site: Site, member: Member, now: datetime) -> ScanResult:
    """The member types their short code at the kiosk (in, or out if in)."""
    with site.transaction() as session:
        return scan(
            session,
            site.settings,
            site.secret,
            member.short_code,
            method=CheckinMethod.CODE,
            now=now,
        )


def check_in(site: Site, member: Member, now: datetime) -> str:
    result = scan_code(site, member, now)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.visit_id is not None
    return result.visit_id


def use(site: Site, member: Member, visit_id: str, ids: list[str], now: datetime) -> list[UseCheck]:
    with site.transaction() as session:
        return start_using(
            session, site.settings, visit_id=visit_id, member_id=member.id, machine_ids=ids, now=now
        )


def certify(site: Site, member: Member, tutorial: str, theory_at: datetime | None) -> None:
    with site.transaction() as session:
        session.add(Certification(member_id=member.id, tutorial=tutorial, theory_at=theory_at))


# --- the board and the statuses staff set ---------------------------------------------------


def test_board_lists_the_catalogue_in_order_all_available(msite: Site, now: datetime) -> None:
    with msite.sessions() as session:
        views = board(session, msite.settings, now)
    assert [v.id for v in views] == ["prusa-1", "laser", "vinyl"]
    assert all(v.status is MachineStatus.AVAILABLE for v in views)
    assert all(v.since is None and v.note is None and v.visit_id is None for v in views)
    prusa = views[0]
    assert (prusa.name, prusa.kind, prusa.space) == ("Prusa MK4 n°1", "3d_printer", "fablab")
    assert (prusa.tutorial, prusa.photo) == ("fdm-printer", "prusa.jpg")
    assert views[2].tutorial is None


def test_photo_is_kept_in_config_toml(msite: Site) -> None:
    reopened = open_site(msite.data_dir.path)
    assert reopened.settings.machines == MACHINES
    assert 'photo = "prusa.jpg"' in msite.data_dir.config_file.read_text()


def test_out_of_order_with_a_reason_then_available_clears_it(msite: Site, now: datetime) -> None:
    view = set_at(msite, "laser", MachineStatus.OUT_OF_ORDER, now, note="  Tube HS  ")
    assert view.status is MachineStatus.OUT_OF_ORDER
    assert view.note == "Tube HS"
    assert view.since == now
    assert view_of(msite, "laser", now + timedelta(hours=1)) == view

    later = now + timedelta(hours=2)
    back = set_at(msite, "laser", MachineStatus.AVAILABLE, later)
    assert (back.status, back.note, back.until, back.since) == (
        MachineStatus.AVAILABLE,
        None,
        None,
        later,
    )


def test_maintenance_and_in_use_by_staff(msite: Site, now: datetime) -> None:
    view = set_at(msite, "vinyl", MachineStatus.MAINTENANCE, now, note="Lame changée")
    assert (view.status, view.note) == (MachineStatus.MAINTENANCE, "Lame changée")
    view = set_at(msite, "vinyl", MachineStatus.IN_USE, now + timedelta(minutes=5))
    assert view.status is MachineStatus.IN_USE
    assert view.visit_id is None  # marked by staff, not by a visit
    assert view_of(msite, "vinyl", now).status is MachineStatus.IN_USE


def test_changing_only_the_reason_keeps_the_time_it_broke(msite: Site, now: datetime) -> None:
    set_at(msite, "laser", MachineStatus.OUT_OF_ORDER, now, note="Tube HS")
    view = set_at(
        msite, "laser", MachineStatus.OUT_OF_ORDER, now + timedelta(days=1), note="Tube commandé"
    )
    assert view.note == "Tube commandé"
    assert view.since == now


def test_reservation_reads_as_available_once_it_ends(
    msite: Site, now: datetime, paris: Paris
) -> None:
    until = paris(2026, 11, 25, 18, 0)
    view = set_at(msite, "laser", MachineStatus.RESERVED, now, note="Atelier", until=until)
    assert (view.status, view.until, view.note) == (MachineStatus.RESERVED, until, "Atelier")
    assert view_of(msite, "laser", paris(2026, 11, 25, 17, 59)).status is MachineStatus.RESERVED
    expired = view_of(msite, "laser", until)
    assert expired.status is MachineStatus.AVAILABLE
    assert (expired.note, expired.until, expired.since) == (None, None, until)


@pytest.mark.parametrize(
    ("status", "kwargs", "message"),
    [
        (MachineStatus.RESERVED, {}, "reservation needs an end time in the future"),
        (
            MachineStatus.RESERVED,
            {"until": datetime(2026, 11, 25, 12, 0).astimezone()},
            "in the future",
        ),
        (MachineStatus.OUT_OF_ORDER, {}, "why it is out of order"),
        (MachineStatus.OUT_OF_ORDER, {"note": "   "}, "why it is out of order"),
        (MachineStatus.MAINTENANCE, {}, "why it is in maintenance"),
        (
            MachineStatus.AVAILABLE,
            {"until": datetime(2027, 1, 1, 12).astimezone()},
            "only a reservation has an end time",
        ),
        (
            MachineStatus.OUT_OF_ORDER,
            {"note": "x", "until": datetime(2027, 1, 1, 12).astimezone()},
            "only a reservation",
        ),
        (MachineStatus.RESERVED, {"until": datetime(2027, 1, 1, 12)}, "time zone"),
        (MachineStatus.MAINTENANCE, {"note": "x" * 201}, "at most 200"),
    ],
)
def test_status_refusals_say_what_is_wrong_and_change_nothing(
    msite: Site, now: datetime, status: MachineStatus, kwargs: dict[str, Any], message: str
) -> None:
    set_at(msite, "laser", MachineStatus.MAINTENANCE, now, note="Nettoyage")
    with pytest.raises(ValueError, match=message):
        set_at(msite, "laser", status, now + timedelta(minutes=1), **kwargs)
    view = view_of(msite, "laser", now)
    assert (view.status, view.note, view.since) == (MachineStatus.MAINTENANCE, "Nettoyage", now)


def test_unknown_machine_lists_the_known_ones(msite: Site, now: datetime) -> None:
    with pytest.raises(
        ValueError, match=r"unknown machine 'cnc' \(machines: prusa-1, laser, vinyl\)"
    ):
        set_at(msite, "cnc", MachineStatus.AVAILABLE, now)


def test_staff_free_a_machine(msite: Site, make_member: MakeMember, now: datetime) -> None:
    member = make_member("Camille")
    visit_id = check_in(msite, member, now)
    use(msite, member, visit_id, ["vinyl"], now)
    with msite.transaction() as session:
        view = free(session, msite.settings, "vinyl", now=now + timedelta(minutes=30))
    assert (view.status, view.visit_id) == (MachineStatus.AVAILABLE, None)
    assert view_of(msite, "vinyl", now + timedelta(hours=1)).status is MachineStatus.AVAILABLE


# --- machines tapped at check-in --------------------------------------------------------------


def test_tapped_machines_are_marked_in_use_by_the_visit(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member("Camille")
    certify(msite, member, "fdm-printer", now - timedelta(days=3))
    visit_id = check_in(msite, member, now)
    checks = use(msite, member, visit_id, ["prusa-1", "vinyl", "prusa-1"], now)
    assert checks == [
        UseCheck("prusa-1", "Prusa MK4 n°1", missing_tutorial=None, refused=None),
        UseCheck("vinyl", "Silhouette Cameo", missing_tutorial=None, refused=None),
    ]
    for machine_id in ("prusa-1", "vinyl"):
        view = view_of(msite, machine_id, now)
        assert (view.status, view.visit_id, view.since) == (MachineStatus.IN_USE, visit_id, now)
    # Tapping it again in the same visit is harmless.
    [again] = use(msite, member, visit_id, ["prusa-1"], now + timedelta(minutes=1))
    assert again.marked_in_use and view_of(msite, "prusa-1", now).since == now


def test_a_member_without_the_tutorial_is_told_which_and_still_gets_the_machine(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member("Léa")
    certify(msite, member, "laser-cutter", None)  # started, theory not passed yet
    visit_id = check_in(msite, member, now)
    [laser] = use(msite, member, visit_id, ["laser"], now)
    assert laser.missing_tutorial == "laser-cutter"
    assert laser.refused is None and laser.marked_in_use
    assert view_of(msite, "laser", now).status is MachineStatus.IN_USE


def test_missing_tutorial_counts_the_theory_not_the_practical(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member("Inès")
    laser, vinyl = MACHINES[1], MACHINES[2]
    with msite.sessions() as session:
        assert missing_tutorial(session, member.id, laser) == "laser-cutter"
        assert missing_tutorial(session, member.id, vinyl) is None  # needs none
    certify(msite, member, "laser-cutter", now)  # theory passed, practical not confirmed
    with msite.sessions() as session:
        assert missing_tutorial(session, member.id, laser) is None


def test_unavailable_machines_are_refused_with_the_reason(
    msite: Site, make_member: MakeMember, now: datetime, paris: Paris
) -> None:
    camille, hugo = make_member("Camille"), make_member("Hugo")
    set_at(msite, "laser", MachineStatus.OUT_OF_ORDER, now, note="Tube HS")
    first = check_in(msite, camille, now)
    use(msite, camille, first, ["vinyl"], now)
    until = paris(2026, 11, 25, 18, 0)
    set_at(msite, "prusa-1", MachineStatus.RESERVED, now, note="Atelier", until=until)

    second = check_in(msite, hugo, now + timedelta(minutes=5))
    checks = use(msite, hugo, second, ["laser", "vinyl", "prusa-1"], now + timedelta(minutes=5))
    assert [(c.machine_id, c.refused, c.note, c.until) for c in checks] == [
        ("laser", MachineStatus.OUT_OF_ORDER, "Tube HS", None),
        ("vinyl", MachineStatus.IN_USE, None, None),
        ("prusa-1", MachineStatus.RESERVED, "Atelier", until),
    ]
    assert not any(c.marked_in_use for c in checks)
    assert checks[0].missing_tutorial == "laser-cutter"  # said as well, for next time
    # Nothing changed: the vinyl cutter is still Camille's, the laser still broken.
    assert view_of(msite, "vinyl", now).visit_id == first
    assert view_of(msite, "laser", now).status is MachineStatus.OUT_OF_ORDER

    # Once the reservation has ended, the printer can be taken.
    [printer] = use(msite, hugo, second, ["prusa-1"], until + timedelta(minutes=1))
    assert printer.marked_in_use
    assert view_of(msite, "prusa-1", until).visit_id == second


def test_start_using_refuses_unknown_machines_and_closed_or_foreign_visits(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    camille, hugo = make_member("Camille"), make_member("Hugo")
    visit_id = check_in(msite, camille, now)
    with pytest.raises(ValueError, match="unknown machine 'cnc'"):
        use(msite, camille, visit_id, ["vinyl", "cnc"], now)
    assert view_of(msite, "vinyl", now).status is MachineStatus.AVAILABLE  # all or nothing
    with pytest.raises(ValueError, match="not this member's"):
        use(msite, hugo, visit_id, ["vinyl"], now)
    with pytest.raises(LookupError):
        use(msite, camille, "no-such-visit", ["vinyl"], now)
    assert scan_code(msite, camille, now + timedelta(hours=1)).outcome is Outcome.CHECKED_OUT
    with pytest.raises(ValueError, match="closed"):
        use(msite, camille, visit_id, ["vinyl"], now + timedelta(hours=1))


# --- released at check-out -----------------------------------------------------------------


def test_check_out_by_scan_frees_the_visits_machines(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    camille, hugo = make_member("Camille"), make_member("Hugo")
    visit_id = check_in(msite, camille, now)
    other = check_in(msite, hugo, now)
    use(msite, camille, visit_id, ["prusa-1", "laser"], now)
    use(msite, hugo, other, ["vinyl"], now)

    out_at = now + timedelta(hours=2)
    with msite.transaction() as session:
        result = scan(
            session,
            msite.settings,
            msite.secret,
            msite.badge_token(camille),
            method=CheckinMethod.BADGE,
            now=out_at,
        )
    assert result.outcome is Outcome.CHECKED_OUT
    for machine_id in ("prusa-1", "laser"):
        view = view_of(msite, machine_id, out_at)
        assert (view.status, view.visit_id, view.since) == (MachineStatus.AVAILABLE, None, out_at)
    assert view_of(msite, "vinyl", out_at).visit_id == other  # Hugo is still at it


def test_auto_close_at_closing_time_frees_the_machines(
    msite: Site, make_member: MakeMember, now: datetime, paris: Paris
) -> None:
    member = make_member("Camille")
    visit_id = check_in(msite, member, now)
    use(msite, member, visit_id, ["laser"], now)
    with msite.transaction() as session:
        assert close_forgotten_visits(session, msite.settings, now) == 0
    assert view_of(msite, "laser", now).status is MachineStatus.IN_USE
    with msite.transaction() as session:
        assert close_forgotten_visits(session, msite.settings, paris(2026, 11, 26, 9, 0)) == 1
    view = view_of(msite, "laser", paris(2026, 11, 26, 9, 0))
    assert (view.status, view.since) == (MachineStatus.AVAILABLE, paris(2026, 11, 25, 23, 0))


def test_next_days_scan_closes_the_forgotten_visit_and_frees_its_machine(
    msite: Site, make_member: MakeMember, now: datetime, paris: Paris
) -> None:
    member = make_member("Camille")
    visit_id = check_in(msite, member, now)
    use(msite, member, visit_id, ["laser"], now)
    check_in(msite, member, paris(2026, 11, 26, 14, 0))  # a new visit; yesterday's auto-closed
    assert view_of(msite, "laser", paris(2026, 11, 26, 14, 0)).status is MachineStatus.AVAILABLE


def test_release_for_visit_counts_and_leaves_others_alone(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member("Camille")
    visit_id = check_in(msite, member, now)
    use(msite, member, visit_id, ["prusa-1", "vinyl"], now)
    set_at(msite, "laser", MachineStatus.OUT_OF_ORDER, now, note="Tube HS")
    with msite.transaction() as session:
        assert release_for_visit(session, visit_id, now=now) == 2
    with msite.transaction() as session:
        assert release_for_visit(session, visit_id, now=now) == 0
    assert view_of(msite, "laser", now).status is MachineStatus.OUT_OF_ORDER


# --- front desk -------------------------------------------------------------------------------


class FixedDesk(FrontDesk):
    def __init__(self, site: Site, at: datetime) -> None:
        super().__init__(site)
        self.at = at

    def now(self) -> datetime:
        return self.at


def test_front_desk_offers_the_machine_use_cases(
    msite: Site, make_member: MakeMember, now: datetime
) -> None:
    desk = FixedDesk(msite, now)
    member = make_member("Camille")
    result = desk.scan(member.short_code, CheckinMethod.CODE)
    assert result.visit_id is not None
    [check] = desk.start_using(result.visit_id, ["laser"])
    assert check.missing_tutorial == "laser-cutter" and check.marked_in_use
    assert [v.status for v in desk.board()] == [
        MachineStatus.AVAILABLE,
        MachineStatus.IN_USE,
        MachineStatus.AVAILABLE,
    ]
    assert desk.free_machine("laser").status is MachineStatus.AVAILABLE
    view = desk.set_machine_status("vinyl", MachineStatus.MAINTENANCE, note="Lame")
    assert view.note == "Lame"
    with pytest.raises(ValueError, match="why"):
        desk.set_machine_status("vinyl", MachineStatus.OUT_OF_ORDER)
    with msite.transaction() as session:
        guest_visit_id = count_guests(session, msite.settings, head_count=2, now=now).id
    with pytest.raises(LookupError):  # guests are counted, they do not take machines
        desk.start_using(guest_visit_id, ["vinyl"])


# --- JSON and the command line ------------------------------------------------------------------


def test_machine_json_shape(msite: Site, now: datetime, paris: Paris) -> None:
    until = paris(2026, 11, 26, 18, 0)
    view = set_at(msite, "laser", MachineStatus.RESERVED, now, note="Atelier", until=until)
    data = machine_json(view, msite.settings.tz)
    assert data == {
        "id": "laser",
        "name": "Trotec Speedy 100",
        "kind": "laser_cutter",
        "space": "fablab",
        "tutorial": "laser-cutter",
        "photo": None,
        "status": "reserved",
        "note": "Atelier",
        "until": "2026-11-26T18:00:00+01:00",
        "since": "2026-11-25T14:00:00+01:00",
    }
    with msite.sessions() as session:
        fresh = machine_json(board(session, msite.settings, now)[0], msite.settings.tz)
    assert (fresh["status"], fresh["since"], fresh["until"]) == ("available", None, None)
    json.dumps(data)  # plain JSON types only


def run_cli(site: Site, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([argv[0], "--data-dir", str(site.data_dir.path), *argv[1:]])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_machines_lists_the_board(msite: Site, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(msite, capsys, "machines", "--json")
    assert status == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["prusa-1", "laser", "vinyl"]
    assert {r["status"] for r in rows} == {"available"}

    status, out, _ = run_cli(msite, capsys, "machines")
    assert status == 0
    assert "Trotec Speedy 100" in out
    assert "available; needs the laser-cutter tutorial" in out
    assert "no tutorial needed" in out


def test_cli_machines_set(msite: Site, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        msite, capsys, "machines", "set", "laser", "out_of_order", "--note", "Tube HS"
    )
    assert status == 0, err
    assert "out of order (Tube HS)" in out

    # --data-dir and --json may also come after `set`.
    capsys.readouterr()
    status = main(
        [
            *("machines", "set", "prusa-1", "reserved", "--until", "2099-06-01T18:00"),
            *("--data-dir", str(msite.data_dir.path), "--json"),
        ]
    )
    row = json.loads(capsys.readouterr().out)
    assert status == 0
    assert row["status"] == "reserved"
    assert row["until"] == "2099-06-01T18:00:00+02:00"  # naive: site local time (summer)
    assert OFFSET.search(row["since"])

    status, out, _ = run_cli(msite, capsys, "machines", "--json")
    by_id = {r["id"]: r for r in json.loads(out)}
    assert (by_id["laser"]["status"], by_id["laser"]["note"]) == ("out_of_order", "Tube HS")
    assert by_id["prusa-1"]["status"] == "reserved"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cnc", "available"], "unknown machine 'cnc' (machines: prusa-1, laser, vinyl)"),
        (["laser", "maintenance"], "why it is in maintenance"),
        (["laser", "reserved"], "end time in the future"),
        (["laser", "reserved", "--until", "demain"], "'demain' is not a date and time"),
        (["laser", "available", "--until", "2099-01-01T10:00"], "only a reservation"),
    ],
)
def test_cli_machines_set_refusals(
    msite: Site, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run_cli(msite, capsys, "machines", "set", *argv)
    assert status == 1
    assert message in err
    assert out == ""


def test_cli_machines_set_refuses_an_unknown_status(
    msite: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli(msite, capsys, "machines", "set", "laser", "broken")
    assert exc.value.code == 2
    assert "invalid choice: 'broken'" in capsys.readouterr().err


def test_photo_is_looked_for_in_the_data_dir(msite: Site) -> None:
    assert photo_path(msite.data_dir.path, "prusa.jpg") is None  # not there yet
    (msite.data_dir.path / "prusa.jpg").write_bytes(b"\xff\xd8")
    assert photo_path(msite.data_dir.path, "prusa.jpg") == msite.data_dir.path / "prusa.jpg"
    assert photo_path(msite.data_dir.path, None) is None
