"""The kiosk's own storage under faults: scans at once, a full disk, damaged files, kills.

Everything here runs real processes on real SQLite files: the kiosk, the CLI and a
second kiosk process may touch the same database at the same moment, and power cuts
and full disks happen to kiosks left alone all year.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.care.doctor import check_database
from kiosk.checkin import Outcome
from kiosk.frontdesk import FrontDesk, StorageError
from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, Member, Visit
from kiosk.site import Site, init_site
from kiosk.storage import StorageFault, database_file_problem
from tests.conftest import fill

MakeMember = Callable[..., Member]

# One check-in in a process of its own; it says it is ready, then waits for "go" so
# that all of them scan in the same few milliseconds.
SCANNER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.checkin import scan
    from kiosk.models import CheckinMethod
    from kiosk.site import open_site

    site = open_site(Path(sys.argv[1]))
    token, gate = sys.argv[2], Path(sys.argv[3])
    (gate.parent / f"ready-{sys.argv[4]}").touch()
    while not gate.exists():
        time.sleep(0.0005)
    with site.transaction() as session:
        result = scan(session, site.settings, site.secret, token,
                      method=CheckinMethod.BADGE, now=site.now())
    print(result.outcome.value, flush=True)
    """
)


def _run_together(site: Site, token: str, count: int, tmp_path: Path) -> list[str]:
    gate_dir = tmp_path / "gate"
    gate_dir.mkdir()
    gate = gate_dir / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCANNER, str(site.data_dir.path), token, str(gate), str(i)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(list(gate_dir.glob("ready-*"))) < count:
        assert time.monotonic() < deadline, "the scanner processes did not start"
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.01)
    gate.touch()
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    return outcomes


def test_eight_scans_of_one_badge_at_once_make_one_visit(
    site: Site, make_member: MakeMember, tmp_path: Path
) -> None:
    member = make_member("Camille")
    outcomes = _run_together(site, site.badge_token(member), 8, tmp_path)
    with site.sessions() as session:
        visits = list(session.scalars(select(Visit).where(Visit.member_id == member.id)))
    assert len(visits) == 1
    assert sorted(outcomes) == ["checked_in"] + ["repeat"] * 7


# --- the CLI, as a volunteer runs it ------------------------------------------------------


def fablab_kiosk(*words: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``fablab-kiosk WORDS --data-dir DIR`` in a process of its own (no Qt needed)."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *words, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def said_plainly(result: subprocess.CompletedProcess[str]) -> str:
    """stderr, after checking it is a few lines of words and not a traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 3, result.stderr
    return result.stderr


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    """One query on its own connection, closed after (an open one would lose its locks
    when this process opens and closes the file: POSIX advisory locks are per process)."""
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return list(conn.execute(sql))


def member_count(database: Path) -> int:
    return int(query(database, "SELECT count(*) FROM member")[0][0])


def integrity(database: Path) -> list[str]:
    return [row[0] for row in query(database, "PRAGMA integrity_check")]


@pytest.fixture
def backed_up(site: Site, make_member: MakeMember) -> Site:
    """A site with three members and last night's backup of them."""
    for name in ("Camille", "Sacha", "Noa"):
        make_member(name)
    result = fablab_kiosk("backup", data_dir=site.data_dir.path)
    assert result.returncode == 0, result.stderr
    site.sessions.kw["bind"].dispose()  # this process keeps no connection: the kiosk "stopped"
    return site


@pytest.mark.parametrize("damage", ["emptied", "deleted", "cut short", "overwritten"])
def test_a_damaged_database_is_refused_then_restored(backed_up: Site, damage: str) -> None:
    site = backed_up
    database = site.data_dir.database_file
    size = database.stat().st_size
    if damage == "emptied":
        database.write_bytes(b"")
    elif damage == "deleted":
        database.unlink()
    elif damage == "cut short":
        with database.open("r+b") as fh:
            fh.truncate(size // 2)
    else:
        with database.open("r+b") as fh:
            fh.write(b"\0" * 4096)  # the header page gone
    before = database.read_bytes() if database.exists() else None

    for words in (["member", "list"], ["checkin", "NOPE"]):
        result = fablab_kiosk(*words, data_dir=site.data_dir.path)
        assert result.returncode == 1
        assert "backup restore" in said_plainly(result)
    # nothing was replaced behind anyone's back: no new empty database
    assert (database.read_bytes() if database.exists() else None) == before
    [found] = check_database(database)  # what `fablab-kiosk doctor` says of it
    assert found.status == "problem" and "backup restore" in (found.fix or "")

    restored = fablab_kiosk("backup", "restore", data_dir=site.data_dir.path)
    assert restored.returncode == 0, restored.stderr
    assert "3 members" in restored.stdout
    assert member_count(database) == 3 and integrity(database) == ["ok"]
    aside = list(database.parent.glob("kiosk.sqlite3.damaged-*"))
    assert [p.read_bytes() for p in aside if p.suffix != ".sqlite3-wal"][:1] == (
        [before] if before is not None else []
    )
    assert fablab_kiosk("member", "list", data_dir=site.data_dir.path).returncode == 0


def test_restore_skips_a_damaged_backup_and_refuses_while_the_kiosk_runs(
    backed_up: Site, make_member: MakeMember
) -> None:
    site = backed_up
    folder = site.data_dir.path / "backups"
    [older] = list(folder.glob("kiosk-*.sqlite3"))
    older.rename(folder / "kiosk-2020-01-01.sqlite3")
    make_member("Alix")
    assert fablab_kiosk("backup", data_dir=site.data_dir.path).returncode == 0
    [newest] = [p for p in folder.glob("kiosk-*.sqlite3") if "2020" not in p.name]
    with newest.open("r+b") as fh:
        fh.truncate(newest.stat().st_size // 2)
    listed = fablab_kiosk("backup", "list", data_dir=site.data_dir.path)
    assert "DAMAGED" in listed.stdout and "3 members" in listed.stdout

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; f=open(sys.argv[1], 'r+b'); print(1, flush=True); time.sleep(60)",
            str(site.data_dir.database_file),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        refused = fablab_kiosk("backup", "restore", data_dir=site.data_dir.path)
        assert refused.returncode == 1 and "stop it first" in said_plainly(refused)
    finally:
        holder.kill()
        holder.wait()
    site.sessions.kw["bind"].dispose()  # make_member's connection: the kiosk "stopped"
    restored = fablab_kiosk("backup", "restore", data_dir=site.data_dir.path)
    assert restored.returncode == 0, restored.stderr
    assert f"Not {newest.name}" in restored.stdout
    assert member_count(site.data_dir.database_file) == 3


def test_a_missing_site_key_says_restore_it_not_init(backed_up: Site) -> None:
    site = backed_up
    key = site.data_dir.secret_file.read_bytes()
    site.data_dir.secret_file.unlink()
    result = fablab_kiosk("member", "list", data_dir=site.data_dir.path)
    assert result.returncode == 1 and "site.key" in said_plainly(result)
    assert "do not run 'fablab-kiosk init'" in result.stderr
    copy = site.data_dir.path / "backups" / "site.key"
    assert f"copy it back from the nightly backup ({copy}" in said_plainly(result)
    init = fablab_kiosk("init", data_dir=site.data_dir.path)
    assert init.returncode == 1 and "site.key is missing" in said_plainly(init)
    assert f"from the nightly backup ({copy}" in said_plainly(init)
    restored = fablab_kiosk("backup", "restore", data_dir=site.data_dir.path)
    assert restored.returncode == 0 and "site.key brought back" in restored.stdout
    assert site.data_dir.secret_file.read_bytes() == key
    assert site.data_dir.secret_file.stat().st_mode & 0o777 == 0o600


# --- a full disk (a small tmpfs: root only) ---------------------------------------------


def test_a_full_disk_is_said_and_loses_nothing(small_disk: Path) -> None:
    data_dir = small_disk / "kiosk"
    assert fablab_kiosk("init", data_dir=data_dir).returncode == 0
    for name in ("Camille", "Sacha"):
        added = fablab_kiosk("member", "add", "--first-name", name, "--json", data_dir=data_dir)
        assert added.returncode == 0, added.stderr
    codes = [
        m["short_code"]
        for m in json.loads(fablab_kiosk("member", "list", "--json", data_dir=data_dir).stdout)
    ]
    assert fablab_kiosk("checkin", codes[0], data_dir=data_dir).returncode == 0
    filler = fill(small_disk)

    result = fablab_kiosk("checkin", codes[1], data_dir=data_dir)
    assert result.returncode == 1
    assert "the disk is full" in said_plainly(result)
    [found] = check_database(data_dir / "kiosk.sqlite3")  # what `doctor` says of it
    assert "the disk is full" in found.detail and "damaged" not in found.detail
    assert "restore" not in (found.fix or "") and "free some space" in (found.fix or "")

    filler.unlink()
    again = fablab_kiosk("checkin", codes[1], data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    visits = json.loads(fablab_kiosk("visits", "--json", data_dir=data_dir).stdout)
    assert len(visits) == 2  # the one made before the disk filled, and the one after
    assert integrity(data_dir / "kiosk.sqlite3") == ["ok"]


# --- power cut: SIGKILL in the middle of check-ins -----------------------------------------

CHECKING_IN = textwrap.dedent(
    """
    import sys
    from datetime import timedelta
    from pathlib import Path
    from kiosk.checkin import scan
    from kiosk.models import CheckinMethod
    from kiosk.site import open_site

    site = open_site(Path(sys.argv[1]))
    start = site.now() + timedelta(days=int(sys.argv[2]))
    codes = sys.argv[3:]
    for n in range(100000):
        code = codes[n % len(codes)]
        with site.transaction() as session:
            result = scan(session, site.settings, site.secret, code, method=CheckinMethod.CODE,
                          now=start + timedelta(minutes=n))
        print(result.visit_id, result.outcome.value, flush=True)  # confirmed: committed
    """
)


def test_sigkill_during_check_ins_loses_no_confirmed_one(
    site: Site, make_member: MakeMember
) -> None:
    codes = [make_member(f"Member {i}").short_code for i in range(5)]
    site.sessions.kw["bind"].dispose()
    confirmed: dict[str, set[str]] = collections.defaultdict(set)
    for round_ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHECKING_IN, str(site.data_dir.path), str(round_), *codes],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        lines = []
        while len(lines) < 20 + 7 * round_:
            line = proc.stdout.readline()
            assert line, "the check-in process stopped by itself"
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in [*lines, *rest.splitlines()]:
            if line.strip():
                visit_id, outcome = line.split()
                confirmed[outcome].add(visit_id)
        database = site.data_dir.database_file
        assert database_file_problem(database) is None
        assert integrity(database) == ["ok"]
        stored = dict(query(database, "SELECT id, checked_out_at FROM visit"))
        assert confirmed["checked_in"] <= set(stored), (round_, len(stored), len(lines), rest[:300])
        assert all(stored[v] is not None for v in confirmed["checked_out"])
        # and the kiosk opens it as usual
        assert fablab_kiosk("visits", data_dir=site.data_dir.path).returncode == 0


# --- another user's files ---------------------------------------------------------------

AS_ANOTHER_USER = textwrap.dedent(
    """
    import os, sys
    from kiosk.cli.main import main
    import kiosk.members, kiosk.site, kiosk.storage  # imported while they can be read
    if os.geteuid() == 0:  # a volunteer's account, not the kiosk's: nobody
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("words", [["member", "list"], ["checkin", "ABCD2345"], ["backup"]])
def test_without_sudo_on_an_installed_kiosk_it_says_run_it_with_sudo(
    site: Site, words: list[str]
) -> None:
    data_dir = site.data_dir.path
    data_dir.chmod(0o750)  # as install.sh makes /var/lib/fablab-kiosk
    if os.geteuid() != 0:
        data_dir.chmod(0o000)
    try:
        done = subprocess.run(
            [sys.executable, "-c", AS_ANOTHER_USER, *words, "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        data_dir.chmod(0o750)
    assert done.returncode == 1
    said = said_plainly(done)
    assert "sudo" in said and ("permission denied" in said or "cannot write" in said), said


def test_the_kiosk_screen_is_told_the_disk_is_full_and_recovers(small_disk: Path) -> None:
    """What the door's screen calls (FrontDesk): a typed StorageError saying "disk full",
    not a database error; the kiosk records again once there is room, same process."""
    site = init_site(small_disk / "kiosk", "Fablab Test")
    with site.transaction() as session:
        codes = [
            register_member(
                session, NewMember(first_name=f"M{i}"), consent_at=site.now()
            ).short_code
            for i in range(3)
        ]
    desk = FrontDesk(site)
    try:
        assert desk.scan(codes[0], CheckinMethod.CODE).outcome is Outcome.CHECKED_IN
        filler = fill(small_disk)
        with pytest.raises(StorageError) as refused:
            desk.scan(codes[1], CheckinMethod.CODE)
        assert refused.value.fault is StorageFault.DISK_FULL
        assert str(refused.value).startswith("the disk is full")
        filler.unlink()
        assert desk.scan(codes[1], CheckinMethod.CODE).outcome is Outcome.CHECKED_IN
    finally:
        site.sessions.kw["bind"].dispose()
    assert len(query(site.data_dir.database_file, "SELECT id FROM visit")) == 2
