"""Staff mode, workshops: the day (a tap on the calendar), the start and end times (by
half hours) and "every week for N weeks" of new sessions; the same form moves a
session. What was chosen stays after a refusal."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ui.widgets.stepper import Stepper
from ui.widgets.touch import LEFT, Panel, big_button, label, min_target, whole_text

MAX_WEEKS = 52


def _step_time(value: time, n: int) -> time:
    minutes = max(0, min(24 * 60 - 30, value.hour * 60 + value.minute + 30 * n))
    return time(minutes // 60, minutes % 60)


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")


def big_calendar(today: date) -> QCalendarWidget:
    """Qt's calendar with arrows a finger can hit."""
    calendar = QCalendarWidget()
    calendar.setObjectName("dayrange")
    calendar.setGridVisible(True)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setSelectedDate(QDate(today.year, today.month, today.day))
    for name, text in (("qt_calendar_prevmonth", "◀"), ("qt_calendar_nextmonth", "▶")):
        arrow = calendar.findChild(QToolButton, name)
        if arrow is not None:
            arrow.setIcon(QIcon())
            arrow.setText(text)
            arrow.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for button in calendar.findChildren(QToolButton):  # the arrows, the month, the year
        button.setMinimumSize(min_target(), min_target())
    return calendar


class SessionForm(Panel):
    add_requested = Signal(object, object, object, int)  # day, start, end, weeks
    move_requested = Signal(str, object, object, object)  # session id, day, start, end

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moving: tuple[str, int] | None = None  # session id and number
        self.calendar = big_calendar(today)
        self.calendar.selectionChanged.connect(self._show_day)
        self.heading = label("cardtitle", align=LEFT)
        self.day = label("small", align=LEFT)
        self.start = Stepper(time(14, 0), _step_time, lambda t: t.strftime("%H:%M"))
        self.end = Stepper(time(17, 0), _step_time, lambda t: t.strftime("%H:%M"))
        self.weeks = Stepper(1, lambda v, d: max(1, min(MAX_WEEKS, v + d)), self._weeks_text)
        self.captions = [label("small", align=LEFT) for _ in range(3)]
        self.add_button = big_button()
        self.add_button.clicked.connect(self._add)
        self.stop_moving = big_button("secondary")
        self.stop_moving.clicked.connect(lambda: self.move_session(None))
        form = QVBoxLayout()
        form.addWidget(self.heading)
        form.addWidget(self.day)
        for caption, stepper in zip(self.captions, (self.start, self.end, self.weeks), strict=True):
            row = QHBoxLayout()
            row.addWidget(caption, 1)
            row.addWidget(stepper, 2)
            form.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(whole_text(self.stop_moving))
        buttons.addWidget(whole_text(self.add_button))
        form.addLayout(buttons)
        form.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar, 1)
        layout.addLayout(form, 1)
        self.retranslate()

    @property
    def chosen_day(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())

    def pick(self, day: date, start: time, end: time) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.start.set_value(start)
        self.end.set_value(end)

    def move_session(self, moving: tuple[str, int] | None) -> None:
        """Move that session (id, number) instead of adding; None: back to adding."""
        self._moving = moving
        self.weeks.setVisible(moving is None)
        self.captions[2].setVisible(moving is None)
        self.stop_moving.setVisible(moving is not None)
        self.retranslate()

    def _add(self) -> None:
        if self._moving is not None:
            self.move_requested.emit(
                self._moving[0], self.chosen_day, self.start.value, self.end.value
            )
        else:
            self.add_requested.emit(
                self.chosen_day, self.start.value, self.end.value, int(self.weeks.value)
            )

    def _weeks_text(self, weeks: int) -> str:
        return self.tr("once") if weeks == 1 else self.tr("%n week(s)", "", weeks)

    def _show_day(self) -> None:
        self.day.setText(day_text(self.chosen_day))

    def retranslate(self) -> None:
        if self._moving is not None:
            self.heading.setText(self.tr("Move session %1 to:").replace("%1", str(self._moving[1])))
            self.add_button.setText(self.tr("Move it"))
        else:
            self.heading.setText(self.tr("Add sessions: tap the day"))
            self.add_button.setText(self.tr("Add"))
        self.stop_moving.setText(self.tr("Do not move"))
        self.stop_moving.setVisible(self._moving is not None)
        for caption, text in zip(
            self.captions,
            [self.tr("Starts at:"), self.tr("Ends at:"), self.tr("Every week:")],
            strict=True,
        ):
            caption.setText(text)
        self.weeks.refresh()
        self._show_day()
