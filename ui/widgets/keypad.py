"""A big on-screen keypad for the 8-character short code printed under each badge.

Only the characters a short code can hold (Crockford base32: no I, L, O or U), so a
wrong key cannot be pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.badges import CROCKFORD
from ui.widgets.touch import big_button

COLUMNS = 8


class Keypad(QWidget):
    key_pressed = Signal(str)
    backspace_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for i, char in enumerate(CROCKFORD):
            button = big_button("key")
            button.setText(char)
            button.clicked.connect(lambda _=False, c=char: self.key_pressed.emit(c))
            grid.addWidget(button, i // COLUMNS, i % COLUMNS)
            self.keys[char] = button
        # placed by the screen, beside its OK button
        self.backspace = big_button("secondary")
        self.backspace.setText("⌫")
        self.backspace.clicked.connect(self.backspace_pressed)
