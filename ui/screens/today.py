"""Today: each space's hours this week, the exceptions coming, and the machine board."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.machines import MachineView
from kiosk.today import TodayModel
from ui.texts import clock_time, hours_text
from ui.widgets.machine_card import MachineCard
from ui.widgets.touch import LEFT, Screen, big_button, clear_layout, kinetic_scroll, label


def _day(day: object) -> str:
    qdate = QDate(day.year, day.month, day.day)  # type: ignore[attr-defined]
    return QLocale().toString(qdate, "ddd d")


class TodayScreen(Screen):
    back_requested = Signal()

    def __init__(
        self,
        tz: ZoneInfo,
        photo_for: Callable[[MachineView], Path | None],
        lang: str = "fr",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._photo_for = photo_for
        self._tz = tz
        self._lang = lang
        self._model: TodayModel | None = None
        self._titles: dict[str, str] = {}
        self.title = label("title")
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.back_requested)
        self.hours_title = label("sectiontitle")
        self.exceptions_title = label("sectiontitle")
        self.machines_title = label("sectiontitle")
        self.week = QGridLayout()
        self.week.setSpacing(8)
        self.exceptions = QVBoxLayout()
        self.machines = QVBoxLayout()
        self.machines.setSpacing(12)

        left_inner = QWidget()
        left = QVBoxLayout(left_inner)
        left.addWidget(self.hours_title)
        left.addLayout(self.week)
        left.addSpacing(20)
        left.addWidget(self.exceptions_title)
        left.addLayout(self.exceptions)
        left.addStretch(1)
        right_inner = QWidget()
        right = QVBoxLayout(right_inner)
        right.addWidget(self.machines_title)
        right.addLayout(self.machines)
        right.addStretch(1)

        header = QHBoxLayout()
        header.addWidget(self.back_button, 1)
        header.addWidget(self.title, 4)
        body = QHBoxLayout()
        body.setSpacing(30)
        body.addWidget(kinetic_scroll(left_inner, buttons_inside=False), 1)
        body.addWidget(kinetic_scroll(right_inner, buttons_inside=False), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def set_tutorial_titles(self, titles: dict[str, str]) -> None:
        """Tutorial id -> its title in the current language (what a machine needs)."""
        self._titles = titles

    def show_model(self, model: TodayModel) -> None:
        self._model = model
        self._render()

    def _render(self) -> None:
        model = self._model
        if model is None:
            return
        for layout in (self.week, self.exceptions, self.machines):
            clear_layout(layout)
        # the week: one column a space (its state on top), one row a day
        for col, space in enumerate(model.spaces, start=1):
            head = label("cardtitle", align=LEFT)
            state = hours_text(space.state, space.next_change, model.at)
            head.setText(f"{space.space.name(self._lang)}\n{state}")
            self.week.addWidget(head, 0, col)
        days = model.spaces[0].week if model.spaces else []
        for row, (day, _) in enumerate(days, start=1):
            name = label("cardtitle", wrap=False, align=LEFT)
            name.setText(_day(day))
            self.week.addWidget(name, row, 0)
        for col, space in enumerate(model.spaces, start=1):
            for row, (_, slots) in enumerate(space.week, start=1):
                cell = label("visitorsmall", align=LEFT)
                if space.error or not space.space.opening_hours:
                    cell.setText("?")
                elif slots:
                    cell.setText(
                        "\n".join(f"{clock_time(s.start)}–{clock_time(s.end)}" for s in slots)
                    )
                else:
                    cell.setText(self.tr("closed"))
                self.week.addWidget(cell, row, col)
        if not model.exceptions:
            none = label("visitorsmall")
            none.setText(self.tr("Nothing special planned."))
            self.exceptions.addWidget(none)
        names = {s.space.id: s.space.name(self._lang) for s in model.spaces}
        for exception in model.exceptions:
            line = label("visitorsmall")
            where = names.get(exception.space or "", self.tr("Everywhere"))
            first = QDate(
                exception.starts_on.year, exception.starts_on.month, exception.starts_on.day
            )
            last = QDate(exception.ends_on.year, exception.ends_on.month, exception.ends_on.day)
            span = QLocale().toString(first, "d MMM")
            if last != first:
                span += " – " + QLocale().toString(last, "d MMM")
            if exception.opens_at is None:
                what = self.tr("closed %1").replace("%1", span)
            else:
                what = (
                    self.tr("open %1, %2–%3")
                    .replace("%1", span)
                    .replace("%2", exception.opens_at.strftime("%H:%M"))
                    .replace(
                        "%3", exception.closes_at.strftime("%H:%M") if exception.closes_at else ""
                    )
                )
            text = self.tr("%1: %2").replace("%1", where).replace("%2", what)
            if exception.comment:
                text += f" — {exception.comment}"
            line.setText(text)
            self.exceptions.addWidget(line)
        for machine in model.machines:
            title = self._titles.get(machine.tutorial or "")
            self.machines.addWidget(
                MachineCard(
                    machine,
                    now=model.at,
                    tz=self._tz,
                    tutorial_title=title,
                    photo=self._photo_for(machine),
                )
            )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Today and this week"))
        self.back_button.setText(self.tr("Back"))
        self.hours_title.setText(self.tr("Opening hours"))
        self.exceptions_title.setText(self.tr("Coming up"))
        self.machines_title.setText(self.tr("Machines"))
        self._render()
