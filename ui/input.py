"""Application-wide input watchers: USB scanner bursts, idle time, the mouse cursor."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.scanning import WedgeDetector


class ScannerInput(QObject):
    """Watches key presses for a keyboard-wedge scanner's burst (never eats a key).

    Installed on the application, it sees one key press several times: Qt hands it to
    the window, then to the focused widget, then to each parent that ignores it. Only
    the delivery to the focus object counts, so "FLK1" stays "FLK1" (not "FFFLLLKKK111").
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.isAutoRepeat() or watched is not QGuiApplication.focusObject():
                return False
            key = event.key()
            char = "\n" if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else event.text()
            # the X server's time of the key (ms), so a busy moment of ours does not
            # stretch a burst; synthetic keys have none
            stamp = event.timestamp()
            text = self.detector.feed(char, stamp / 1000 if stamp else time.monotonic())
            if text:
                self.scanned.emit(text)
        return False


ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits ``idle`` after *timeout_s* without a touch or a key; shows the mouse cursor
    only while a real mouse moves (a touchscreen kiosk shows none)."""

    idle = Signal()

    def __init__(self, timeout_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=timeout_s * 1000)
        self.timer.timeout.connect(self._on_idle)
        self._cursor_hidden = False
        self._hide_when_idle = False

    def start(self, hide_cursor: bool) -> None:
        self._hide_when_idle = hide_cursor
        if hide_cursor:
            self._hide_cursor()
        self.timer.start()

    def _hide_cursor(self) -> None:
        if not self._cursor_hidden:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_hidden = True

    def _on_idle(self) -> None:
        if self._hide_when_idle:
            self._hide_cursor()
        self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self.timer.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if (
                event.source() == Qt.MouseEventSource.MouseEventNotSynthesized
                and self._cursor_hidden
            ):
                QApplication.restoreOverrideCursor()
                self._cursor_hidden = False
            self.timer.start()
        return False
