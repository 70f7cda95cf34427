"""Touch sizes when Qt has no real screen yet (a monitor switched off at boot: Qt makes
a placeholder screen whose DPI is NaN); the kiosk must start, not crash in a loop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QScroller, QVBoxLayout, QWidget

from ui.widgets import touch


class _PlaceholderScreen:
    def physicalDotsPerInch(self) -> float:
        return float("nan")


def test_a_placeholder_screen_falls_back_to_96_dpi(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(touch.QGuiApplication, "primaryScreen", lambda: _PlaceholderScreen())
    assert touch.mm_to_px(25.4) == 96
    assert touch.min_target() == touch.MIN_TARGET_PX


def test_a_finger_drag_scrolls_a_list_of_buttons_and_a_tap_still_works(qtbot) -> None:
    """Many touchscreens under X send mouse events: a drag over a staff list must scroll
    it (not click the button it started on), and a tap must click at once."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    clicked: list[int] = []
    buttons = []
    for i in range(30):
        button = QPushButton(f"member {i}")
        button.setMinimumHeight(80)
        button.clicked.connect(lambda _=False, i=i: clicked.append(i))
        column.addWidget(button)
        buttons.append(button)
    area = touch.kinetic_scroll(inner, buttons_inside=True)
    qtbot.addWidget(area)
    area.resize(400, 400)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.wait(100)  # the gesture recogniser sees no press sent before the window is up
    start = buttons[3].rect().center()
    QTest.mousePress(buttons[3], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dy in range(0, 300, 20):
        QTest.mouseMove(buttons[3], start - QPoint(0, dy), 10)
        # a finger moves at the screen's pace: the scroller applies a drag on its own
        # animation ticks, and moves all sent at once were lost on a loaded CI machine
        # when the lift came before the first tick
        qtbot.wait(16)
    end = start - QPoint(0, 300)
    QTest.mouseRelease(buttons[3], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 200, timeout=15_000)
    assert clicked == []
    scroller = QScroller.scroller(area.viewport())
    # the flick is over (its deceleration is timed: slower on a loaded machine)
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=15_000)
    area.ensureWidgetVisible(buttons[20])
    qtbot.mouseClick(buttons[20], Qt.MouseButton.LeftButton)
    assert clicked == [20]
