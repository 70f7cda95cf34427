"""A kiosk whose database is damaged shows "out of order" at the door, and comes back by
itself once staff restore the backup.

The whole flow runs ``fablab-kiosk run`` in a process of its own (it runs its own event
loop, which a test must not do in pytest-qt's application); the screen's words are
checked here, in French, with the real translation file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.care.backup import backup_database
from kiosk.care.restore import restore_backup
from kiosk.site import Site
from ui.screens.out_of_order import OutOfOrderScreen

QM_FR = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "kiosk_fr.qm"
PROBLEM = "the kiosk database /x/kiosk.sqlite3 is empty (0 bytes). To restore it: ..."


@pytest.fixture
def french(qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM_FR))
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)


def test_the_screen_is_kind_to_visitors_and_precise_for_staff(qtbot, french: None) -> None:
    screen = OutOfOrderScreen(PROBLEM)
    qtbot.addWidget(screen)
    assert screen.title.text() == "Cette borne est en panne"
    assert "Prévenez un membre de l’équipe" in screen.subtitle.text()
    assert screen.staff.text() == f"Pour l’équipe\u00a0: {PROBLEM}"


def test_a_damaged_database_shows_out_of_order_until_restored(site: Site) -> None:
    folder = site.data_dir.path / "backups"
    backup_database(site.data_dir.database_file, folder, day=datetime.now().date())
    site.sessions.kw["bind"].dispose()
    site.data_dir.database_file.write_bytes(b"")  # emptied: the kiosk used to start empty
    kiosk = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "run",
            "--windowed",
            "--data-dir",
            str(site.data_dir.path),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert kiosk.stderr is not None
        said = ""
        deadline = time.monotonic() + 60
        while "out of order" not in said:
            assert time.monotonic() < deadline and kiosk.poll() is None, said
            said += kiosk.stderr.readline()
        assert "empty (0 bytes)" in said and "backup restore" in said
        time.sleep(1)
        assert kiosk.poll() is None  # still showing it, not restarting every second
        restore_backup(site.data_dir.database_file, folder, now=datetime.now())
        # it notices within 5 s and ends with 0: systemd (Restart=always) starts the kiosk
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
