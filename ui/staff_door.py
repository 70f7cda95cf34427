"""The way into staff mode: the PIN pad (checked off the GUI thread: scrypt takes ~70 ms
here, more on a small board) or a staff member's badge shown on the pad. The window
says where the pad is and what opening staff mode means; this decides when."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.frontdesk import FrontDesk
from kiosk.staff import PinCheck
from ui.screens.staff_pin import StaffPinScreen
from ui.workers import Background

log = logging.getLogger(__name__)


class StaffDoor(QObject):
    def __init__(
        self,
        desk: FrontDesk,
        pad: StaffPinScreen,
        *,
        show_pad: Callable[[], None],
        pad_shown: Callable[[], bool],
        open_staff: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.pad = desk, pad
        self._show_pad, self._pad_shown, self._open_staff = show_pad, pad_shown, open_staff
        self._check = Background("staff-pin", self)  # scrypt: not on the GUI thread
        pad.pin_entered.connect(self.pin_entered)

    def show(self) -> None:
        """The pad, already waiting if wrong PINs were typed lately (even before a restart)."""
        self._show_pad()
        wait = self.desk.staff_lock_wait()
        if wait > 0:
            self.pad.show_wrong(wait)

    def pin_entered(self, pin: str) -> None:
        if self.pad.checking:  # the pad refuses a second submit; this is the backstop
            return
        self.pad.set_checking(True)
        self._check.run(lambda: self.desk.check_staff_pin(pin), self._checked, self._failed)

    def _checked(self, check: PinCheck) -> None:
        self.pad.set_checking(False)
        if not self._pad_shown():
            return  # left meanwhile (Back, idle, a staff badge): a wrong try is recorded
        if check.ok:
            self._open_staff()
        elif check.no_pin_set:
            self.pad.show_no_pin()
        else:
            self.pad.show_wrong(check.wait_s)

    def _failed(self, exc: BaseException) -> None:
        log.error("could not check the staff PIN: %r", exc)
        self.pad.set_checking(False)

    def badge_shown(self, text: str) -> None:
        """A badge shown on the pad: staff mode if it is a staff member's current badge."""
        try:
            name = self.desk.staff_badge(text)
        except OSError:
            log.exception("could not check a staff badge")
            name = None
        if name is None:
            self.pad.show_not_staff_badge()
            return
        log.info("staff mode opened by a staff badge")
        self._open_staff()

    def stop(self) -> None:
        """Wait for a PIN check still running (the kiosk is closing)."""
        self._check.stop()
