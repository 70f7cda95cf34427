"""“Are you still there?”: the idle reset asks first, with a countdown and a big “Yes”,
so a slow reader or a slow typist keeps what is on screen (the typed name too)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.widgets.touch import big_button, label

WARNING_S = 20


class StillThere(QFrame):
    """Covers the screen it is asked over; any touch on it, or “Yes”, means someone is
    there. Nobody in *seconds*: ``timed_out``."""

    stayed = Signal()
    timed_out = Signal()

    def __init__(self, parent: QWidget, seconds: int = WARNING_S) -> None:
        super().__init__(parent)
        self._over = parent  # the screen it covers
        self.setObjectName("stillthere")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._seconds = seconds
        self._left = seconds
        self.question = label("title")
        self.countdown = label("subtitle")
        self.yes_button = big_button(height_factor=1.3)
        self.yes_button.clicked.connect(self.stay)
        box = QFrame()
        box.setObjectName("stillbox")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(40, 30, 40, 30)
        inner.setSpacing(24)
        inner.addWidget(self.question)
        inner.addWidget(self.countdown)
        inner.addWidget(self.yes_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 80, 120, 80)
        layout.addStretch(1)
        layout.addWidget(box)
        layout.addStretch(1)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count)
        parent.installEventFilter(self)
        self.hide()
        self._retranslate()

    def ask(self) -> None:
        self._left = self._seconds
        self.setGeometry(self._over.rect())
        self._retranslate()
        self.raise_()
        self.show()
        self._tick.start()

    @property
    def asking(self) -> bool:
        return self._tick.isActive()

    def stay(self) -> None:
        if self.asking:
            self.dismiss()
            self.stayed.emit()

    def dismiss(self) -> None:
        self._tick.stop()
        self.hide()

    def _count(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.dismiss()
            self.timed_out.emit()
        else:
            self._retranslate()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.stay()  # a touch anywhere: someone is there
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._over.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.question.setText(self.tr("Are you still there?"))
        self.countdown.setText(self.tr("Back to the start in %n second(s).", "", self._left))
        self.yes_button.setText(self.tr("Yes, I am here"))
