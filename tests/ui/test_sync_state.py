"""Staff see, in words, whether this kiosk's record reaches the central server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication

from kiosk.site import Site
from kiosk.sync import SyncStatus
from ui.app import Kiosk

NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def _status(**kw) -> SyncStatus:
    base = dict(
        server_url="http://server:8750",
        waiting=0,
        rejected=0,
        last_success_at=NOW,
        last_error=None,
        error_kind=None,
        next_try_at=None,
    )
    base.update(kw)
    return SyncStatus(**base)


def test_the_worker_reports_no_server_yet_to_staff_mode(qtbot, site: Site) -> None:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    try:
        panel = kiosk.window.staff.sync_panel
        qtbot.waitUntil(lambda: "fablab-kiosk connect" in panel.text.text(), timeout=5000)
    finally:
        kiosk.stop()  # the sync thread stops at once (it was waiting)


def test_waiting_events_and_an_unreachable_server_are_said(qtbot, site: Site) -> None:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    panel = kiosk.window.staff.sync_panel
    panel.show_status(_status(), NOW)
    up_to_date = panel.text.text()
    panel.show_status(
        _status(
            waiting=12,
            error_kind="unreachable",
            last_error="connection refused",
            last_success_at=NOW - timedelta(days=1),
            next_try_at=NOW + timedelta(minutes=2),
        ),
        NOW,
    )
    down = panel.text.text()
    assert down != up_to_date
    assert "12" in down and "serveur" in down.lower()
    panel.show_status(_status(rejected=2), NOW)
    assert "2" in panel.text.text()
    kiosk.stop()


def test_a_refused_network_is_said_to_staff(qtbot, site: Site) -> None:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    panel = kiosk.window.staff.sync_panel
    panel.show_status(_status(), NOW)
    assert "site.key" not in panel.text.text()
    problem = "le serveur a déjà une autre clé de badges pour le site K7Q2 / ... site.key"
    panel.show_status(_status(network_problem=problem), NOW)
    assert problem in panel.text.text()
