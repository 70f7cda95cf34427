"""Shared by every test: nothing here imports Qt (tests/kiosk must run without it).

With ``FABLAB_KIOSK_TEST_WITHOUT_QT=1`` (``make test`` runs the core tests so, with
``-p no:pytest-qt``), PySide6, shiboken6 and the ui package cannot be imported at all,
as on a machine where they are not installed: a core module that needs them fails.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest

ABSENT = ("PySide6", "shiboken6", "ui")


class _Absent(importlib.abc.MetaPathFinder):
    """Refuses the UI stack as an interpreter without it would."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname.split(".")[0] in ABSENT:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


if os.environ.get("FABLAB_KIOSK_TEST_WITHOUT_QT"):
    # pytest-qt imports PySide6 once the tests start: said here, not as an INTERNALERROR
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {*ABSENT, "pytestqt"})
    if loaded:
        raise RuntimeError(f"imported before the tests started: {loaded} (add -p no:pytest-qt)")
    sys.meta_path.insert(0, _Absent())
    collect_ignore = ["ui"]


# --- a full disk (a small tmpfs: root only), for the storage fault tests of the core and
# the screens ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Write zeros into *disk* until it is full; the file to delete to free it."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    return filler
