"""Sizes a visitor can use: every screen fits a 1024x600 panel (the stacked screens take
the largest one's height, so one tall screen pushed every other off the bottom), and at
1280x800 every visitor button is at least 80x80 px and every visitor text 20 px high."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.site import Site
from ui.app import Kiosk

STAFF_ONLY = ("StaffScreen", "StaffPinScreen")


@pytest.fixture
def kiosk(qtbot, qapp: QApplication, site: Site) -> Iterator[Kiosk]:
    style = qapp.styleSheet()
    kiosk = Kiosk(qapp, site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    yield kiosk
    kiosk.stop()
    qapp.setStyleSheet(style)


def test_every_screen_fits_1024x600(qtbot, kiosk: Kiosk) -> None:
    kiosk.show(windowed=True, size=QSize(1024, 600))
    window = kiosk.window
    window.refresh_today()
    window.picker.ask("visit", kiosk.desk.board())
    staff = window.staff
    staff.tabs.idClicked.emit(staff.tabs.id(staff.tab_reports))  # the reports, made late
    assert staff.reports is not None
    too_big = {}
    for i in range(window.count()):
        screen = window.widget(i)
        need = screen.minimumSizeHint()
        if need.width() > 1024 or need.height() > 600:
            too_big[type(screen).__name__] = (need.width(), need.height())
    assert too_big == {}
    qtbot.waitUntil(lambda: not staff.reports.busy)
    qtbot.wait(10)
    assert window.height() <= 600


def test_visitor_buttons_and_words_are_big_enough_at_1280x800(kiosk: Kiosk) -> None:
    kiosk.show(windowed=True, size=QSize(1280, 800))
    window = kiosk.window
    window.refresh_today()
    window.picker.ask("visit", kiosk.desk.board())
    small = []
    for i in range(window.count()):
        screen = window.widget(i)
        if type(screen).__name__ in STAFF_ONLY:
            continue
        for text in screen.findChildren(QLabel):
            text.ensurePolished()  # a hidden screen gets its style sheet when first shown
            px = QFontInfo(text.font()).pixelSize()
            if text.text().strip() and px < 20:
                small.append((type(screen).__name__, text.objectName(), text.text()[:30], px))
        for button in screen.findChildren(QAbstractButton):
            size = button.minimumSize()
            if size.width() < 80 or size.height() < 80:
                small.append((type(screen).__name__, button.text()[:30], size.toTuple()))
    assert small == []
