"""Staff mode, "Workshops": the list of workshops (title, funder, next session, trainees),
then one workshop (its sessions and trainees), its form, a session's roster and the
signing of its sheet. Touch first: every list scrolls with a finger, every target is
big; a refusal from the core is said in the person's language and the form keeps
what was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.workshops.desk import Roster, RosterRow, WorkshopDesk, WorkshopRow
from kiosk.workshops.planning import NewWorkshop
from ui.widgets.feedback import Feedback
from ui.widgets.roster_page import RosterPage
from ui.widgets.session_form import day_text
from ui.widgets.touch import (
    LEFT,
    ChoiceButton,
    Panel,
    big_button,
    clear_layout,
    kinetic_scroll,
    label,
    whole_text,
)
from ui.widgets.workshop_form import WorkshopForm
from ui.widgets.workshop_page import ERRORS, WorkshopPage
from ui.widgets.workshop_words import explain, ui_lang

if TYPE_CHECKING:
    from ui.widgets.sheet_signing import SheetSigning

LIST, FORM, WORKSHOP, ROSTER, SIGNING = range(5)


class WorkshopsPanel(Panel):
    badge_made = Signal(object)  # NewBadge of a trainee registered here: shown, printable
    changed = Signal()

    def __init__(self, desk: WorkshopDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._rows: list[WorkshopRow] = []
        self._editing: str | None = None  # the workshop the form edits; None: a new one
        self.feedback = Feedback()
        self.pages = QStackedWidget()

        self.new_button = big_button()
        self.new_button.clicked.connect(lambda: self.open_form(None))
        self.hint = label("small", align=LEFT)
        self.list_rows = QVBoxLayout()
        self.list_rows.setSpacing(8)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(self.list_rows)
        column.addStretch(1)
        list_page = QWidget()
        lp = QVBoxLayout(list_page)
        lp.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.hint, 3)
        top.addWidget(whole_text(self.new_button), 1)
        lp.addLayout(top)
        lp.addWidget(kinetic_scroll(inner, buttons_inside=True), 1)
        self.pages.addWidget(list_page)

        lang = ui_lang(desk.site.settings)
        self.form = WorkshopForm(desk.site.settings, desk.library(), lang)
        self.form.save_requested.connect(self._save_workshop)
        self.form.cancelled.connect(self._form_cancelled)
        self.pages.addWidget(self.form)
        self.workshop = WorkshopPage(desk)
        self.workshop.edit_requested.connect(self._edit_shown)
        self.workshop.back_requested.connect(self.show_list)
        self.workshop.roster_requested.connect(self.open_roster)
        self.workshop.badge_made.connect(self.badge_made)
        self.pages.addWidget(self.workshop)
        self.roster = RosterPage(desk)
        self.roster.back_requested.connect(self._back_to_workshop)
        self.roster.sign_requested.connect(self._open_signing)
        self.pages.addWidget(self.roster)
        # the signing page (and its pad) is made the first time someone signs
        self.signing: SheetSigning | None = None
        self._signing_slot = QWidget()
        self.pages.addWidget(self._signing_slot)
        for page in (self.workshop, self.roster, self.roster.export):
            page.done.connect(self._done)
            page.failed.connect(self.feedback.error)
        self.pages.currentChanged.connect(lambda _i: self.feedback.clear())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.feedback)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        if self.pages.currentIndex() == LIST:
            self.refresh()
        super().showEvent(event)

    def stop(self) -> None:
        self.roster.export.stop()

    def _done(self, message: str) -> None:
        self.feedback.ok(message)
        self.changed.emit()

    # --- the list -----------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self._rows = self._desk.workshops()
        except ERRORS as exc:
            self.feedback.error(explain(exc, self._desk.site.settings))
            return
        self._render_list()

    def _row_text(self, row: WorkshopRow) -> str:
        lang = ui_lang(self._desk.site.settings)
        parts = [row.title(lang)]
        if row.funder:
            parts.append(row.funder)
        if row.next_session is not None:
            local = row.next_session.astimezone(self._desk.site.settings.tz)
            parts.append(
                self.tr("next: %1").replace("%1", f"{day_text(local.date())} {local:%H:%M}")
            )
        else:
            parts.append(self.tr("no session coming"))
        parts.append(self.tr("%n trainee(s)", "", row.trainees))
        return " · ".join(parts)

    def _render_list(self) -> None:
        clear_layout(self.list_rows)
        if not self._rows:
            none = label("small", align=LEFT)
            none.setText(self.tr("No workshop yet."))
            self.list_rows.addWidget(none)
        for row in self._rows:
            button = ChoiceButton()
            button.setText(self._row_text(row))
            button.clicked.connect(lambda _=False, w=row.id: self.open_workshop(w))
            self.list_rows.addWidget(button)

    def show_list(self) -> None:
        self.pages.setCurrentIndex(LIST)
        self.refresh()

    # --- one workshop -------------------------------------------------------------------

    def open_workshop(self, workshop_id: str) -> None:
        self.workshop.show_workshop(workshop_id)
        self.pages.setCurrentIndex(WORKSHOP)

    def open_form(self, workshop: WorkshopRow | None) -> None:
        self._editing = workshop.id if workshop else None
        self.form.set_language(ui_lang(self._desk.site.settings))
        self.form.start(workshop.as_new() if workshop else None)
        self.pages.setCurrentIndex(FORM)

    def _edit_shown(self) -> None:
        plan = self.workshop.plan
        if plan is not None:
            self.open_form(plan.workshop)

    def _save_workshop(self, new: NewWorkshop) -> None:
        try:
            if self._editing is None:
                row = self._desk.add_workshop(new)
            else:
                row = self._desk.edit_workshop(self._editing, new)
        except ERRORS as exc:  # the form keeps what was typed
            self.feedback.error(explain(exc, self._desk.site.settings))
            return
        self.open_workshop(row.id)
        self._done(self.tr("Workshop saved."))

    def _form_cancelled(self) -> None:
        if self._editing is not None:
            self.open_workshop(self._editing)
        else:
            self.show_list()

    # --- a session ----------------------------------------------------------------------

    def open_roster(self, session_id: str) -> None:
        self.roster.show_session(session_id)
        self.pages.setCurrentIndex(ROSTER)

    def _back_to_workshop(self) -> None:
        workshop_id = self.workshop.workshop_id
        if workshop_id is not None:
            self.open_workshop(workshop_id)

    def _make_signing(self) -> SheetSigning:
        if self.signing is None:
            from ui.widgets.sheet_signing import SheetSigning

            self.signing = SheetSigning(self._desk)
            self.signing.back_requested.connect(lambda: self.pages.setCurrentIndex(ROSTER))
            self.signing.signed.connect(self._signed)
            self.signing.done.connect(self._done)
            self.signing.failed.connect(self.feedback.error)
            self.pages.removeWidget(self._signing_slot)
            self._signing_slot.deleteLater()
            self.pages.insertWidget(SIGNING, self.signing)
        return self.signing

    def _open_signing(self, roster: Roster, half: int, row: RosterRow | None) -> None:
        self._make_signing().start(
            roster,
            half,
            row,
            staff=self.roster.staff_name.text(),
            trainer=self.roster.trainer_name.text(),
            reason=self.roster.reason.text(),
        )
        self.pages.setCurrentIndex(SIGNING)

    def _signed(self, message: str) -> None:
        roster = self.roster.roster
        if roster is not None:
            self.open_roster(roster.session.id)
        self._done(message)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New workshop"))
        self.hint.setText(self.tr("Workshops with a session coming come first."))
        self._render_list()

    def reset(self) -> None:
        self.feedback.clear()
        self.workshop.reset()
        self.roster.reset()
        if self.signing is not None:
            self.signing.reset()
        self.pages.setCurrentIndex(LIST)
        clear_layout(self.list_rows)
