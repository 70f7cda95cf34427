"""Forgot your badge? Type the 8 characters printed under it on a big keypad."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.badges import SHORT_CODE_LENGTH
from ui.widgets.keypad import Keypad
from ui.widgets.touch import Screen, big_button, label


class CodeEntryScreen(Screen):
    code_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self.title = label("subtitle")
        self.display = label("bigcode")
        self.keypad = Keypad()
        self.keypad.key_pressed.connect(self._add)
        self.keypad.backspace_pressed.connect(self._erase)
        self.back_button = big_button("secondary")
        self.ok_button = big_button()
        self.back_button.clicked.connect(self.cancelled)
        self.ok_button.clicked.connect(self._submit)

        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(self.back_button, 2)
        row.addWidget(self.keypad.backspace, 1)
        row.addWidget(self.ok_button, 2)
        top = QHBoxLayout()  # the question and the code typed so far on one line
        top.addWidget(self.title, 1)
        top.addWidget(self.display, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 12, 40, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.keypad, 1)
        layout.addLayout(row)
        self.retranslate()
        self._show()

    @property
    def code(self) -> str:
        return self._code

    def _add(self, char: str) -> None:
        if len(self._code) < SHORT_CODE_LENGTH:
            self._code += char
            self._show()

    def _erase(self) -> None:
        self._code = self._code[:-1]
        self._show()

    def _show(self) -> None:
        padded = self._code.ljust(SHORT_CODE_LENGTH, "_")
        self.display.setText(f"{padded[:4]} - {padded[4:]}")
        self.ok_button.setEnabled(len(self._code) == SHORT_CODE_LENGTH)

    def _submit(self) -> None:
        if len(self._code) == SHORT_CODE_LENGTH:
            code, self._code = self._code, ""
            self._show()
            self.code_entered.emit(code)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Type the code printed under your QR code"))
        self.back_button.setText(self.tr("Back"))
        self.ok_button.setText(self.tr("OK"))

    def reset(self) -> None:
        self._code = ""
        self._show()
