"""``fablab-kiosk backup restore``: put a nightly backup back as the kiosk's database.

What a volunteer did by hand from docs/install.md, in one command that cannot make it
worse: the backup is checked (``PRAGMA quick_check``, members and visits counted) before
anything moves; if the newest fails its check the next newest is taken (and said); the
kiosk must be stopped (no process may have the database open); the copy is written
beside the database under a hidden name, flushed, checked again, and only then renamed
over it, so a power cut leaves either the old file or the whole backup. The damaged
file and its ``-wal``/``-shm`` are kept aside (``kiosk.sqlite3.damaged-<time>``), never
deleted. A missing ``site.key`` comes back too, from the copy the backup keeps of it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from kiosk.care.backup import BACKUP_NAME, KEY_COPY, BackupError, list_backups
from kiosk.models import Member, Visit
from kiosk.storage import fsync_dir

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    members: int
    visits: int


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    database: Path
    set_aside: tuple[Path, ...]  # the files that were there before, renamed, not deleted
    skipped: tuple[tuple[Path, str], ...]  # newer backups that failed their check, and why
    key_restored: bool


def inspect_backup(path: Path) -> BackupInfo:
    """Check a backup without changing it; :class:`BackupError` says why it is no good."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be opened: {exc}") from exc
    try:
        verdict = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        if verdict != ["ok"]:
            raise BackupError(f"{path.name} fails its check ({'; '.join(verdict[:2])})")
        members = conn.execute(f"SELECT count(*) FROM {Member.__tablename__}").fetchone()[0]
        visits = conn.execute(f"SELECT count(*) FROM {Visit.__tablename__}").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} is not a kiosk backup: {exc}") from exc
    finally:
        conn.close()
    return BackupInfo(path, path.stat().st_size, int(members), int(visits))


def holders(database: Path) -> list[int]:
    """Other processes that have the database (or its -wal/-shm) open for writing, from
    /proc. The kiosk's SQLite opens them read-write; a read-only descriptor (the doctor,
    the header check of :mod:`kiosk.storage`) cannot write into the restored file."""
    names = {str(database), *(f"{database}{s}" for s in SIDE_FILES)}
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if entry.name == str(os.getpid()):
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError, ValueError):
                    if os.readlink(fd) in names and _writable(entry / "fdinfo" / fd.name):
                        found.append(int(entry.name))
                        break
    return sorted(found)


def _writable(fdinfo: Path) -> bool:
    """Whether the descriptor described by /proc/PID/fdinfo/FD may write."""
    for line in fdinfo.read_text().splitlines():
        if line.startswith("flags:"):
            return int(line.split()[1], 8) & os.O_ACCMODE != os.O_RDONLY
    return True


def choose(folder: Path, wanted: str | None) -> tuple[BackupInfo, list[tuple[Path, str]]]:
    """The backup to restore: *wanted* (a date, a file name or a path), else the newest
    that passes its check; with the newer ones that failed."""
    if wanted is not None:
        path = Path(wanted)
        if not path.is_file():
            name = wanted if BACKUP_NAME.fullmatch(wanted) else f"kiosk-{wanted}.sqlite3"
            path = folder / name
        if not path.is_file():
            dates = ", ".join(p.name[6:16] for p in list_backups(folder)) or "none"
            raise BackupError(f"no backup {wanted!r} in {folder} (there are: {dates})")
        return inspect_backup(path), []
    skipped: list[tuple[Path, str]] = []
    for path in list_backups(folder):
        try:
            return inspect_backup(path), skipped
        except BackupError as exc:
            skipped.append((path, str(exc)))
    if skipped:
        raise BackupError(f"none of the {len(skipped)} backups in {folder} passes its check")
    raise BackupError(f"there is no backup in {folder}")


def _owner_like(path: Path, reference: Path) -> None:
    """The kiosk's user owns what root restores in its folder."""
    stat = reference.stat()
    if os.geteuid() == 0:
        os.chown(path, stat.st_uid, stat.st_gid)


def restore_backup(
    database: Path, folder: Path, wanted: str | None = None, *, now: datetime
) -> RestoreResult:
    """Put a checked backup in place of *database*; see the module's docstring."""
    running = holders(database)
    if running:
        raise BackupError(
            f"the kiosk is running (process {', '.join(map(str, running))} has the database "
            "open): stop it first with 'sudo systemctl stop fablab-kiosk'"
        )
    chosen, skipped = choose(folder, wanted)
    data_dir = database.parent
    tmp = data_dir / f".{database.name}.restore.tmp"
    stamp = now.strftime("%Y%m%dT%H%M%S")
    set_aside: list[Path] = []
    try:
        shutil.copyfile(chosen.path, tmp)
        os.chmod(tmp, 0o600)
        _owner_like(tmp, data_dir)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        inspect_backup(tmp)  # the copy, as written on this disk
        for suffix in ("", *SIDE_FILES):
            old = Path(f"{database}{suffix}")
            if old.exists():
                aside = Path(f"{database}.damaged-{stamp}{suffix}")
                os.replace(old, aside)
                set_aside.append(aside)
        os.replace(tmp, database)
        fsync_dir(data_dir)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"the backup was not restored: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    key_restored = _restore_key(folder / KEY_COPY, data_dir / "site.key")
    return RestoreResult(chosen, database, tuple(set_aside), tuple(skipped), key_restored)


def _restore_key(copy: Path, key: Path) -> bool:
    """Bring site.key back from the backup folder when it is missing (never replace one)."""
    if key.exists() or not copy.is_file():
        return False
    tmp = key.with_name(f".{key.name}.restore.tmp")
    shutil.copyfile(copy, tmp)
    os.chmod(tmp, 0o600)
    _owner_like(tmp, key.parent)
    os.replace(tmp, key)
    fsync_dir(key.parent)
    return True
