"""Staff mode: who is in the building, members, machine status (with a reason), opening
exceptions, trainings, the yearly reports, workshops (ui/widgets/workshops_panel.py),
and the problems staff must know about (a broken opening_hours string in config.toml)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.frontdesk import FrontDesk, Trainee
from kiosk.models import MachineStatus
from kiosk.today import TodayModel
from kiosk.workshops.desk import WorkshopDesk
from ui.widgets.certifications_panel import CertificationsPanel
from ui.widgets.exceptions_panel import ExceptionsPanel
from ui.widgets.machine_card import MachineCard
from ui.widgets.members_panel import MembersPanel
from ui.widgets.presence_panel import PresencePanel
from ui.widgets.stepper import Stepper
from ui.widgets.sync_panel import SyncPanel
from ui.widgets.workshops_panel import WorkshopsPanel

if TYPE_CHECKING:
    from ui.widgets.report_panel import ReportPanel
from ui.widgets.feedback import Feedback
from ui.widgets.touch import LEFT, Screen, big_button, clear_layout, kinetic_scroll, label


class StaffScreen(Screen):
    lock_requested = Signal()
    quit_requested = Signal()  # leave the kiosk program (systemd starts it again)
    changed = Signal()  # a machine or the hours changed: the other screens refresh

    def __init__(
        self,
        desk: FrontDesk,
        workshops: WorkshopDesk | None = None,
        parent: QWidget | None = None,
    ) -> None:
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
        self.quit_button.clicked.connect(self._ask_quit)
        # quitting leaves the door without a kiosk until systemd starts it again: asked twice
        self.quit_confirm = QFrame()
        self.quit_confirm.setObjectName("quitconfirm")
        self.quit_question = label("quitquestion", align=LEFT)
        self.quit_cancel = big_button("secondary")
        self.quit_cancel.clicked.connect(self._cancel_quit)
        self.quit_yes = big_button("danger")
        self.quit_yes.clicked.connect(self.quit_requested)
        confirm_row = QHBoxLayout(self.quit_confirm)
        confirm_row.setContentsMargins(8, 0, 0, 0)
        confirm_row.addWidget(self.quit_question, 1)
        confirm_row.addWidget(self.quit_cancel, 1)
        confirm_row.addWidget(self.quit_yes, 1)
        self.quit_confirm.hide()
        self.problems = label("banner")
        self.sync_panel = SyncPanel(desk.settings.tz)
        self.feedback = Feedback()
        self.tab_presence = big_button("tab")
        self.tab_members = big_button("tab")
        self.tab_machines = big_button("tab")
        self.tab_hours = big_button("tab")
        self.tab_trainings = big_button("tab")
        self.tab_reports = big_button("tab")
        self.tab_workshops = big_button("tab")
        self.tabs = QButtonGroup(self)
        for i, tab in enumerate(
            (
                self.tab_presence,
                self.tab_members,
                self.tab_machines,
                self.tab_hours,
                self.tab_trainings,
                self.tab_reports,
                self.tab_workshops,
            )
        ):
            tab.setCheckable(True)
            self.tabs.addButton(tab, i)
        self.tab_presence.setChecked(True)
        self.pages = QStackedWidget()
        self.tabs.idClicked.connect(self.pages.setCurrentIndex)
        self.tabs.idClicked.connect(self._forget_messages)
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

        # hours: upcoming exceptions (removable) and a calendar to add one
        self.exceptions = ExceptionsPanel(desk)
        self.exceptions.done.connect(self._done)
        self.exceptions.failed.connect(self.feedback.error)
        self.pages.addWidget(self.exceptions)
        self.trainings = CertificationsPanel(desk)
        self.pages.addWidget(self.trainings)
        # the reports (a count of the year) are made the first time staff open the tab
        self.reports: ReportPanel | None = None
        self._reports_slot = QWidget()
        self.pages.addWidget(self._reports_slot)
        self.tabs.idClicked.connect(self._make_reports_if_needed)
        self.workshops = WorkshopsPanel(workshops or WorkshopDesk(desk.site, desk.tutorial_library))
        self.workshops.changed.connect(self.changed)
        self.pages.addWidget(self.workshops)

        # the question takes the header's place, Stay where Quit was: a second tap on Quit
        # (or a tap meant for a tab) never lands on "Yes, quit"
        self.header_bar = QWidget()
        header = QHBoxLayout(self.header_bar)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.quit_button, 1)
        header.addWidget(self.lock_button, 1)
        self.tab_row = QHBoxLayout()
        for tab_button in self.tabs.buttons():
            self.tab_row.addWidget(tab_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 8, 30, 8)
        layout.setSpacing(6)
        layout.addWidget(self.header_bar)
        layout.addWidget(self.quit_confirm)
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
        self.workshops.stop()

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
        self.exceptions.show_model(model)

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

    # --- acting -------------------------------------------------------------------------

    def _forget_messages(self) -> None:
        """Another tab opened: the last tab's success or error no longer applies."""
        self.feedback.clear()
        self.members.feedback.clear()
        self.presence.feedback.clear()
        self.workshops.feedback.clear()
        if self.reports is not None:
            self.reports.reset()
        self._cancel_quit()

    def _ask_quit(self) -> None:
        self.header_bar.hide()
        self.quit_confirm.show()

    def _cancel_quit(self) -> None:
        self.quit_confirm.hide()
        self.header_bar.show()

    def _done(self, message: str) -> None:
        self.feedback.ok(message)
        self.changed.emit()

    def _set_status(self, machine_id: str, status: MachineStatus) -> None:
        note = self.reason.text().strip() or None
        until: datetime | None = None
        if status is MachineStatus.RESERVED:
            until = self._desk.now() + timedelta(hours=int(self.reserve_hours.value))
        if status in (MachineStatus.OUT_OF_ORDER, MachineStatus.MAINTENANCE) and not note:
            self.feedback.error(self.tr("Write the reason first, in the field above."))
            self.reason.setFocus()
            return
        try:
            if status is MachineStatus.AVAILABLE:
                self._desk.free_machine(machine_id)
            else:
                self._desk.set_machine_status(machine_id, status, note=note, until=until)
        except (ValueError, OSError) as exc:
            self.feedback.error(str(exc))
            return
        self.reason.clear()
        self._done(self.tr("Saved."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff"))
        self.lock_button.setText(self.tr("Lock"))
        self.quit_button.setText(self.tr("Quit the kiosk"))
        self.quit_question.setText(
            self.tr("Quit the kiosk? Nobody can check in until it starts again.")
        )
        self.quit_cancel.setText(self.tr("Stay"))
        self.quit_yes.setText(self.tr("Yes, quit"))
        self.tab_presence.setText(self.tr("In the building"))
        self.tab_members.setText(self.tr("Members"))
        self.tab_machines.setText(self.tr("Machines"))
        self.tab_hours.setText(self.tr("Hours"))
        self.tab_trainings.setText(self.tr("Trainings"))
        self.tab_reports.setText(self.tr("Reports"))
        self.tab_workshops.setText(self.tr("Workshops"))
        self.reason_label.setText(self.tr("Reason:"))
        self.reserve_label.setText(self.tr("Reserve for:"))
        self._render_machines()

    def show_member(self, member: Trainee | None) -> None:
        """A badge scanned in staff mode: that member's trainings."""
        self.trainings.show_member(member)
        self.tab_trainings.setChecked(True)
        self.pages.setCurrentWidget(self.trainings)

    def reset(self) -> None:
        self._cancel_quit()
        self.tab_presence.setChecked(True)
        self.pages.setCurrentWidget(self.presence)
        self.presence.reset()
        self.members.reset()
        if self.reports is not None:
            self.reports.reset()
        self.trainings.show_member(None)
        self.feedback.clear()
        self.reason.clear()
        self.exceptions.reset()
        self.workshops.reset()
