"""One stacked widget, the screens in it, and the moves between them."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.checkin import Outcome
from kiosk.frontdesk import FrontDesk, NewBadge
from kiosk.models import CheckinMethod
from ui.screens.badge import BadgeScreen
from ui.screens.code_entry import CodeEntryScreen
from ui.screens.guest import GuestScreen
from ui.screens.register import RegisterScreen
from ui.screens.result import ResultScreen
from ui.screens.welcome import WelcomeScreen
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class MainWindow(QStackedWidget):
    scan_shown = Signal(object, float)  # ScanResult, perf_counter() when its frame was decoded
    language_requested = Signal(str)

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        settings = desk.settings
        self.setWindowTitle(settings.site_name)
        self.welcome = WelcomeScreen(
            settings.site_name, settings.languages, lambda: desk.now().astimezone(settings.tz)
        )
        self.result = ResultScreen(settings.spaces, settings.tz)
        self.code_entry = CodeEntryScreen()
        self.guest = GuestScreen()
        self.register = RegisterScreen(desk)
        self.badge = BadgeScreen(settings.site_name)
        for screen in (
            self.welcome,
            self.result,
            self.code_entry,
            self.guest,
            self.register,
            self.badge,
        ):
            self.addWidget(screen)

        self.welcome.register_requested.connect(self._start_registration)
        self.welcome.code_requested.connect(lambda: self._go(self.code_entry))
        self.welcome.guest_requested.connect(lambda: self._go(self.guest))
        self.welcome.language_requested.connect(self.language_requested)
        self.result.done.connect(self.go_home)
        self.result.space_chosen.connect(self._space_chosen)
        self.code_entry.code_entered.connect(
            lambda code: self.handle_scan(code, CheckinMethod.CODE)
        )
        self.code_entry.cancelled.connect(self.go_home)
        self.guest.guests_counted.connect(self._guests_counted)
        self.guest.cancelled.connect(self.go_home)
        self.register.registered.connect(self._registered)
        self.register.cancelled.connect(self.go_home)
        self.badge.check_in_requested.connect(
            lambda token: self.handle_scan(token, CheckinMethod.BADGE)
        )
        self.badge.done.connect(self.go_home)

        self._closing_timer = QTimer(self, singleShot=True)
        self._closing_timer.timeout.connect(self.close_forgotten_visits)
        self.close_forgotten_visits()

    # --- navigation -------------------------------------------------------------------

    def _go(self, screen: Screen) -> None:
        previous = self.currentWidget()
        self.setCurrentWidget(screen)
        if isinstance(previous, Screen) and previous is not screen:
            previous.reset()

    def go_home(self) -> None:
        self._go(self.welcome)

    def reset_on_idle(self) -> None:
        """Idle: back to the welcome screen, nothing personal left on any screen."""
        for index in range(self.count()):
            screen = self.widget(index)
            if isinstance(screen, Screen):
                screen.reset()
        self.setCurrentWidget(self.welcome)

    def _start_registration(self) -> None:
        self._go(self.register)
        self.register.start()

    # --- what the camera, the scanner and the keypad bring ------------------------------

    def accepts_scans(self) -> bool:
        """Badges are taken on the welcome, result and keypad screens, not mid-registration."""
        return self.currentWidget() in (self.welcome, self.result, self.code_entry, self.badge)

    def on_badge_seen(self, text: str, seen_at: float = 0.0) -> None:
        if self.accepts_scans():
            self.handle_scan(text, CheckinMethod.BADGE, seen_at)

    def handle_scan(self, text: str, method: CheckinMethod, seen_at: float = 0.0) -> None:
        try:
            result = self.desk.scan(text, method)
        except OSError as exc:  # disk full, database unreadable: say so, don't crash
            log.exception("could not record a scan")
            self.result.show_storage_problem(str(exc))
            self._go(self.result)
            return
        log.info("scan by %s: %s %s", method.value, result.outcome.value, result.reason or "")
        if result.outcome is Outcome.REPEAT and self.currentWidget() is self.result:
            return  # already on screen
        self.result.show_result(result)
        self._go(self.result)
        self.result.repaint()  # painted now, so the person sees it at once
        self.scan_shown.emit(result, seen_at or time.perf_counter())

    def _space_chosen(self, visit_id: str, space_id: str) -> None:
        try:
            self.desk.set_visit_details(visit_id, space=space_id)
        except OSError:  # the visit itself is recorded; only the space is lost
            log.exception("could not record the space of visit %s", visit_id)

    def _guests_counted(self, count: int, purpose: str) -> None:
        try:
            self.desk.count_guests(count, purpose)
        except OSError as exc:
            self.result.show_storage_problem(str(exc))
        else:
            self.result.show_guests(count)
        self._go(self.result)

    def _registered(self, badge: NewBadge) -> None:
        self.badge.show_badge(badge)
        self._go(self.badge)

    def show_frame(self, image: QImage) -> None:
        if self.currentWidget() is self.welcome:
            self.welcome.show_frame(image)

    def close_forgotten_visits(self) -> None:
        try:
            closed = self.desk.close_forgotten_visits()
        except OSError:
            log.exception("could not close forgotten visits; will try again")
            closed = 0
        if closed:
            log.info("closed %d visits left open at closing time", closed)
        wait_s = (self.desk.next_closing() - self.desk.now()).total_seconds() + 1
        self._closing_timer.start(int(min(max(wait_s, 1), 6 * 3600) * 1000))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # Escape and friends do nothing at the door
