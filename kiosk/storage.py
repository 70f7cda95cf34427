"""What went wrong with the kiosk's own storage, in words a volunteer can act on.

SQLite and the operating system report a full disk, a damaged file or a file the user
may not write in many ways (``database or disk is full``, ``disk I/O error``, ``file is
not a database``, ``[Errno 28]``, ``attempt to write a readonly database``...), deep in a
SQLAlchemy traceback. :func:`classify` turns any of them into one :class:`StorageFault`;
:func:`database_file_problem` looks at the file itself before SQLite does, because
SQLite silently takes a missing or zero-length file for a new, empty database (members
"unknown", and ``doctor`` saying all is well).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

from kiosk.config import ConfigError

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
# Below this, an "I/O error" from SQLite is taken for a full disk (SQLite says "disk I/O
# error" when it cannot grow its -wal or -shm file).
NEARLY_FULL = 1024**2
RESTORE_HINT = "sudo fablab-kiosk backup restore"


class StorageFault(StrEnum):
    DISK_FULL = "disk_full"
    DAMAGED = "damaged"
    MISSING = "missing"
    READ_ONLY = "read_only"  # permissions: not the kiosk's user, or a read-only disk
    BUSY = "busy"  # another process held the database for longer than the busy timeout
    OTHER = "other"


WORDS = {
    StorageFault.DISK_FULL: "the disk is full",
    StorageFault.DAMAGED: "the database file is damaged",
    StorageFault.MISSING: "the database file is missing",
    StorageFault.READ_ONLY: "the database may not be written by this user",
    StorageFault.BUSY: "the database is busy (another program holds it)",
    StorageFault.OTHER: "the database could not be used",
}


def _errors(exc: BaseException) -> list[BaseException]:
    """*exc* and what it wraps (SQLAlchemy's ``orig``, ``__cause__``, ``__context__``)."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend([getattr(current, "orig", None), current.__cause__, current.__context__])
    return seen


def disk_nearly_full(path: Path, below: int = NEARLY_FULL) -> bool:
    where = path
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        return shutil.disk_usage(where).free < below
    except OSError:
        return False


def classify(exc: BaseException, path: Path | None = None) -> StorageFault:
    """The storage fault behind *exc* (an SQLAlchemy, sqlite3 or OS error)."""
    for error in _errors(exc):
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return StorageFault.DISK_FULL
        if isinstance(error, OSError) and error.errno == errno.EDQUOT:
            return StorageFault.DISK_FULL
        if isinstance(error, PermissionError) or (
            isinstance(error, OSError) and error.errno == errno.EROFS
        ):
            return StorageFault.READ_ONLY
    text = " ".join(str(e) for e in _errors(exc) if isinstance(e, sqlite3.Error | OSError))
    text = text or str(exc)
    if "disk is full" in text:
        return StorageFault.DISK_FULL
    if "disk I/O error" in text and path is not None and disk_nearly_full(path):
        return StorageFault.DISK_FULL
    if any(
        words in text
        for words in ("malformed", "not a database", "file is encrypted", "corrupt", "truncated")
    ):
        return StorageFault.DAMAGED
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return StorageFault.READ_ONLY
    if "locked" in text or "busy" in text:
        return StorageFault.BUSY
    return StorageFault.OTHER


def what_to_do(fault: StorageFault, path: Path) -> str:
    """One sentence for staff or the person at the terminal."""
    if fault is StorageFault.DISK_FULL:
        return (
            f"free some space on the disk of {path.parent} (sudo apt-get clean; "
            "sudo journalctl --vacuum-size=200M; fewer backups): nothing already recorded "
            "was lost, and the kiosk records visits again as soon as there is room"
        )
    if fault in (StorageFault.DAMAGED, StorageFault.MISSING):
        return (
            f"stop the kiosk (sudo systemctl stop fablab-kiosk) and restore the newest "
            f"backup: {RESTORE_HINT}"
        )
    if fault is StorageFault.READ_ONLY:
        return (
            f"run it with sudo: {path} belongs to the kiosk's own user "
            "(or the disk became read-only: see 'sudo dmesg')"
        )
    if fault is StorageFault.BUSY:
        return "try again in a moment"
    return "look at the journal: sudo journalctl -u fablab-kiosk"


def explain(exc: BaseException, path: Path) -> str:
    """``the disk is full: free some space ...`` for *exc* raised while using *path*."""
    fault = classify(exc, path)
    return f"{WORDS[fault]} ({path}): {what_to_do(fault, path)}"


class DatabaseUnusable(ConfigError):
    """The site exists (config.toml and site.key) but its database is missing or damaged:
    the kiosk refuses to start rather than start empty."""

    def __init__(self, fault: StorageFault, path: Path, detail: str) -> None:
        super().__init__(f"{detail}. Nothing was replaced. To restore it: {RESTORE_HINT}")
        self.fault = fault
        self.path = path


_HEADER_READERS: dict[tuple[int, int], int] = {}


def _read_header(path: Path) -> bytes:
    """The first bytes of *path*, through a descriptor this process keeps open.

    Closing a descriptor drops every POSIX lock the process holds on that file, its
    SQLite connections' too (SQLite's own warning about ``close()``): another process
    could then checkpoint and delete the WAL under them. So the descriptor is never
    closed; one per file (device and inode) for the life of the process.
    """
    stat = path.stat()
    key = (stat.st_dev, stat.st_ino)
    fd = _HEADER_READERS.get(key)
    if fd is None:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        opened = os.fstat(fd)  # the file may have been replaced since: keep it by its own
        _HEADER_READERS[(opened.st_dev, opened.st_ino)] = fd
    return os.pread(fd, HEADER_SIZE, 0)


def database_file_problem(path: Path) -> tuple[StorageFault, str] | None:
    """A look at the file before SQLite opens it: missing, empty, not SQLite, cut short.

    A file shorter than the page count in its own header was cut short (a copy
    interrupted, a disk failing); SQLite would open it and fail later, mid-check-in.

    The header is read through a descriptor kept open (:func:`_read_header`).
    """
    try:
        size = path.stat().st_size
        header = _read_header(path)
    except FileNotFoundError:
        return StorageFault.MISSING, f"the kiosk database {path} is missing"
    except PermissionError:
        return None  # said better by the error when it is opened (run it with sudo)
    except OSError as exc:
        return classify(exc, path), f"the kiosk database {path} cannot be read: {exc.strerror}"
    if size == 0:
        return StorageFault.DAMAGED, f"the kiosk database {path} is empty (0 bytes)"
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        return StorageFault.DAMAGED, f"the kiosk database {path} is not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid_count = header[24:28] == header[92:96]  # else the count is stale (old writers)
    if valid_count and pages and size < pages * page_size:
        return (
            StorageFault.DAMAGED,
            f"the kiosk database {path} is cut short ({size:,} bytes of {pages * page_size:,})",
        )
    return None


def check_database_file(path: Path) -> None:
    """Raise :class:`DatabaseUnusable` when :func:`database_file_problem` finds one."""
    problem = database_file_problem(path)
    if problem is not None:
        raise DatabaseUnusable(problem[0], path, problem[1])


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
