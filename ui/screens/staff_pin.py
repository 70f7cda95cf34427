"""The staff PIN pad, or a staff member's badge shown to the camera. After three wrong
PINs it waits, longer each time (the wait is kept in the database, so restarting the
kiosk does not skip it)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.widgets.touch import Screen, big_button, label

MAX_DIGITS = 12


class StaffPinScreen(Screen):
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin = ""
        self._wait_left = 0
        self.checking = False  # a PIN is being checked (off the GUI thread): no new submit
        self.title = label("title")
        self.display = label("bigcode")
        self.message = label("error")
        self.badge_hint = label("hint")
        grid = QGridLayout()
        grid.setSpacing(14)
        self.keys = {}
        for i, digit in enumerate("123456789"):
            self.keys[digit] = self._key(digit)
            grid.addWidget(self.keys[digit], i // 3, i % 3)
        self.keys["0"] = self._key("0")
        grid.addWidget(self.keys["0"], 3, 1)
        self.erase = big_button("secondary")
        self.erase.setText("⌫")
        self.erase.clicked.connect(self._erase)
        grid.addWidget(self.erase, 3, 2)
        self.back_button = big_button("secondary")
        self.ok_button = big_button()
        self.back_button.clicked.connect(self.cancelled)
        self.ok_button.clicked.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.ok_button)
        pad = QWidget()
        pad.setLayout(grid)
        pad.setMaximumWidth(700)
        # the words and Back/Unlock beside the keys, not under them: fits 1024x600
        words = QVBoxLayout()
        words.setSpacing(12)
        words.addWidget(self.title)
        words.addWidget(self.display)
        words.addWidget(self.message)
        words.addWidget(self.badge_hint)
        words.addStretch(1)
        words.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(40)
        layout.addLayout(words, 1)
        layout.addWidget(pad, 1)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self.retranslate()
        self._show()

    def _key(self, digit: str) -> QPushButton:
        button = big_button("key")
        button.setText(digit)
        button.clicked.connect(lambda _=False, d=digit: self._add(d))
        return button

    def _add(self, digit: str) -> None:
        if len(self._pin) < MAX_DIGITS:
            self._pin += digit
            self._show()

    def _erase(self) -> None:
        self._pin = self._pin[:-1]
        self._show()

    def _show(self) -> None:
        self.display.setText("●" * len(self._pin) or " ")
        locked = self._wait_left > 0 or self.checking
        for key in (*self.keys.values(), self.erase):
            key.setEnabled(not locked)
        self.ok_button.setEnabled(not locked and len(self._pin) >= 4)

    def _submit(self) -> None:
        if self.checking:
            return
        pin, self._pin = self._pin, ""
        self._show()
        self.pin_entered.emit(pin)

    def set_checking(self, checking: bool) -> None:
        """While the window checks a PIN the pad takes no digit and no second submit."""
        self.checking = checking
        self._show()

    def show_wrong(self, wait_s: float) -> None:
        if wait_s > 0:
            self._wait_left = int(wait_s + 0.999)
            self._countdown.start()
            self._tick(advance=False)
        else:
            self.message.setText(self.tr("Wrong PIN. Try again."))

    def show_no_pin(self) -> None:
        self.message.setText(
            self.tr("No staff PIN is set on this kiosk. Set one with: fablab-kiosk staff-pin")
        )

    def show_not_staff_badge(self) -> None:
        self.message.setText(self.tr("This badge does not open staff mode."))

    def _tick(self, advance: bool = True) -> None:
        if advance:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._countdown.stop()
            self.message.setText(self.tr("You can try again."))
        else:
            self.message.setText(
                self.tr("Too many wrong PINs. Wait %n second(s).", "", self._wait_left)
            )
        self._show()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff PIN"))
        self.badge_hint.setText(self.tr("Or show your staff badge to the camera."))
        self.back_button.setText(self.tr("Back"))
        self.ok_button.setText(self.tr("Unlock"))

    def reset(self) -> None:
        self._pin = ""
        if self._wait_left == 0:
            self.message.clear()
        self._show()
