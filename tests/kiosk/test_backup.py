"""``fablab-kiosk backup``: real SQLite copies of a real site, and what happens when the
copy cannot be made (the older backups must survive, no half file may look like one)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.care.backup import BACKUP_NAME, BackupError, backup_database, list_backups
from kiosk.cli.main import main
from kiosk.models import Member
from kiosk.site import Site, open_site

DAY = date(2026, 11, 25)


@pytest.fixture
def members(make_member: Callable[..., Member]) -> list[Member]:
    return [make_member(name) for name in ("Camille", "Dominique", "Sacha")]


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file in *folder* (hidden ones too) with its size and modification time."""
    return {
        p.name: (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.iterdir()
        if p.name != ".backup.lock"
    }


def test_the_copy_opens_as_a_site_with_the_members(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    result = backup_database(site.data_dir.database_file, folder, day=DAY)

    assert result.path == folder / "kiosk-2026-11-25.sqlite3"
    assert (result.members, result.visits) == (3, 0)
    assert result.kept == (result.path,) and result.removed == ()
    # one plain file: no -wal beside it, no temporary left, readable by the kiosk user only
    assert sorted(p.name for p in folder.iterdir()) == [".backup.lock", result.path.name]
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    with sqlite3.connect(result.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # Restoring is copying it over kiosk.sqlite3: the site opens with the same members.
    restored = tmp_path / "restored"
    restored.mkdir()
    for name in ("config.toml", "site.key"):
        (restored / name).write_bytes((site.data_dir.path / name).read_bytes())
    (restored / "kiosk.sqlite3").write_bytes(result.path.read_bytes())
    with open_site(restored).sessions() as session:
        names = sorted(session.scalars(select(Member.first_name)))
    assert names == ["Camille", "Dominique", "Sacha"]


def test_a_second_run_the_same_day_replaces_that_days_copy(
    site: Site, members: list[Member], make_member: Callable[..., Member], tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    backup_database(site.data_dir.database_file, folder, day=DAY)
    make_member("Noa")
    result = backup_database(site.data_dir.database_file, folder, day=DAY)
    assert result.members == 4
    assert list_backups(folder) == [folder / "kiosk-2026-11-25.sqlite3"]


def test_the_copy_is_made_while_the_kiosk_is_writing(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    """VACUUM INTO reads one snapshot: an open write transaction neither blocks it nor
    slips half into the copy."""
    writer = sqlite3.connect(site.data_dir.database_file)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(f"DELETE FROM {Member.__tablename__}")
        result = backup_database(site.data_dir.database_file, tmp_path / "b", day=DAY)
    finally:
        writer.rollback()
        writer.close()
    assert result.members == 3


def test_prune_keeps_the_seven_newest_and_leaves_other_files_alone(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("copied to the USB stick on Monday\n")
    (folder / "kiosk-before-update.sqlite3").write_bytes(b"a copy made by hand")
    days = [DAY - timedelta(days=n) for n in range(9, 0, -1)]  # oldest first
    for day in days:
        backup_database(site.data_dir.database_file, folder, day=day, keep=30)
    assert len(list_backups(folder)) == 9

    result = backup_database(site.data_dir.database_file, folder, day=DAY)

    newest = [DAY, *days[::-1][:6]]
    assert [p.name for p in result.kept] == [f"kiosk-{d.isoformat()}.sqlite3" for d in newest]
    assert sorted(p.name for p in result.removed) == [
        f"kiosk-{d.isoformat()}.sqlite3" for d in days[:3]
    ]
    assert list_backups(folder) == list(result.kept)
    assert (folder / "notes.txt").exists() and (folder / "kiosk-before-update.sqlite3").exists()


def test_a_failing_rename_leaves_nothing_behind_and_the_old_copies_untouched(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    """Today's name is taken by a directory: the copy is made, then cannot be put there."""
    folder = tmp_path / "backups"
    backup_database(site.data_dir.database_file, folder, day=DAY - timedelta(days=1))
    (folder / "kiosk-2026-11-25.sqlite3").mkdir()
    before = folder_state(folder)

    with pytest.raises(BackupError, match="failed: is a directory"):
        backup_database(site.data_dir.database_file, folder, day=DAY, keep=1)

    assert folder_state(folder) == before  # nothing pruned, no temporary file


def test_what_a_killed_run_left_is_cleaned_up(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / ".kiosk-2026-11-24.sqlite3.4242.tmp").write_bytes(b"half a copy")
    backup_database(site.data_dir.database_file, folder, day=DAY)
    assert sorted(p.name for p in folder.iterdir()) == [".backup.lock", "kiosk-2026-11-25.sqlite3"]


def test_a_folder_that_is_a_file_is_a_clear_error(site: Site, tmp_path: Path) -> None:
    taken = tmp_path / "usb"
    taken.write_text("not a folder")
    with pytest.raises(BackupError, match=r"cannot create the backup folder .*usb: file exists"):
        backup_database(site.data_dir.database_file, taken, day=DAY)
    assert taken.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_a_folder_without_write_permission_is_a_clear_error(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BackupError, match="cannot write in the backup folder"):
            backup_database(site.data_dir.database_file, folder, day=DAY)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_no_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match=r"no kiosk database at .*is --data-dir right"):
        backup_database(tmp_path / "kiosk.sqlite3", tmp_path / "backups", day=DAY)
    assert not (tmp_path / "backups").exists()


def add_ballast(site: Site) -> None:
    """~400 KiB more in the kiosk database."""
    with sqlite3.connect(site.data_dir.database_file) as conn:
        conn.execute("CREATE TABLE ballast (data BLOB)")
        conn.execute("INSERT INTO ballast VALUES (randomblob(400000))")
    conn.close()


def last_nights_copy(site: Site, folder: Path) -> None:
    assert main(["backup", "--data-dir", str(site.data_dir.path), "--dir", str(folder)]) == 0
    next(folder.glob("kiosk-*.sqlite3")).rename(folder / "kiosk-2026-01-01.sqlite3")


def test_a_file_size_limit_fails_in_one_line_and_keeps_last_nights_copy(
    site: Site, members: list[Member], tmp_path: Path
) -> None:
    """The command in a process whose files may not grow past 64 KiB (RLIMIT_FSIZE: the
    kernel answers EFBIG, which SQLite reports as an I/O error) on a ~400 KiB database."""
    add_ballast(site)
    folder = site.data_dir.path / "backups"
    last_nights_copy(site, folder)
    before = folder_state(folder)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "backup", "--data-dir", str(site.data_dir.path)],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("fablab-kiosk: backup not made: backup to ")
    assert done.stderr.endswith("failed: disk I/O error (the disk may be full, or failing)\n")
    assert folder_state(folder) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs: a disk that really fills up (ENOSPC). Needs root and mount rights."""
    where = tmp_path / "small-disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.mark.skipif(shutil.which("mount") is None, reason="no mount command")
def test_a_full_disk_fails_in_one_line_and_keeps_last_nights_copy(
    site: Site, members: list[Member], small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last_nights_copy(site, small_disk)  # ~100 KiB: fits
    add_ballast(site)  # now ~500 KiB: does not
    before = folder_state(small_disk)
    capsys.readouterr()

    status = main(["backup", "--data-dir", str(site.data_dir.path), "--dir", str(small_disk)])

    assert status == 1
    err = capsys.readouterr().err
    assert (
        err == f"fablab-kiosk: backup not made: backup to {small_disk} failed: the disk is full\n"
    )
    assert folder_state(small_disk) == before


def test_the_command_prints_what_it_did_and_json(
    site: Site, members: list[Member], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(site.data_dir.path)]
    assert main(["backup", *data]) == 0
    out = capsys.readouterr().out
    assert "3 members, 0 visits" in out
    assert f"1 backups kept in {site.data_dir.path / 'backups'}" in out

    other = tmp_path / "usb-stick"
    assert main(["backup", *data, "--dir", str(other), "--keep", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"path", "bytes", "members", "visits", "kept", "removed"}
    assert BACKUP_NAME.fullmatch(Path(report["path"]).name)
    assert Path(report["path"]).parent == other
    assert report["bytes"] == Path(report["path"]).stat().st_size
    assert report["members"] == 3

    with pytest.raises(SystemExit):
        main(["backup", *data, "--keep", "0"])
    assert "1 or more" in capsys.readouterr().err
