"""− value + : pick a day, a time or a duration by taps (no tiny spin boxes on a kiosk)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.widgets.touch import big_button, label


class Stepper(QWidget):
    changed = Signal()

    def __init__(
        self,
        value: Any,
        step: Callable[[Any, int], Any],
        show: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._value, self._step, self._show = value, step, show
        self.minus = big_button("stepper")
        self.plus = big_button("stepper")
        self.minus.setText("−")
        self.plus.setText("+")
        for button in (self.minus, self.plus):
            button.setFixedWidth(button.minimumHeight() * 3 // 2)
        self.text = label("cardtitle")
        self.minus.clicked.connect(lambda: self.set_value(self._step(self._value, -1)))
        self.plus.clicked.connect(lambda: self.set_value(self._step(self._value, +1)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.minus)
        row.addWidget(self.text, 1)
        row.addWidget(self.plus)
        self.refresh()

    @property
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        self.refresh()
        self.changed.emit()

    def refresh(self) -> None:
        self.text.setText(self._show(self._value))
