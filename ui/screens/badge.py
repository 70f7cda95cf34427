"""The newcomer's badge, big enough to photograph with a phone; printed if a printer exists."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.frontdesk import NewBadge
from ui.badge_card import print_card, printer_available
from ui.widgets.qr_view import QrView
from ui.widgets.touch import Screen, big_button, label


class BadgeScreen(Screen):
    check_in_requested = Signal(str)  # the new badge's token
    done = Signal()

    def __init__(self, site_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._site_name = site_name
        self._badge: NewBadge | None = None
        self.reissued = False  # made again by staff: no check-in, back to staff mode
        self.new_trainee = False  # registered by staff for a workshop: back to staff mode
        self.title = label("title")
        self.qr = QrView()
        self.qr.setMinimumSize(360, 360)  # grows with the screen; 360 px still scans
        self.code_caption = label("hint")
        self.code = label("bigcode")
        self.advice = label(
            "subtitle", align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.print_status = label("hint")
        self.print_button = big_button("secondary")
        self.checkin_button = big_button(height_factor=1.1)
        self.done_button = big_button("secondary")
        self.print_button.clicked.connect(self._print)
        self.checkin_button.clicked.connect(self._check_in)
        self.done_button.clicked.connect(self.done)

        side = QVBoxLayout()
        side.setSpacing(12)
        side.addWidget(self.advice)
        side.addWidget(self.code_caption)
        side.addWidget(self.code)
        side.addStretch(1)
        side.addWidget(self.print_status)
        side.addWidget(self.print_button)
        side.addWidget(self.checkin_button)
        side.addWidget(self.done_button)
        body = QHBoxLayout()
        body.setSpacing(50)
        body.addWidget(self.qr, 5)
        body.addLayout(side, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        self.retranslate()

    def show_badge(
        self, badge: NewBadge, *, reissued: bool = False, new_trainee: bool = False
    ) -> None:
        self._badge = badge
        self.reissued = reissued or new_trainee  # either way staff mode comes back
        self.new_trainee = new_trainee
        self.checkin_button.setVisible(not self.reissued)
        self.qr.set_token(badge.token)
        self.code.setText(badge.short_code)
        self.print_status.clear()
        self.print_button.setVisible(printer_available())
        self.retranslate()

    def _print(self) -> None:
        if self._badge is None:
            return
        ok = print_card(self._site_name, self._badge)
        self.print_status.setText(
            self.tr("Printing… take your card from the printer.")
            if ok
            else self.tr("The printer did not answer. Take a photo of your badge instead.")
        )

    def _check_in(self) -> None:
        if self._badge is not None:
            self.check_in_requested.emit(self._badge.token)

    def retranslate(self) -> None:
        name = self._badge.first_name if self._badge else ""
        if self.new_trainee:
            self.title.setText(
                self.tr("The badge of %1, enrolled in the workshop.").replace("%1", name)
            )
        elif self.reissued:
            self.title.setText(
                self.tr("The new badge of %1. The old one no longer works.").replace("%1", name)
            )
        else:
            self.title.setText(self.tr("Welcome %1! Here is your badge.").replace("%1", name))
        self.advice.setText(
            self.tr(
                "Take a photo of it with your phone. "
                "Show it to the camera each time you come and go."
            )
        )
        self.code_caption.setText(self.tr("No badge with you? Type this code:"))
        self.print_button.setText(self.tr("Print my badge"))
        self.checkin_button.setText(self.tr("Check in now"))
        self.done_button.setText(self.tr("Done"))

    def reset(self) -> None:
        self._badge = None
        self.reissued = self.new_trainee = False
        self.qr.set_token(None)
        self.code.clear()
        self.print_status.clear()
