"""Just visiting: how many people, and why. Counted, nothing personal asked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.checkin import MAX_GUEST_GROUP, PURPOSES
from ui.texts import purpose_label
from ui.widgets.pictograms import show_pictogram
from ui.widgets.touch import Screen, big_button, label


class GuestScreen(Screen):
    guests_counted = Signal(int, str)  # head count, purpose
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 1
        self.title = label("title")
        self.count_question = label("subtitle")
        self.minus = big_button("stepper")
        self.plus = big_button("stepper")
        self.minus.setText("−")
        self.plus.setText("+")
        for button in (self.minus, self.plus):
            button.setFixedWidth(self.minus.minimumHeight() * 2)
        self.count_label = label("bigcode")
        self.minus.clicked.connect(lambda: self._change(-1))
        self.plus.clicked.connect(lambda: self._change(+1))
        counter = QHBoxLayout()
        counter.addStretch(1)
        counter.addWidget(self.minus)
        counter.addWidget(self.count_label)
        counter.addWidget(self.plus)
        counter.addStretch(1)

        self.purpose_question = label("subtitle")
        self.purpose_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, purpose in enumerate(PURPOSES):
            button = big_button("choice", height_factor=1.1)
            button.clicked.connect(lambda _=False, p=purpose: self._count_in(p))
            show_pictogram(button, purpose)
            grid.addWidget(button, i // 3, i % 3)
            self.purpose_buttons[purpose] = button
        self.back_button = big_button("secondary")
        self.back_button.setMinimumWidth(self.back_button.minimumHeight() * 4)
        self.back_button.clicked.connect(self.cancelled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 16, 60, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.count_question)
        layout.addLayout(counter)
        layout.addWidget(self.purpose_question)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.retranslate()
        self._show()

    def _change(self, delta: int) -> None:
        self._count = min(MAX_GUEST_GROUP, max(1, self._count + delta))
        self._show()

    def _show(self) -> None:
        self.count_label.setText(str(self._count))
        self.minus.setEnabled(self._count > 1)
        self.plus.setEnabled(self._count < MAX_GUEST_GROUP)

    def _count_in(self, purpose: str) -> None:
        count, self._count = self._count, 1
        self._show()
        self.guests_counted.emit(count, purpose)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome!"))
        self.count_question.setText(self.tr("How many are you?"))
        self.purpose_question.setText(self.tr("Why are you here today? Tap one."))
        for purpose, button in self.purpose_buttons.items():
            button.setText(purpose_label(purpose))
        self.back_button.setText(self.tr("Back"))

    def reset(self) -> None:
        self._count = 1
        self._show()
