"""Staff mode, "In the building": who is checked in now, per space, with the time they
came in -- the list staff take outside in an evacuation -- and a check-out for someone
who left without scanning."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk, StorageError
from kiosk.members.actions import Present
from ui.widgets.feedback import Feedback
from ui.widgets.touch import (
    LEFT,
    Panel,
    big_button,
    clear_layout,
    fit_words,
    kinetic_scroll,
    label,
)


class PresencePanel(Panel):
    changed = Signal()  # someone was checked out: other screens refresh

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._tz: ZoneInfo = desk.settings.tz
        self._people: list[Present] = []
        self._guests = 0
        self.count = label("subtitle", align=LEFT)
        self.guests = label("small", align=LEFT)
        self.feedback = Feedback()
        self.refresh_button = big_button("secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = big_button("secondary")
        self.close_button.clicked.connect(self._close_forgotten)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(8)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(self.rows)
        column.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.count, 2)  # its words wrap; the buttons' do not
        top.addWidget(self.refresh_button, 1)
        top.addWidget(self.close_button, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.guests)
        layout.addWidget(self.feedback)
        layout.addWidget(kinetic_scroll(inner, buttons_inside=True), 1)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        try:
            self._people = self._desk.in_the_building()
            self._guests = self._desk.guests_today()
        except StorageError as exc:
            self.feedback.error(str(exc))
            return
        self._render()

    def _space_name(self, space_id: str | None) -> str:
        space = self._desk.settings.space(space_id) if space_id else None
        if space is None:
            return self.tr("space not given")
        return space.name(self._desk.settings.default_language)

    def _render(self) -> None:
        clear_layout(self.rows)
        people = self._people
        self.count.setText(
            self.tr("%n person(s) in the building", "", len(people))
            if people
            else self.tr("Nobody is checked in.")
        )
        self.guests.setText(
            self.tr("Guests counted today: %1 (guests do not check out).").replace(
                "%1", str(self._guests)
            )
        )
        by_space: dict[str, list[Present]] = {}
        for person in people:
            by_space.setdefault(self._space_name(person.space), []).append(person)
        for space, group in sorted(by_space.items()):
            heading = label("cardtitle", align=LEFT)
            heading.setText(f"{space} · {len(group)}")
            self.rows.addWidget(heading)
            for person in group:
                row = QWidget()
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                text = label("cardstatus", align=LEFT)
                since = person.checked_in_at.astimezone(self._tz).strftime("%H:%M")
                text.setText(
                    self.tr("%1 — since %2 — %3")
                    .replace("%1", person.name or self._place_words(person))
                    .replace("%2", since)
                    .replace("%3", person.short_code)
                )
                out = big_button("secondary")
                out.setText(self.tr("Check out"))
                out.setSizePolicy(out.sizePolicy().Policy.Preferred, out.sizePolicy().Policy.Fixed)
                out.clicked.connect(lambda _=False, v=person.visit_id: self._check_out(v))
                line.addWidget(text, 1)
                line.addWidget(out)
                self.rows.addWidget(row)

    def _place_words(self, person: Present) -> str:
        """A member of another place of the network has no name here: their place."""
        if person.place:
            return self.tr("a member of %1").replace("%1", person.place)
        return "—"

    def _check_out(self, visit_id: str) -> None:
        try:
            self._desk.check_out(visit_id)
        except (LookupError, StorageError) as exc:
            self.feedback.error(str(exc))
            return
        self.feedback.ok(self.tr("Checked out."))
        self.refresh()
        self.changed.emit()

    def _close_forgotten(self) -> None:
        try:
            closed = self._desk.close_forgotten_visits()
        except StorageError as exc:
            self.feedback.error(str(exc))
            return
        self.feedback.ok(
            self.tr("%n forgotten visit(s) closed at closing time.", "", closed)
            if closed
            else self.tr("No forgotten visit: everyone checked in came today.")
        )
        self.refresh()
        self.changed.emit()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.close_button.setText(self.tr("Close forgotten visits"))
        fit_words(self.refresh_button)
        fit_words(self.close_button)
        self._render()

    def reset(self) -> None:
        self.feedback.clear()
        self._people = []
        clear_layout(self.rows)
