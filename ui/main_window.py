"""One stacked widget, the screens in it, and the moves between them. Where a badge or
a typed code leads is ui.scan_flow's to decide."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.frontdesk import FrontDesk, NewBadge
from kiosk.models import CheckinMethod
from kiosk.storage import StorageFault
from kiosk.workshops.desk import WorkshopDesk
from ui.network_flow import NetworkFlow
from ui.scan_flow import ScanFlow
from ui.screens.badge import BadgeScreen
from ui.screens.code_entry import CodeEntryScreen
from ui.screens.guest import GuestScreen
from ui.screens.machine_picker import MachinePickerScreen
from ui.screens.network_visitor import NetworkVisitorScreen
from ui.screens.register import RegisterScreen
from ui.screens.result import ResultScreen
from ui.screens.sign import SignScreen
from ui.screens.staff import StaffScreen
from ui.screens.staff_pin import StaffPinScreen
from ui.screens.today import TodayScreen
from ui.screens.tutorial_player import TutorialPlayerScreen
from ui.screens.tutorials import TutorialListScreen
from ui.screens.welcome import WelcomeScreen
from ui.signing_flow import SigningFlow
from ui.speech import Speaker
from ui.staff_door import StaffDoor
from ui.texts import hours_text
from ui.tutorial_flow import TutorialFlow
from ui.widgets.hours_panel import SpaceLine
from ui.widgets.listen import ListenButton, visible_words
from ui.widgets.still_there import StillThere
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class MainWindow(QStackedWidget):
    scan_shown = Signal(object, float)  # ScanResult, perf_counter() when its frame was decoded
    language_requested = Signal(str)
    frame_shown = Signal()  # a camera frame was taken for the preview (shown or not)

    def __init__(
        self, desk: FrontDesk, speaker: Speaker | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self._lang = ""
        self.speaker = speaker or Speaker()
        settings = desk.settings
        self.setWindowTitle(settings.site_name)
        self.welcome = WelcomeScreen(
            settings.site_name, settings.languages, lambda: desk.now().astimezone(settings.tz)
        )
        self.result = ResultScreen(
            settings.spaces, settings.tz, offer_machines=bool(settings.machines)
        )
        self.sign = SignScreen()
        self.code_entry = CodeEntryScreen()
        self.guest = GuestScreen()
        self.network_visitor = NetworkVisitorScreen()
        self.register = RegisterScreen(desk)
        self.badge = BadgeScreen(settings.site_name)
        self.today = TodayScreen(settings.tz, desk.machine_photo, settings.default_language)
        self.picker = MachinePickerScreen()
        self.staff_pin = StaffPinScreen()
        self.staff = StaffScreen(desk, WorkshopDesk(desk.site, desk.tutorial_library))
        self.tutorials = TutorialFlow(
            desk,
            TutorialListScreen(),
            TutorialPlayerScreen(self.speaker),
            self._go,
            self.go_home,
            self,
        )
        for screen in (
            self.welcome,
            self.result,
            self.sign,
            self.code_entry,
            self.guest,
            self.network_visitor,
            self.register,
            self.badge,
            self.today,
            self.picker,
            self.staff_pin,
            self.staff,
            *self.tutorials.screens(),
        ):
            # the window is the screen's size: a page's minimum (wrapped words measured
            # narrow) must not make the window taller than the screen (tests/ui/test_sizes)
            screen.setMinimumSize(1, 1)
            self.addWidget(screen)

        self.welcome.register_requested.connect(self._start_registration)
        self.welcome.code_requested.connect(lambda: self._go(self.code_entry))
        self.welcome.guest_requested.connect(lambda: self._go(self.guest))
        self.welcome.language_requested.connect(self.language_requested)
        self.result.done.connect(self.go_home)
        self.result.space_chosen.connect(self._space_chosen)
        self.signing = SigningFlow(
            desk,
            self.sign,
            self._go,
            self.go_home,
            lambda: self._lang or settings.default_language,
            lambda text, method: self.handle_scan(text, method, confirmed=True),
            self,
        )
        self.network = NetworkFlow(
            desk,
            self.network_visitor,
            self.result,
            self._go,
            self.go_home,
            self._start_registration,
            lambda result: self.scan_shown.emit(result, time.perf_counter()),
            self,
        )
        self.guest.guests_counted.connect(self._guests_counted)
        self.guest.cancelled.connect(self.go_home)
        self.register.registered.connect(self._registered)
        self.register.cancelled.connect(self.go_home)
        self.badge.check_in_requested.connect(
            lambda token: self.handle_scan(token, CheckinMethod.BADGE)
        )
        self.badge.done.connect(self._badge_done)
        self.welcome.today_requested.connect(lambda: self._go(self.today))
        self.welcome.learn_requested.connect(self.tutorials.show_list)
        self.today.back_requested.connect(self.go_home)
        self.result.machines_requested.connect(self._ask_machines)
        self.picker.machines_chosen.connect(self._machines_chosen)
        self.picker.done.connect(self.go_home)
        self.staff_door = StaffDoor(
            desk,
            self.staff_pin,
            show_pad=lambda: self._go(self.staff_pin),
            pad_shown=lambda: self.currentWidget() is self.staff_pin,
            open_staff=self._open_staff,
            parent=self,
        )
        self.welcome.staff_requested.connect(self.staff_door.show)
        self.scans = ScanFlow(
            desk,
            result=self.result,
            code_entry=self.code_entry,
            staff=self.staff,
            signing=self.signing,
            network=self.network,
            tutorials=self.tutorials,
            staff_door=self.staff_door,
            visitor_screens=(self.welcome, self.result, self.code_entry, self.badge, self.today),
            current=self.currentWidget,
            go=self._go,
            cover=self.setCurrentWidget,
            go_home=self.go_home,
            shown=self.scan_shown.emit,
            parent=self,
        )
        self.staff_pin.cancelled.connect(self.go_home)
        self.staff.lock_requested.connect(self.go_home)
        self.staff.changed.connect(self.refresh_today)
        self.staff.members.badge_reissued.connect(self._badge_reissued)
        self.staff.workshops.badge_made.connect(self._trainee_badge)

        self.still_there = StillThere(self)
        # read aloud: one button, the same place on every visitor screen
        self.listen = ListenButton(self)
        self.listen.clicked.connect(self.read_aloud)
        self.currentChanged.connect(self._show_listen)
        self._show_listen()

        # Redrawn when a space opens or closes or a reservation ends: one timer, armed on
        # the next such moment, never a poll.
        self._today_timer = QTimer(self, singleShot=True)
        self._today_timer.timeout.connect(self.refresh_today)
        self.refresh_today()

        self._closing_timer = QTimer(self, singleShot=True)
        self._closing_timer.timeout.connect(self.close_forgotten_visits)
        self.close_forgotten_visits()

    # --- navigation -------------------------------------------------------------------

    def _go(self, screen: Screen) -> None:
        previous = self.currentWidget()
        self.setCurrentWidget(screen)
        if isinstance(previous, Screen) and previous is not screen:
            previous.reset()

    def _show_listen(self) -> None:
        """Visitors' screens get the read-aloud strip on the right where speech works;
        staff screens (and kiosks without a speech engine) keep the whole width."""
        self.speaker.stop()
        shown = self.speaker.available and self.currentWidget() not in (
            self.staff,
            self.staff_pin,
        )
        self.setContentsMargins(0, 0, ListenButton.strip_width() if shown else 0, 0)
        self.listen.setVisible(shown)
        self.listen.place(self)

    def read_aloud(self) -> None:
        """What is on screen, in reading order (the "still there?" question if it is up)."""
        shown = self.still_there if self.still_there.isVisible() else self.currentWidget()
        if shown is None:
            return
        lang = self._lang or self.desk.settings.default_language
        self.speaker.say(visible_words(shown), lang)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.listen.place(self)

    def go_home(self) -> None:
        self.scans.forget()
        self._go(self.welcome)

    def ask_if_still_there(self) -> bool:
        """Idle on a screen with something on it: ask first (True). The welcome screen
        has nothing to lose: False, reset at once."""
        current = self.currentWidget()
        if (
            current is self.welcome
            or (current is self.result and not self.result.asking())
            or (current is self.sign and not self.sign.signing_now())
        ):
            return False  # nothing to lose (a greeting or a refusal closes by itself)
        if not self.still_there.asking:
            self.still_there.ask()
            self.listen.raise_()  # the question can be listened to as well
        return True

    def reset_on_idle(self) -> None:
        """Idle: back to the welcome screen, nothing personal left on any screen."""
        self.still_there.dismiss()
        for index in range(self.count()):
            screen = self.widget(index)
            if isinstance(screen, Screen):
                screen.reset()
        self.tutorials.reset()
        self.scans.forget()
        self.setCurrentWidget(self.welcome)

    def _start_registration(self) -> None:
        self._go(self.register)
        self.register.start()

    # --- what the camera, the scanner and the keypad bring ------------------------------

    def accepts_scans(self) -> bool:
        return self.scans.accepts_scans()

    def on_badge_seen(self, text: str, seen_at: float = 0.0) -> None:
        """The camera's or a USB scanner's read: someone is there, and ui.scan_flow
        decides what it means on the screen shown."""
        self.still_there.dismiss()
        self.scans.badge_seen(text, seen_at)

    def handle_scan(
        self, text: str, method: CheckinMethod, seen_at: float = 0.0, *, confirmed: bool = False
    ) -> None:
        self.scans.scan(text, method, seen_at, confirmed=confirmed)

    def _space_chosen(self, visit_id: str, space_id: str) -> None:
        try:
            self.desk.set_visit_details(visit_id, space=space_id)
        except OSError:  # the visit itself is recorded; only the space is lost
            log.exception("could not record the space of visit %s", visit_id)
        if any(m.space == space_id for m in self.desk.settings.machines):
            self._ask_machines(visit_id, space_id)
        else:
            self.go_home()

    def _ask_machines(self, visit_id: str, space_id: str | None = None) -> None:
        machines = [m for m in self._model.machines if space_id is None or m.space == space_id]
        if not machines:
            self.go_home()
            return
        self.picker.ask(visit_id, machines)
        self._go(self.picker)

    def _machines_chosen(self, visit_id: str, machine_ids: list[str]) -> None:
        try:
            checks = self.desk.start_using(visit_id, machine_ids)
        except (ValueError, LookupError, OSError):
            log.exception("could not mark machines in use for visit %s", visit_id)
            self.go_home()
            return
        self.refresh_today()
        self.picker.show_checks(checks)

    # --- today: hours and machines ----------------------------------------------------

    def refresh_today(self) -> None:
        try:
            self._model = self.desk.today_model()
        except OSError:
            log.exception("could not read today's hours and machines; retrying in a minute")
            self._today_timer.start(60_000)
            return
        model = self._model
        lang = self.desk.settings.default_language if not self._lang else self._lang
        lines = [
            SpaceLine(
                name=space.space.name(lang),
                state=space.state,
                text=hours_text(space.state, space.next_change, model.at),
                comment=space.comment,
            )
            for space in model.spaces
        ]
        self.welcome.hours_panel.show_spaces(lines)
        self.today.show_model(model)
        self.staff.show_model(model)
        # next state change, or midnight ("tomorrow" becomes "today"), at most an hour away
        midnight = datetime.combine(
            model.at.date() + timedelta(days=1), datetime.min.time(), tzinfo=model.at.tzinfo
        )
        wake = min(
            [t for t in (model.next_refresh, midnight) if t is not None], key=datetime.timestamp
        )
        wait_ms = (wake.timestamp() - self.desk.now().timestamp()) * 1000 + 500
        self._today_timer.start(int(min(max(wait_ms, 1000), 3_600_000)))

    def set_language(self, lang: str) -> None:
        self._lang = lang
        library = self.desk.tutorial_library()
        titles = {tid: t.title.get(lang) for tid, t in library.tutorials.items()}
        for screen in (self.today, self.staff, self.picker):
            screen.set_tutorial_titles(titles)
        self.staff.set_tutorials_left_out(library.left_out)
        self.result.set_language(lang)
        self.sign.set_language(lang)
        self.today.set_language(lang)
        self.tutorials.listing.set_language(lang)
        self.tutorials.player.set_language(lang)
        self.refresh_today()

    # --- staff --------------------------------------------------------------------------

    def _open_staff(self) -> None:
        self.refresh_today()
        self._go(self.staff)

    def stop(self) -> None:
        """The kiosk is closing: wait for the work still running on other threads."""
        self.staff_door.stop()
        self.staff.stop()

    def _badge_reissued(self, badge: NewBadge) -> None:
        """A new badge made in staff mode: shown (and printable), then back to staff."""
        self.badge.show_badge(badge, reissued=True)
        self.setCurrentWidget(self.badge)  # staff mode stays as it was behind it

    def _trainee_badge(self, badge: NewBadge) -> None:
        """A trainee registered by staff for a workshop: their badge, then staff mode."""
        self.badge.show_badge(badge, new_trainee=True)
        self.setCurrentWidget(self.badge)

    def _badge_done(self) -> None:
        if self.badge.reissued:
            self._go(self.staff)
        else:
            self.go_home()

    def _guests_counted(self, count: int, purpose: str) -> None:
        try:
            self.desk.count_guests(count, purpose)
        except OSError as exc:
            log.error("could not count guests: %s", exc)
            self.result.show_storage_problem(str(exc), getattr(exc, "fault", StorageFault.OTHER))
        else:
            self.result.show_guests(count)
        self._go(self.result)

    def _registered(self, badge: NewBadge) -> None:
        self.badge.show_badge(badge)
        self._go(self.badge)

    def show_frame(self, image: QImage) -> None:
        if self.currentWidget() is self.welcome:
            self.welcome.show_frame(image)
        self.frame_shown.emit()  # the camera may send the next one

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
