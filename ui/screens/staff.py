"""Staff mode: who is in the building, members, machine status (with a reason), opening
exceptions, trainings, the yearly reports, and the problems staff must know about (a
broken opening_hours string in config.toml)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.frontdesk import FrontDesk, Trainee
from kiosk.models import MachineStatus
from kiosk.today import TodayModel
from ui.widgets.certifications_panel import CertificationsPanel
from ui.widgets.machine_card import MachineCard
from ui.widgets.members_panel import MembersPanel
from ui.widgets.presence_panel import PresencePanel
from ui.widgets.stepper import Stepper
from ui.widgets.sync_panel import SyncPanel

if TYPE_CHECKING:
    from ui.widgets.report_panel import ReportPanel
from ui.widgets.touch import LEFT, Screen, big_button, clear_layout, kinetic_scroll, label


def _day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


class StaffScreen(Screen):
    lock_requested = Signal()
    quit_requested = Signal()  # leave the kiosk program (systemd starts it again)
    changed = Signal()  # a machine or the hours changed: the other screens refresh

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._model: TodayModel | None = None
        self._titles: dict[str, str] = {}
        self._left_out: tuple[str, ...] = ()
        self._lang = desk.settings.default_language
        self.title = label("title")
        self.lock_button = big_button("secondary")
        self.lock_button.clicked.connect(self.lock_requested)
        self.quit_button = big_button("secondary")
        self.quit_button.clicked.connect(self.quit_requested)
        self.problems = label("banner")
        self.sync_panel = SyncPanel(desk.settings.tz)
        self.feedback = label("error")
        self.tab_presence = big_button("tab")
        self.tab_members = big_button("tab")
        self.tab_machines = big_button("tab")
        self.tab_hours = big_button("tab")
        self.tab_trainings = big_button("tab")
        self.tab_reports = big_button("tab")
        self.tabs = QButtonGroup(self)
        for i, tab in enumerate(
            (
                self.tab_presence,
                self.tab_members,
                self.tab_machines,
                self.tab_hours,
                self.tab_trainings,
                self.tab_reports,
            )
        ):
            tab.setCheckable(True)
            self.tabs.addButton(tab, i)
        self.tab_presence.setChecked(True)
        self.pages = QStackedWidget()
        self.tabs.idClicked.connect(self.pages.setCurrentIndex)
        self.presence = PresencePanel(desk)
        self.presence.changed.connect(self.changed)
        self.pages.addWidget(self.presence)
        self.members = MembersPanel(desk)
        self.members.changed.connect(self.changed)
        self.pages.addWidget(self.members)

        # machines: one reason field and one reservation length serve every card
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason_label = label("small", align=LEFT)
        self.reserve_hours = Stepper(2, lambda v, d: max(1, min(12, v + d)), lambda v: f"{v} h")
        self.reserve_label = label("small", align=LEFT)
        self.machine_list = QVBoxLayout()
        self.machine_list.setSpacing(12)
        machines_inner = QWidget()
        machines_col = QVBoxLayout(machines_inner)
        machines_col.addLayout(self.machine_list)
        machines_col.addStretch(1)
        machines_page = QWidget()
        mp = QVBoxLayout(machines_page)
        tools = QHBoxLayout()
        tools.addWidget(self.reason_label)
        tools.addWidget(self.reason, 3)
        tools.addWidget(self.reserve_label)
        tools.addWidget(self.reserve_hours, 2)
        mp.addLayout(tools)
        mp.addWidget(kinetic_scroll(machines_inner, buttons_inside=True), 1)
        self.pages.addWidget(machines_page)

        # hours: upcoming exceptions (removable) and a form to add one
        today = desk.today()
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
        self.first_day = Stepper(today, lambda d, n: d + timedelta(days=n), _day_text)
        self.last_day = Stepper(today, lambda d, n: d + timedelta(days=n), _day_text)
        self.first_day.changed.connect(self._keep_days_in_order)
        self.closed_button = big_button("choice")
        self.open_button = big_button("choice")
        kind = QButtonGroup(self)
        for button in (self.closed_button, self.open_button):
            button.setCheckable(True)
            kind.addButton(button)
        self.closed_button.setChecked(True)

        def step_time(value: time, n: int) -> time:
            minutes = max(0, min(24 * 60 - 30, value.hour * 60 + value.minute + 30 * n))
            return time(minutes // 60, minutes % 60)

        self.opens = Stepper(time(14, 0), step_time, lambda t: t.strftime("%H:%M"))
        self.closes = Stepper(time(22, 0), step_time, lambda t: t.strftime("%H:%M"))
        for stepper in (self.opens, self.closes):  # times matter only for an opening
            stepper.setEnabled(False)
            self.open_button.toggled.connect(stepper.setEnabled)
        self.comment = QLineEdit()
        self.comment.setMaxLength(120)
        self.add_button = big_button()
        self.add_button.clicked.connect(self._add_exception)
        self.form_labels = [label("small", align=LEFT) for _ in range(5)]
        hours_inner = QWidget()
        hp = QVBoxLayout(hours_inner)
        hp.addLayout(self.exception_list)
        hp.addSpacing(20)
        hp.addWidget(self.form_labels[0])
        hp.addLayout(spaces_row)
        days = QHBoxLayout()
        days.addWidget(self.form_labels[1])
        days.addWidget(self.first_day, 2)
        days.addWidget(self.form_labels[2])
        days.addWidget(self.last_day, 2)
        hp.addLayout(days)
        kinds = QHBoxLayout()
        kinds.addWidget(self.closed_button)
        kinds.addWidget(self.open_button)
        kinds.addWidget(self.opens)
        kinds.addWidget(self.closes)
        hp.addLayout(kinds)
        hp.addWidget(self.form_labels[3])
        hp.addWidget(self.comment)
        hp.addWidget(self.add_button)
        hp.addStretch(1)
        self.pages.addWidget(kinetic_scroll(hours_inner, buttons_inside=True))
        self.trainings = CertificationsPanel(desk)
        self.pages.addWidget(self.trainings)
        # the reports (a count of the year) are made the first time staff open the tab
        self.reports: ReportPanel | None = None
        self._reports_slot = QWidget()
        self.pages.addWidget(self._reports_slot)
        self.tabs.idClicked.connect(self._make_reports_if_needed)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.quit_button, 1)
        header.addWidget(self.lock_button, 1)
        self.tab_row = QHBoxLayout()
        for button in self.tabs.buttons():
            self.tab_row.addWidget(button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(header)
        layout.addLayout(self.tab_row)
        layout.addWidget(self.sync_panel)
        layout.addWidget(self.problems)
        layout.addWidget(self.feedback)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    # --- showing ------------------------------------------------------------------------

    def _make_reports_if_needed(self, index: int) -> None:
        if self.reports is not None or self.tabs.button(index) is not self.tab_reports:
            return
        from ui.widgets.report_panel import ReportPanel

        self.reports = ReportPanel(self._desk)
        at = self.pages.indexOf(self._reports_slot)
        self.pages.removeWidget(self._reports_slot)
        self._reports_slot.deleteLater()
        self.pages.insertWidget(at, self.reports)
        self.pages.setCurrentWidget(self.reports)

    def stop(self) -> None:
        """The kiosk is closing: a count may be running on its own thread."""
        if self.reports is not None:
            self.reports.stop()

    def set_tutorial_titles(self, titles: dict[str, str]) -> None:
        """Tutorial id -> its title in the current language (what a machine needs)."""
        self._titles = titles

    def set_tutorials_left_out(self, folders: tuple[str, ...]) -> None:
        self._left_out = folders

    def show_model(self, model: TodayModel) -> None:
        self._model = model
        problems = list(model.hours_errors)
        if self._left_out:
            problems.append(
                self.tr(
                    "Tutorials left out because of a problem: %1. "
                    "Run “fablab-kiosk tutorials check” to see why."
                ).replace("%1", ", ".join(self._left_out))
            )
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self._render_machines()
        self._render_exceptions()

    def _render_machines(self) -> None:
        clear_layout(self.machine_list)
        model = self._model
        if model is None:
            return
        for machine in model.machines:
            card = MachineCard(
                machine,
                now=model.at,
                tz=self._desk.settings.tz,
                tutorial_title=self._titles.get(machine.tutorial or ""),
                photo=self._desk.machine_photo(machine),
            )
            actions = [
                (self.tr("Free"), MachineStatus.AVAILABLE),
                (self.tr("Reserve"), MachineStatus.RESERVED),
                (self.tr("Out of order"), MachineStatus.OUT_OF_ORDER),
                (self.tr("Maintenance"), MachineStatus.MAINTENANCE),
            ]
            for text, status in actions:
                button = big_button("secondary")
                button.setText(text)
                button.setSizePolicy(
                    button.sizePolicy().Policy.Preferred, button.sizePolicy().Policy.Fixed
                )
                button.setEnabled(status is not machine.status)
                button.clicked.connect(
                    lambda _=False, m=machine.id, s=status: self._set_status(m, s)
                )
                card.add_action(button)
            self.machine_list.addWidget(card)

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
            text = label("small", align=LEFT)
            where = names.get(exception.space or "", self.tr("Everywhere"))
            span = _day_text(exception.starts_on)
            if exception.ends_on != exception.starts_on:
                span += " → " + _day_text(exception.ends_on)
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

    # --- acting -------------------------------------------------------------------------

    def _done(self, message: str) -> None:
        self.feedback.setText(message)
        self.changed.emit()

    def _set_status(self, machine_id: str, status: MachineStatus) -> None:
        note = self.reason.text().strip() or None
        until: datetime | None = None
        if status is MachineStatus.RESERVED:
            until = self._desk.now() + timedelta(hours=int(self.reserve_hours.value))
        if status in (MachineStatus.OUT_OF_ORDER, MachineStatus.MAINTENANCE) and not note:
            self.feedback.setText(self.tr("Write the reason first, in the field above."))
            self.reason.setFocus()
            return
        try:
            if status is MachineStatus.AVAILABLE:
                self._desk.free_machine(machine_id)
            else:
                self._desk.set_machine_status(machine_id, status, note=note, until=until)
        except (ValueError, OSError) as exc:
            self.feedback.setText(str(exc))
            return
        self.reason.clear()
        self._done(self.tr("Saved."))

    def _keep_days_in_order(self) -> None:
        if self.last_day.value < self.first_day.value:
            self.last_day.set_value(self.first_day.value)

    def _add_exception(self) -> None:
        space = next((sid for sid, b in self.space_buttons.items() if b.isChecked()), None)
        opening = self.open_button.isChecked()
        try:
            self._desk.add_exception(
                space=space,
                starts_on=self.first_day.value,
                ends_on=self.last_day.value,
                opens_at=self.opens.value if opening else None,
                closes_at=self.closes.value if opening else None,
                comment=self.comment.text().strip(),
            )
        except (ValueError, OSError) as exc:
            self.feedback.setText(str(exc))
            return
        self.comment.clear()
        self._done(self.tr("Exception added."))

    def _remove_exception(self, exception_id: int) -> None:
        try:
            self._desk.remove_exception(exception_id)
        except (LookupError, OSError) as exc:
            self.feedback.setText(str(exc))
            return
        self._done(self.tr("Exception removed."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff"))
        self.lock_button.setText(self.tr("Lock"))
        self.quit_button.setText(self.tr("Quit the kiosk"))
        self.tab_presence.setText(self.tr("In the building"))
        self.tab_members.setText(self.tr("Members"))
        self.tab_machines.setText(self.tr("Machines"))
        self.tab_hours.setText(self.tr("Hours"))
        self.tab_trainings.setText(self.tr("Trainings"))
        self.tab_reports.setText(self.tr("Reports"))
        self.reason_label.setText(self.tr("Reason:"))
        self.reserve_label.setText(self.tr("Reserve for:"))
        self.space_buttons[None].setText(self.tr("Everywhere"))
        for text, widget in zip(
            [
                self.tr("Where:"),
                self.tr("From"),
                self.tr("to"),
                self.tr("Comment shown to visitors:"),
            ],
            self.form_labels,
            strict=False,
        ):
            widget.setText(text)
        self.closed_button.setText(self.tr("Closed"))
        self.open_button.setText(self.tr("Open from/to"))
        self.add_button.setText(self.tr("Add the exception"))
        self._render_machines()
        self._render_exceptions()

    def show_member(self, member: Trainee | None) -> None:
        """A badge scanned in staff mode: that member's trainings."""
        self.trainings.show_member(member)
        self.tab_trainings.setChecked(True)
        self.pages.setCurrentWidget(self.trainings)

    def reset(self) -> None:
        self.tab_presence.setChecked(True)
        self.pages.setCurrentWidget(self.presence)
        self.presence.reset()
        self.members.reset()
        if self.reports is not None:
            self.reports.reset()
        self.trainings.show_member(None)
        self.feedback.clear()
        self.reason.clear()
        self.comment.clear()
