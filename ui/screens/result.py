"""What a scan did: a greeting (with a one-tap choice of space), a goodbye, or a refusal
in plain words with what to do next. Goes back to the welcome screen on its own."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QTime, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.checkin import Outcome, ScanResult
from kiosk.config import Space
from kiosk.models import MembershipStatus
from kiosk.storage import StorageFault
from ui.texts import duration_text, refusal_advice, refusal_title
from ui.widgets.pictograms import show_pictogram
from ui.widgets.touch import Screen, big_button, label

GREETING_MS = 12_000  # a greeting with nothing to answer
GOODBYE_MS = 6_000
REFUSAL_MS = 12_000
# A question (which space? leaving already?) stays until it is answered: the idle reset
# asks "still there?" first, so a slow reader is never cut short.


class ResultScreen(Screen):
    done = Signal()
    space_chosen = Signal(str, str)  # visit id, space id
    machines_requested = Signal(str)  # visit id (a site with one space)
    leaving_confirmed = Signal()  # "leaving already?" answered yes

    def __init__(
        self,
        spaces: tuple[Space, ...],
        tz: ZoneInfo,
        *,
        offer_machines: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._offer_machines = offer_machines
        self._spaces = spaces
        self._tz = tz
        self._result: ScanResult | None = None
        self._guests = 0
        self._leaving: tuple[str, object] | None = None  # name, checked in at
        self._lang = "fr"

        self.icon = label("icon")  # a sign anyone can read: ✔ in, ➜ out, ✖ refused
        self.title = label("title")
        self.subtitle = label("subtitle")
        self.banner = label("banner")
        self.question = label("subtitle")
        self.space_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(24)
        for i, space in enumerate(spaces):
            button = big_button(height_factor=1.1)
            button.clicked.connect(lambda _=False, sid=space.id: self._choose(sid))
            show_pictogram(button, f"space-{space.id}", "space")
            grid.addWidget(button, i // 3, i % 3)
            self.space_buttons[space.id] = button
        self.machines_button = big_button(height_factor=1.1)
        self.machines_button.clicked.connect(self._machines)
        self.ok_button = big_button(height_factor=1.1)
        self.ok_button.clicked.connect(self._finish)
        self.leave_button = big_button(height_factor=1.1)
        self.leave_button.clicked.connect(self._leave)
        self.leave_button.hide()

        layout = QVBoxLayout(self)
        self._layout = layout
        self._compact = False
        self._set_compact(False)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addLayout(grid)
        layout.addWidget(self.machines_button)
        layout.addStretch(1)
        layout.addWidget(self.leave_button)
        layout.addWidget(self.ok_button)

        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._finish)
        for widget in (
            self.banner,
            self.question,
            self.machines_button,
            *self.space_buttons.values(),
        ):
            widget.hide()  # shown by _render when they apply

    def _set_compact(self, compact: bool) -> None:
        """A short screen (1024x600): less air between the lines, the same words and
        buttons, so the greeting's question and its answers still fit."""
        self._compact = compact
        if compact:
            self._layout.setContentsMargins(40, 12, 40, 12)
            self._layout.setSpacing(8)
        else:
            self._layout.setContentsMargins(80, 60, 80, 60)
            self._layout.setSpacing(30)

    def resizeEvent(self, event: QResizeEvent) -> None:
        compact = event.size().height() < 700
        if compact != self._compact:
            self._set_compact(compact)
        super().resizeEvent(event)

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def show_result(self, result: ScanResult) -> None:
        self._result, self._guests, self._leaving = result, 0, None
        self._render()
        checked_out = result.outcome is Outcome.CHECKED_OUT or (
            result.outcome is Outcome.REPEAT and result.checked_out_at is not None
        )
        if self.question.isVisibleTo(self):
            self._timer.stop()  # a question waits for its answer (or the idle reset)
        else:
            self._timer.start(
                REFUSAL_MS if not result.accepted else GOODBYE_MS if checked_out else GREETING_MS
            )

    def asking(self) -> bool:
        """A question waits for its answer (which space? leaving already?)."""
        return self.question.isVisibleTo(self) or self._leaving is not None

    def ask_leaving(self, first_name: str, checked_in_at: object) -> None:
        """A second scan minutes after checking in: a goodbye, or a mistake? Ask."""
        self._result, self._guests = None, 0
        self._leaving = (first_name, checked_in_at)
        self._timer.stop()
        self._render()

    def show_storage_problem(self, detail: str, fault: StorageFault = StorageFault.OTHER) -> None:
        """The database refused to write: nothing was recorded, the person must know.

        A kind line for the visitor (it is not their fault), and one for staff saying
        what happened (a full disk is not a damaged database) and what to do."""
        self._result, self._guests, self._leaving = None, 0, None
        self.leave_button.hide()
        self._set_mood("refusal")
        self.title.setText(self.tr("Your visit could not be recorded"))
        self.subtitle.setText(
            self.tr(
                "Sorry, it is not your fault: the kiosk cannot save right now. "
                "Please tell a staff member."
            )
        )
        self.subtitle.setToolTip(detail)
        self.banner.setText(self._staff_words(fault))
        self.banner.show()
        self.question.hide()
        for button in self.space_buttons.values():
            button.hide()
        self.machines_button.hide()
        self.ok_button.setText(self.tr("OK"))
        self._timer.start(REFUSAL_MS)

    def _staff_words(self, fault: StorageFault) -> str:
        words = {
            StorageFault.DISK_FULL: self.tr(
                "For staff: the disk is full. Nothing was lost; free some space "
                "(sudo fablab-kiosk doctor says how)."
            ),
            StorageFault.DAMAGED: self.tr(
                "For staff: the database is damaged. Stop the kiosk, then: "
                "sudo fablab-kiosk backup restore"
            ),
            StorageFault.MISSING: self.tr(
                "For staff: the database is missing. Stop the kiosk, then: "
                "sudo fablab-kiosk backup restore"
            ),
            StorageFault.READ_ONLY: self.tr(
                "For staff: the database cannot be written (permissions, or a read-only "
                "disk). Run: sudo fablab-kiosk doctor"
            ),
            StorageFault.BUSY: self.tr(
                "For staff: another program held the database too long. Try again in a moment."
            ),
        }
        return words.get(
            fault,
            self.tr("For staff: the database could not be written. Run: sudo fablab-kiosk doctor"),
        )

    def show_guests(self, count: int) -> None:
        self._result, self._guests, self._leaving = None, count, None
        self._render()
        self._timer.start(GOODBYE_MS)

    def _time(self, moment: object) -> str:
        local = moment.astimezone(self._tz)  # type: ignore[attr-defined]
        return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)

    def _set_mood(self, mood: str) -> None:
        self.icon.setText({"greeting": "✔", "goodbye": "➜", "refusal": "✖"}[mood])
        self.setObjectName(mood)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QWidget):
            self.style().unpolish(child)
            self.style().polish(child)

    def _render(self) -> None:
        result = self._result
        show_spaces = show_machines = False
        self.banner.hide()
        self.question.hide()
        self.leave_button.hide()
        self.ok_button.setText(self.tr("OK"))
        if self._leaving is not None:
            name, since = self._leaving
            self._set_mood("goodbye")
            self.icon.setText("?")
            self.title.setText(
                self.tr("Leaving already, %1?").replace("%1", name)
                if name
                else self.tr("Leaving already?")  # a member of another place: no name here
            )
            self.subtitle.setText(self.tr("You checked in at %1.").replace("%1", self._time(since)))
            self.leave_button.setText(self.tr("Yes, I am leaving"))
            self.leave_button.show()
            self.ok_button.setText(self.tr("No, I am staying"))
            for button in self.space_buttons.values():
                button.hide()
            self.machines_button.hide()
            return
        if result is None:
            self._set_mood("greeting")
            self.title.setText(self.tr("Welcome!"))
            self.subtitle.setText(
                self.tr("%n person(s) counted. Enjoy your visit.", "", self._guests)
            )
        elif not result.accepted:
            self._set_mood("refusal")
            self.title.setText(refusal_title(result.reason))
            self.subtitle.setText(refusal_advice(result.reason))
        elif result.checked_out_at is not None:
            self._set_mood("goodbye")
            self.title.setText(
                self.tr("Goodbye %1!").replace("%1", result.first_name)
                if result.first_name
                else self.tr("Goodbye!")  # a member of another place: no name here
            )
            stay = duration_text(result.duration) if result.duration else ""
            self.subtitle.setText(
                self.tr("Checked out at %1. You stayed %2.")
                .replace("%1", self._time(result.checked_out_at))
                .replace("%2", stay)
            )
        else:
            self._set_mood("greeting")
            self.title.setText(
                self.tr("Hello %1!").replace("%1", result.first_name)
                if result.first_name
                else self.tr("Welcome!")  # a member of another place: no name here
            )
            self.subtitle.setText(
                self.tr("Checked in at %1.").replace("%1", self._time(result.checked_in_at))
            )
            new_visit = result.outcome is Outcome.CHECKED_IN
            show_spaces = new_visit and len(self._spaces) > 1
            show_machines = (  # machines are for this place's members (certifications)
                new_visit and not show_spaces and self._offer_machines and bool(result.member_id)
            )
            self._membership_banner(result)
        for space in self._spaces:
            button = self.space_buttons[space.id]
            button.setText(space.name(self._lang))
            button.setVisible(show_spaces)
        self.machines_button.setVisible(show_machines)
        self.machines_button.setText(self.tr("I will use a machine"))
        if show_spaces:
            self.question.setText(self.tr("Where are you going today?"))
            self.question.show()
            self.ok_button.setText(self.tr("Skip"))

    def _membership_banner(self, result: ScanResult) -> None:
        if result.membership is MembershipStatus.EXPIRED:
            self.banner.setText(
                self.tr(
                    "Your membership has expired. Your visit is recorded: "
                    "please see a staff member to renew it."
                )
            )
            self.banner.show()
        elif result.membership is MembershipStatus.PENDING:
            self.banner.setText(
                self.tr("Your membership is not paid yet. Please see a staff member.")
            )
            self.banner.show()

    def _choose(self, space_id: str) -> None:
        """The main window goes on from here (to the machines of that space, or home)."""
        self._timer.stop()
        if self._result is not None and self._result.visit_id:
            self.space_chosen.emit(self._result.visit_id, space_id)
        else:
            self.done.emit()

    def _machines(self) -> None:
        self._timer.stop()
        if self._result is not None and self._result.visit_id:
            self.machines_requested.emit(self._result.visit_id)

    def _finish(self) -> None:
        self._timer.stop()
        self._leaving = None
        self.done.emit()

    def _leave(self) -> None:
        self._timer.stop()
        self._leaving = None
        self.leaving_confirmed.emit()

    def retranslate(self) -> None:
        if self._result is not None or self._guests or self._leaving is not None:
            self._render()

    def reset(self) -> None:
        self._timer.stop()
        self._result, self._guests, self._leaving = None, 0, None
        self.icon.clear()
        self.title.clear()
        self.subtitle.clear()
        self.banner.clear()
