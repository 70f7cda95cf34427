"""What a badge shown or a code typed leads to, screen by screen: on the tutorials it
says who learns, on the PIN pad a staff badge opens staff mode, in staff mode it looks a
member up; on the visitors' screens it is a check-in or a check-out (kiosk.checkin),
asked "leaving already?" minutes after coming in, offered to the network visitor's
choice (network_flow) or to the sign screen (signing_flow) first.

The window says which screen is shown and how to move; this decides where a scan goes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.checkin import Outcome, ScanResult
from kiosk.frontdesk import FrontDesk
from kiosk.models import CheckinMethod
from kiosk.storage import StorageFault
from ui.network_flow import NetworkFlow
from ui.screens.code_entry import CodeEntryScreen
from ui.screens.result import ResultScreen
from ui.screens.staff import StaffScreen
from ui.signing_flow import SigningFlow
from ui.staff_door import StaffDoor
from ui.tutorial_flow import TutorialFlow
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class ScanFlow(QObject):
    def __init__(
        self,
        desk: FrontDesk,
        *,
        result: ResultScreen,
        code_entry: CodeEntryScreen,
        staff: StaffScreen,
        signing: SigningFlow,
        network: NetworkFlow,
        tutorials: TutorialFlow,
        staff_door: StaffDoor,
        visitor_screens: Sequence[QWidget],
        current: Callable[[], QWidget | None],
        go: Callable[[Screen], None],
        cover: Callable[[Screen], None],
        go_home: Callable[[], None],
        shown: Callable[[ScanResult, float], None],
        parent: QObject | None = None,
    ) -> None:
        """*visitor_screens*: where a badge is a check-in (the sign screen too, while its
        pad is not up). *cover*: show a screen over the current one, which stays as it
        is behind. *shown*: a scan's result is on screen (the time its frame was read)."""
        super().__init__(parent)
        self.desk, self.result, self.code_entry, self.staff = desk, result, code_entry, staff
        self.signing, self.network, self.tutorials = signing, network, tutorials
        self.staff_door = staff_door
        self._visitor_screens = tuple(visitor_screens)
        self._current, self._go, self._cover = current, go, cover
        self._go_home, self._shown = go_home, shown
        self._leaving: tuple[str, CheckinMethod] | None = None  # the scan awaiting "yes"
        # typed from the tutorials: says who learns, then back where they were
        self._code_for_tutorial: Screen | None = None
        result.leaving_confirmed.connect(self._leaving_confirmed)
        code_entry.code_entered.connect(self._code_entered)
        code_entry.cancelled.connect(self._code_cancelled)
        tutorials.code_requested.connect(self._type_code_for_tutorial)

    def forget(self) -> None:
        """Back home or idle: no badge awaits an answer any more."""
        self._code_for_tutorial = None
        self._leaving = None
        self.network.forget()

    def accepts_scans(self) -> bool:
        """Badges are taken on the visitors' screens; not mid-registration, not by staff."""
        current = self._current()
        sign = self.signing.screen
        if current is sign:  # not while the pad is up: a badge would take it away
            return not sign.signing_now()
        return current in self._visitor_screens

    def badge_seen(self, text: str, seen_at: float = 0.0) -> None:
        """A badge read by the camera or a USB scanner, wherever the kiosk is."""
        current = self._current()
        if current is self.code_entry and self._back_to_tutorial():
            self.tutorials.identify(text)  # the badge turned up after all
            return
        if current in self.tutorials.screens():
            self.tutorials.identify(text)  # on the tutorials a badge says who learns
            return
        if current is self.staff_door.pad:  # a staff badge opens staff mode
            self.staff_door.badge_shown(text)
            return
        if current is self.staff:  # staff look a member up, no check-in
            member = self.desk.member_for_badge(text)
            if member is not None:
                self.staff.show_member(member)
            return
        if self.accepts_scans():
            self.scan(text, CheckinMethod.BADGE, seen_at)

    def scan(
        self, text: str, method: CheckinMethod, seen_at: float = 0.0, *, confirmed: bool = False
    ) -> None:
        """A check-in or a check-out, and the screen that says so."""
        if not confirmed and (
            self.signing.offer_while_in(text, method) or self._ask_if_leaving(text, method)
        ):
            return  # the afternoon to sign, or "leaving already?": asked first
        self._leaving = None
        try:
            result = self.desk.scan(text, method)
        except OSError as exc:  # disk full, database unreadable: say so, don't crash
            log.error("could not record a scan: %s", exc)  # words, not a traceback
            log.debug("the scan's error", exc_info=True)
            self.result.show_storage_problem(str(exc), getattr(exc, "fault", StorageFault.OTHER))
            self._go(self.result)
            return
        log.info("scan by %s: %s %s", method.value, result.outcome.value, result.reason or "")
        if result.outcome is Outcome.REPEAT and self._current() in (
            self.result,
            self.signing.screen,
        ):
            return  # already on screen (or signed, the badge still in front of the camera)
        # a member of another place of the network chooses first; a trainee at their
        # workshop signs first
        if not (self.network.offer(result, text, method) or self.signing.offer(result)):
            self.result.show_result(result)
            self._go(self.result)
        shown = self._current()
        if shown is not None:
            shown.repaint()  # painted now, so the person sees it at once
        self._shown(result, seen_at or time.perf_counter())

    def _ask_if_leaving(self, text: str, method: CheckinMethod) -> bool:
        """Checked in minutes ago: ask "leaving already?" rather than check out at once."""
        try:
            arrival = self.desk.just_arrived(text, method)
        except OSError:
            log.exception("could not read the visit of a badge")
            return False  # the scan itself will say what is wrong
        if arrival is None:
            return False
        if self._leaving == (text, method) and self._current() is self.result:
            return True  # the same badge again while the question is on screen
        self._leaving = (text, method)
        self.result.ask_leaving(arrival.first_name, arrival.checked_in_at)
        self._go(self.result)
        return True

    def _leaving_confirmed(self) -> None:
        if self._leaving is None:
            self._go_home()
            return
        text, method = self._leaving
        self.scan(text, method, confirmed=True)

    # --- the code typed instead of a badge ----------------------------------------------

    def _type_code_for_tutorial(self) -> None:
        current = self._current()
        if isinstance(current, Screen):
            self._code_for_tutorial = current
            self._cover(self.code_entry)  # the tutorial stays as it was behind

    def _back_to_tutorial(self) -> bool:
        back, self._code_for_tutorial = self._code_for_tutorial, None
        if back is None:
            return False
        self._go(back)
        return True

    def _code_entered(self, code: str) -> None:
        if self._back_to_tutorial():
            self.tutorials.identify(code)
        else:
            self.scan(code, CheckinMethod.CODE)

    def _code_cancelled(self) -> None:
        if not self._back_to_tutorial():
            self._go_home()
