"""A USB scanner (keyboard wedge) types the badge text and Enter at scanner speed: keys
sent through the window, as an X server delivers them (window, focused widget, parents),
check in on the welcome screen, say who learns on the tutorials, open staff mode."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.members.registration import NewMember, register_member
from kiosk.models import MembershipStatus
from kiosk.site import Site
from ui.app import Kiosk


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.show(windowed=True)
    kiosk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is kiosk.window.windowHandle())
    yield kiosk
    kiosk.stop()


def _member(site: Site, name: str = "Nadia", **kw) -> tuple[str, str]:
    with site.transaction() as session:
        member = register_member(session, NewMember(name), consent_at=site.now(), **kw)
        return member.id, site.badge_token(member)


def scanner_types(kiosk: Kiosk, text: str) -> None:
    """Through the window, as the X server hands keys to Qt: every key is delivered to
    the window, then to the focused widget, then to each parent that ignores it."""
    window = kiosk.window.windowHandle()
    for char in text:
        QTest.keyClick(window, char)
    QTest.keyClick(window, Qt.Key.Key_Return)


def test_scanner_checks_in_on_the_welcome_screen(qtbot, kiosk: Kiosk, site: Site) -> None:
    _, token = _member(site)
    scanner_types(kiosk, token)
    assert kiosk.window.currentWidget() is kiosk.window.result
    assert "Nadia" in kiosk.window.result.title.text()


def test_scanner_keys_sent_to_the_focused_widget_check_in(qtbot, kiosk: Kiosk, site) -> None:
    _, token = _member(site)
    focused = QApplication.focusWidget() or kiosk.window
    qtbot.keyClicks(focused, token)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert kiosk.window.currentWidget() is kiosk.window.result
    assert "Nadia" in kiosk.window.result.title.text()


def test_slow_typing_is_not_a_scan(qtbot, kiosk: Kiosk, site: Site) -> None:
    _, token = _member(site)
    focused = QApplication.focusWidget() or kiosk.window
    for char in token[:10]:  # a person typing, 80 ms per key
        qtbot.keyClick(focused, char)
        time.sleep(0.08)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert kiosk.window.currentWidget() is kiosk.window.welcome


def test_scanner_says_who_learns_on_the_tutorials(qtbot, kiosk: Kiosk, site: Site) -> None:
    _tap = kiosk.window.welcome.learn_button
    qtbot.mouseClick(_tap, Qt.MouseButton.LeftButton)
    listing = kiosk.window.tutorials.listing
    assert kiosk.window.currentWidget() is listing
    member_id, token = _member(site, "Awa")
    scanner_types(kiosk, token)
    assert kiosk.window.tutorials.trainee is not None
    assert kiosk.window.tutorials.trainee.member_id == member_id
    assert kiosk.window.currentWidget() is listing  # identified, not checked in


def test_scanner_opens_staff_mode_with_a_staff_badge(qtbot, kiosk: Kiosk, site: Site) -> None:
    member_id, token = _member(site, "Chloé", status=MembershipStatus.ACTIVE)
    kiosk.desk.set_staff(member_id, True)
    qtbot.mouseClick(kiosk.window.welcome.staff_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.currentWidget() is kiosk.window.staff_pin
    scanner_types(kiosk, token)
    assert kiosk.window.currentWidget() is kiosk.window.staff
