"""Staff mode, hours: the opening exceptions coming (each removable) and a form to add
one. The days are picked on a calendar: a tap on the first day, a tap on the last (24
December to 2 January is two taps, not ten on a "+" button)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QIcon, QTextCharFormat
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.frontdesk import FrontDesk
from kiosk.today import TodayModel
from ui.widgets.stepper import Stepper
from ui.widgets.touch import (
    LEFT,
    Panel,
    big_button,
    clear_layout,
    kinetic_scroll,
    label,
    min_target,
)

CHOSEN = "#111111"  # the chosen days: white on black, like a chosen button


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _step_time(value: time, n: int) -> time:
    minutes = max(0, min(24 * 60 - 30, value.hour * 60 + value.minute + 30 * n))
    return time(minutes // 60, minutes % 60)


class DayRange(QCalendarWidget):
    """A calendar where a tap picks the first day and the next tap the last one (a tap
    before the first day starts again from there); the days between are shaded."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayrange")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setMinimumDate(_qdate(today))  # an exception in the past changes nothing
        self.first = self.last = today
        self._waiting_for_last = False
        for name, text in (("qt_calendar_prevmonth", "◀"), ("qt_calendar_nextmonth", "▶")):
            arrow = self.findChild(QToolButton, name)
            if arrow is not None:  # Qt's own tiny arrows: big enough for a finger
                arrow.setIcon(QIcon())
                arrow.setText(text)
                arrow.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                arrow.setMinimumSize(min_target(), min_target() * 3 // 4)
        self.clicked.connect(self._tapped)
        self._shade()

    def pick(self, first: date, last: date) -> None:
        self.first, self.last = min(first, last), max(first, last)
        self._waiting_for_last = False
        self.setSelectedDate(_qdate(self.last))
        self._shade()
        self.changed.emit()

    def _tapped(self, day: QDate) -> None:
        picked = date(day.year(), day.month(), day.day())
        if self._waiting_for_last and picked >= self.first:
            self.last, self._waiting_for_last = picked, False
        else:
            self.first = self.last = picked
            self._waiting_for_last = True
        self._shade()
        self.changed.emit()

    def _shade(self) -> None:
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the last shading
        chosen = QTextCharFormat()
        chosen.setBackground(Qt.GlobalColor.black)
        chosen.setForeground(Qt.GlobalColor.white)
        day = _qdate(self.first)
        while day <= _qdate(self.last):
            self.setDateTextFormat(day, chosen)
            day = day.addDays(1)


class ExceptionsPanel(Panel):
    """The "Hours" tab of staff mode."""

    done = Signal(str)  # what was saved, for the staff screen's feedback line
    failed = Signal(str)  # why not
    changed = Signal()  # the hours changed: the other screens refresh

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._lang = desk.settings.default_language
        self._model: TodayModel | None = None
        self.exception_list = QVBoxLayout()
        self.space_buttons: dict[str | None, QPushButton] = {}
        self.space_group = QButtonGroup(self)
        spaces_row = QHBoxLayout()
        for space_id, name in [
            (None, ""),
            *((s.id, s.name(self._lang)) for s in desk.settings.spaces),
        ]:
            button = big_button("choice")
            button.setCheckable(True)
            button.setText(name)
            self.space_group.addButton(button)
            spaces_row.addWidget(button)
            self.space_buttons[space_id] = button
        self.space_buttons[None].setChecked(True)
        self.days = DayRange(desk.today())
        self.days.changed.connect(self._show_days)
        self.days_text = label("cardtitle", align=LEFT)
        self.days_hint = label("small", align=LEFT)
        self.closed_button = big_button("choice")
        self.open_button = big_button("choice")
        kind = QButtonGroup(self)
        for button in (self.closed_button, self.open_button):
            button.setCheckable(True)
            kind.addButton(button)
        self.closed_button.setChecked(True)
        self.opens = Stepper(time(14, 0), _step_time, lambda t: t.strftime("%H:%M"))
        self.closes = Stepper(time(22, 0), _step_time, lambda t: t.strftime("%H:%M"))
        for stepper in (self.opens, self.closes):  # times matter only for an opening
            stepper.setEnabled(False)
            self.open_button.toggled.connect(stepper.setEnabled)
        self.comment = QLineEdit()
        self.comment.setMaxLength(120)
        self.add_button = big_button()
        self.add_button.clicked.connect(self._add_exception)
        self.form_labels = [label("small", align=LEFT) for _ in range(3)]

        form = QVBoxLayout()
        form.addWidget(self.days_text)
        form.addWidget(self.days_hint)
        kinds = QHBoxLayout()
        kinds.addWidget(self.closed_button)
        kinds.addWidget(self.open_button)
        form.addLayout(kinds)
        form.addWidget(self.opens)  # one above the other: the form fits beside the calendar
        form.addWidget(self.closes)
        form.addWidget(self.form_labels[2])
        form.addWidget(self.comment)
        form.addWidget(self.add_button)
        form.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.days, 1)
        when.addLayout(form, 1)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.form_labels[0])
        column.addLayout(self.exception_list)
        column.addSpacing(12)
        column.addWidget(self.form_labels[1])
        column.addLayout(spaces_row)
        column.addLayout(when)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(kinetic_scroll(inner, buttons_inside=True))
        self.retranslate()

    def show_model(self, model: TodayModel) -> None:
        self._model = model
        self.days.setMinimumDate(_qdate(self._desk.today()))  # the kiosk runs for months
        self._render_exceptions()

    def _show_days(self) -> None:
        first, last = self.days.first, self.days.last
        if first == last:
            self.days_text.setText(day_text(first))
        else:
            self.days_text.setText(
                self.tr("From %1 to %2")
                .replace("%1", day_text(first))
                .replace("%2", day_text(last))
            )

    def _render_exceptions(self) -> None:
        clear_layout(self.exception_list)
        model = self._model
        if model is None:
            return
        if not model.exceptions:
            none = label("small", align=LEFT)
            none.setText(self.tr("No exception planned."))
            self.exception_list.addWidget(none)
        names = {s.space.id: s.space.name(self._lang) for s in model.spaces}
        for exception in model.exceptions:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = label("small", align=LEFT)
            where = names.get(exception.space or "", self.tr("Everywhere"))
            span = day_text(exception.starts_on)
            if exception.ends_on != exception.starts_on:
                span += " → " + day_text(exception.ends_on)
            hours = (
                self.tr("closed")
                if exception.opens_at is None
                else f"{exception.opens_at:%H:%M}–{exception.closes_at:%H:%M}"
            )
            text.setText(f"{where} · {span} · {hours} · {exception.comment}")
            remove = big_button("secondary")
            remove.setText(self.tr("Remove"))
            remove.setSizePolicy(
                remove.sizePolicy().Policy.Preferred, remove.sizePolicy().Policy.Fixed
            )
            remove.clicked.connect(lambda _=False, i=exception.id: self._remove_exception(i))
            line.addWidget(text, 1)
            line.addWidget(remove)
            self.exception_list.addWidget(row)

    def _add_exception(self) -> None:
        space = next((sid for sid, b in self.space_buttons.items() if b.isChecked()), None)
        opening = self.open_button.isChecked()
        try:
            self._desk.add_exception(
                space=space,
                starts_on=self.days.first,
                ends_on=self.days.last,
                opens_at=self.opens.value if opening else None,
                closes_at=self.closes.value if opening else None,
                comment=self.comment.text().strip(),
            )
        except (ValueError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        self.comment.clear()
        self.done.emit(self.tr("Exception added."))
        self.changed.emit()

    def _remove_exception(self, exception_id: int) -> None:
        try:
            self._desk.remove_exception(exception_id)
        except (LookupError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        self.done.emit(self.tr("Exception removed."))
        self.changed.emit()

    def retranslate(self) -> None:
        self.space_buttons[None].setText(self.tr("Everywhere"))
        for text, widget in zip(
            [
                self.tr("Exceptions coming:"),
                self.tr("Add one — where:"),
                self.tr("Comment shown to visitors:"),
            ],
            self.form_labels,
            strict=True,
        ):
            widget.setText(text)
        self.days_hint.setText(self.tr("On the calendar, tap the first day, then the last day."))
        self.closed_button.setText(self.tr("Closed"))
        self.open_button.setText(self.tr("Open from/to"))
        self.add_button.setText(self.tr("Add the exception"))
        self._show_days()
        self._render_exceptions()

    def reset(self) -> None:
        self.comment.clear()
