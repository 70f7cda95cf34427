"""A kiosk whose database is damaged shows "out of order" at the door, and comes back by
itself once staff restore the backup."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import ui.app
from kiosk.care.backup import backup_database
from kiosk.care.restore import restore_backup
from kiosk.site import Site
from ui.cli import main
from ui.screens.out_of_order import OutOfOrderScreen


@pytest.fixture
def signals_kept() -> Iterator[None]:
    """run_out_of_order takes SIGTERM and SIGINT for itself: give them back after."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def test_a_damaged_database_shows_out_of_order_until_restored(
    qtbot, site: Site, monkeypatch: pytest.MonkeyPatch, signals_kept: None
) -> None:
    folder = site.data_dir.path / "backups"
    backup_database(site.data_dir.database_file, folder, day=datetime.now().date())
    site.sessions.kw["bind"].dispose()
    site.data_dir.database_file.write_bytes(b"")  # emptied: the kiosk used to start empty
    monkeypatch.setattr(ui.app, "RETRY_MS", 100)
    seen: dict[str, str] = {}

    def look_then_restore() -> None:
        [screen] = [w for w in QApplication.topLevelWidgets() if isinstance(w, OutOfOrderScreen)]
        seen.update(
            title=screen.title.text(), subtitle=screen.subtitle.text(), staff=screen.staff.text()
        )
        restore_backup(site.data_dir.database_file, folder, now=datetime.now())

    QTimer.singleShot(300, look_then_restore)
    status = main(["run", "--windowed", "--data-dir", str(site.data_dir.path)])
    assert status == 0  # ended by itself once the site opened: systemd starts the kiosk
    assert seen["title"] == "Cette borne est en panne"
    assert "Prévenez un membre de l’équipe" in seen["subtitle"]
    assert "empty (0 bytes)" in seen["staff"] and "backup restore" in seen["staff"]
    assert seen["staff"].startswith("Pour l’équipe")
