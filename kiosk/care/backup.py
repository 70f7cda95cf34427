"""Nightly copies of the kiosk database: ``fablab-kiosk backup`` (a systemd timer runs it).

A copy is made with SQLite's ``VACUUM INTO``, which reads one consistent snapshot while
the kiosk keeps writing (no need to stop it), into a hidden temporary file. That file is
checked (``PRAGMA quick_check``), flushed to disk, and only then renamed to its final
name, ``kiosk-2026-11-25.sqlite3`` (the site's local date): a file with a backup's name is
always a whole, checked copy. A second run the same day replaces that day's copy. The
newest ``keep`` copies stay (7: a week); older ones are removed only after a success, so a
failing night (disk full, folder not writable) never costs the copies already made.

``site.key`` is copied there too (``site.key``, 0600): without it no badge printed so far
can be checked. ``fablab-kiosk backup restore`` (kiosk/care/restore.py) puts a backup back.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from kiosk.models import Member, Visit

DEFAULT_KEEP = 7
BACKUP_NAME = re.compile(r"kiosk-(\d{4}-\d{2}-\d{2})\.sqlite3")
LOCK_NAME = ".backup.lock"
KEY_COPY = "site.key"  # a copy of the site's key beside the backups: restore brings it back
BUSY_TIMEOUT_S = 30.0  # the kiosk holds its write lock for milliseconds; wait, do not fail


class BackupError(Exception):
    """The backup was not made; the message is one line for a person (or the journal)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int  # bytes
    members: int
    visits: int
    kept: tuple[Path, ...]  # every backup left in the folder, newest first (``path`` too)
    removed: tuple[Path, ...]  # older copies pruned by this run


def backup_name(day: date) -> str:
    return f"kiosk-{day.isoformat()}.sqlite3"


def list_backups(folder: Path) -> list[Path]:
    """The backups in *folder*, newest first (by the date in their name; other files are
    not ours and are left alone)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if BACKUP_NAME.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _reason(exc: BaseException) -> str:
    """Words for an OSError or an SQLite error, without Python's ``[Errno 28]`` noise."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    text = str(exc)
    if "disk is full" in text:  # SQLITE_FULL: "database or disk is full"
        return "the disk is full"
    if "disk I/O error" in text:
        return "disk I/O error (the disk may be full, or failing)"
    return text


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One backup at a time per folder (the timer and a person running it by hand)."""
    try:
        fd = os.open(folder / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as exc:
        raise BackupError(f"cannot write in the backup folder {folder}: {_reason(exc)}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BackupError(f"another backup is running into {folder}; try again later") from exc
        yield
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(database: Path, tmp: Path) -> None:
    source = sqlite3.connect(
        f"file:{quote(str(database))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S
    )
    try:
        source.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        source.close()


def _check(tmp: Path) -> tuple[int, int]:
    """quick_check the copy, make it one self-contained file, count members and visits."""
    copy = sqlite3.connect(f"file:{quote(str(tmp))}?mode=rw", uri=True)
    try:
        copy.execute("PRAGMA journal_mode=DELETE")  # no -wal file beside a backup
        verdict = [row[0] for row in copy.execute("PRAGMA quick_check")]
        if verdict != ["ok"]:
            raise BackupError(f"the copy failed its check ({'; '.join(verdict[:3])})")
        members = copy.execute(f"SELECT count(*) FROM {Member.__tablename__}").fetchone()[0]
        visits = copy.execute(f"SELECT count(*) FROM {Visit.__tablename__}").fetchone()[0]
    finally:
        copy.close()
    return int(members), int(visits)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def prune(folder: Path, keep: int) -> tuple[list[Path], list[Path]]:
    """Remove all but the *keep* newest backups; ``(kept, removed)``."""
    backups = list_backups(folder)
    kept, old = backups[:keep], backups[keep:]
    removed = []
    for path in old:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BackupError(f"cannot remove the old backup {path}: {_reason(exc)}") from exc
        removed.append(path)
    return kept, removed


def copy_key(key: Path, folder: Path) -> None:
    """Keep a copy of site.key in the backup folder (badges need it as much as the data)."""
    copy = folder / KEY_COPY
    try:
        secret = key.read_bytes()
        if copy.is_file() and copy.read_bytes() == secret:
            return
        tmp = folder / f".{KEY_COPY}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secret)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, copy)
    except OSError as exc:
        raise BackupError(f"the copy of {key.name} was not made: {_reason(exc)}") from exc


def backup_database(
    database: Path,
    folder: Path,
    *,
    day: date,
    keep: int = DEFAULT_KEEP,
    key: Path | None = None,
) -> BackupResult:
    """Copy *database* to ``folder/kiosk-<day>.sqlite3``, check it, keep the *keep* newest.

    Raises :class:`BackupError` with a one-line reason; then no new file is left in
    *folder* and the backups already there are untouched.
    """
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    if not database.is_file():
        raise BackupError(f"no kiosk database at {database} (is --data-dir right?)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the backup folder {folder}: {_reason(exc)}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(f"cannot write in the backup folder {folder}: permission denied")
    target = folder / backup_name(day)
    # Hidden, and not matching BACKUP_NAME: never taken for a backup, never pruned as one.
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    with _folder_lock(folder):
        for stale in folder.glob(".kiosk-*.tmp"):  # a run killed mid-copy (we hold the lock)
            _remove(stale)
        try:
            _copy(database, tmp)
            members, visits = _check(tmp)
            tmp.chmod(0o600)  # names and emails: for the kiosk's user only, like site.key
            _fsync(tmp)
            os.replace(tmp, target)
            _fsync(folder)  # the rename itself survives a power cut
        except (OSError, sqlite3.Error) as exc:
            _remove(tmp)
            raise BackupError(f"backup to {folder} failed: {_reason(exc)}") from exc
        except BaseException:  # a failed check, Ctrl+C (after a kill, the next run cleans up)
            _remove(tmp)
            raise
        if key is not None and key.is_file():
            copy_key(key, folder)
        kept, removed = prune(folder, keep)
    return BackupResult(target, target.stat().st_size, members, visits, tuple(kept), tuple(removed))
