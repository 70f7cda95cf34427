"""Staff mode, one workshop: its sessions (open the roster, move, cancel; add one or a
weekly series) and its trainees (find a member and enrol them, withdraw one, or
register a new trainee in one step: first name, optional last name, no email; their
badge is then shown and printable as at registration)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.frontdesk import NewBadge
from kiosk.members.actions import MemberRow
from kiosk.workshops.desk import SessionRow, WorkshopDesk, WorkshopPlan
from ui.widgets.session_form import SessionForm, day_text
from ui.widgets.touch import (
    LEFT,
    Panel,
    big_button,
    clear_layout,
    kinetic_scroll,
    label,
    whole_text,
)
from ui.widgets.workshop_words import explain, ui_lang

ERRORS = (ValueError, OSError, LookupError)


class WorkshopPage(Panel):
    done = Signal(str)
    failed = Signal(str)
    edit_requested = Signal()
    back_requested = Signal()
    roster_requested = Signal(str)  # session id
    badge_made = Signal(object)  # NewBadge of a trainee registered here

    def __init__(self, desk: WorkshopDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._plan: WorkshopPlan | None = None
        self._found: list[MemberRow] = []
        self.title = label("subtitle", align=LEFT)
        self.about = label("small", align=LEFT)
        self.edit_button = big_button("secondary")
        self.edit_button.clicked.connect(self.edit_requested)
        whole_text(self.edit_button)
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.back_requested)
        whole_text(self.back_button)
        self.sessions_title = label("sectiontitle", align=LEFT)
        self.session_rows = QVBoxLayout()
        self.session_form = SessionForm(desk.site.today())
        self.session_form.add_requested.connect(self._add_sessions)
        self.session_form.move_requested.connect(self._move_session)
        self.trainees_title = label("sectiontitle", align=LEFT)
        self.trainee_rows = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setMaxLength(80)
        self.search.returnPressed.connect(self._search)
        self.search_button = big_button("secondary")
        self.search_button.clicked.connect(self._search)
        self.found_rows = QVBoxLayout()
        self.new_title = label("small", align=LEFT)
        self.first_name = QLineEdit()
        self.first_name.setMaxLength(60)
        self.last_name = QLineEdit()
        self.last_name.setMaxLength(60)
        self.register_button = big_button()
        self.register_button.clicked.connect(self._register)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.about)
        column.addWidget(self.sessions_title)
        column.addLayout(self.session_rows)
        column.addWidget(self.session_form)
        column.addSpacing(16)
        column.addWidget(self.trainees_title)
        column.addLayout(self.trainee_rows)
        find = QHBoxLayout()
        find.addWidget(self.search, 3)
        find.addWidget(self.search_button, 1)
        column.addLayout(find)
        column.addLayout(self.found_rows)
        column.addWidget(self.new_title)
        new = QHBoxLayout()
        new.addWidget(self.first_name, 2)
        new.addWidget(self.last_name, 2)
        new.addWidget(self.register_button, 2)
        column.addLayout(new)
        column.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title, 3)
        head.addWidget(self.edit_button, 1)
        head.addWidget(self.back_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        self.body = kinetic_scroll(inner, buttons_inside=True)
        layout.addWidget(self.body, 1)
        self.retranslate()

    @property
    def plan(self) -> WorkshopPlan | None:
        return self._plan

    @property
    def workshop_id(self) -> str | None:
        return self._plan.workshop.id if self._plan else None

    def show_workshop(self, workshop_id: str) -> None:
        try:
            self._plan = self._desk.plan(workshop_id)
        except ERRORS as exc:
            self.failed.emit(explain(exc, self._desk.site.settings))
            return
        self._render()

    def _reload(self, message: str) -> None:
        if self._plan is not None:
            self.show_workshop(self._plan.workshop.id)
        self.done.emit(message)

    # --- showing ------------------------------------------------------------------------

    def _when(self, row: SessionRow) -> str:
        tz = self._desk.site.settings.tz
        start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
        return f"{day_text(start.date())} · {start:%H:%M}–{end:%H:%M}"

    def _render(self) -> None:
        plan = self._plan
        clear_layout(self.session_rows)
        clear_layout(self.trainee_rows)
        if plan is None:
            return
        settings = self._desk.site.settings
        lang = ui_lang(settings)
        workshop = plan.workshop
        self.title.setText(workshop.title(lang))
        space = settings.space(workshop.space)
        parts = [space.name(lang) if space else workshop.space]
        if workshop.trainers:
            parts.append(workshop.trainers)
        if workshop.funder:
            parts.append(workshop.funder)
        self.about.setText(" · ".join(parts))
        self.sessions_title.setText(self.tr("Sessions (%1)").replace("%1", str(workshop.sessions)))
        if not plan.sessions:
            none = label("small", align=LEFT)
            none.setText(self.tr("No session yet: choose a day and the times below."))
            self.session_rows.addWidget(none)
        for row in plan.sessions:
            self.session_rows.addWidget(self._session_line(row))
        self.trainees_title.setText(self.tr("Trainees (%1)").replace("%1", str(len(plan.trainees))))
        for trainee in plan.trainees:
            line = QWidget()
            box = QHBoxLayout(line)
            box.setContentsMargins(0, 0, 0, 0)
            name = label("small", align=LEFT)
            full = " ".join(p for p in (trainee.first_name, trainee.last_name) if p)
            name.setText(f"{full} · {trainee.short_code}")
            withdraw = big_button("secondary")
            withdraw.setText(self.tr("Withdraw"))
            withdraw.clicked.connect(lambda _=False, m=trainee.member_id: self._withdraw(m))
            box.addWidget(name, 3)
            box.addWidget(whole_text(withdraw), 1)
            self.trainee_rows.addWidget(line)

    def _session_line(self, row: SessionRow) -> QWidget:
        line = QWidget()
        box = QHBoxLayout(line)
        box.setContentsMargins(0, 0, 0, 0)
        text = label("small", align=LEFT)
        state = ""
        if row.cancelled:
            state = " · " + self.tr("cancelled")
        elif row.closed_at is not None:
            state = " · " + self.tr("closed, sheet sealed")
        text.setText(f"{row.number}. {self._when(row)}{state}")
        box.addWidget(text, 3)
        if not row.cancelled:
            roster = big_button()
            roster.setObjectName("roster")
            roster.setText(self.tr("Roster"))
            roster.clicked.connect(lambda _=False, s=row.id: self.roster_requested.emit(s))
            box.addWidget(whole_text(roster), 1)
        if not row.cancelled and row.closed_at is None:
            move = big_button("secondary")
            move.setText(self.tr("Move"))
            move.clicked.connect(lambda _=False, r=row: self._start_moving(r))
            cancel = big_button("secondary")
            cancel.setText(self.tr("Cancel it"))
            cancel.clicked.connect(lambda _=False, s=row.id: self._cancel(s))
            box.addWidget(whole_text(move), 1)
            box.addWidget(whole_text(cancel), 1)
        return line

    # --- sessions -----------------------------------------------------------------------

    def _try(self, action: Callable[[], object], message: str) -> bool:
        try:
            action()
        except ERRORS as exc:
            self.failed.emit(explain(exc, self._desk.site.settings))
            return False
        self._reload(message)
        return True

    def _add_sessions(self, day: date, start: time, end: time, weeks: int) -> None:
        workshop_id = self.workshop_id
        if workshop_id is not None:
            self._try(
                lambda: self._desk.add_sessions(workshop_id, day, start, end, weekly=weeks),
                self.tr("%n session(s) added.", "", weeks),
            )

    def _start_moving(self, row: SessionRow) -> None:
        tz = self._desk.site.settings.tz
        start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
        self.session_form.pick(start.date(), start.time(), end.time())
        self.session_form.move_session((row.id, row.number))
        self.body.ensureWidgetVisible(self.session_form)

    def _move_session(self, session_id: str, day: date, start: time, end: time) -> None:
        if self._try(
            lambda: self._desk.move_session(session_id, day, start, end),
            self.tr("Session moved."),
        ):
            self.session_form.move_session(None)

    def _cancel(self, session_id: str) -> None:
        self._try(lambda: self._desk.cancel_session(session_id), self.tr("Session cancelled."))

    # --- trainees -----------------------------------------------------------------------

    def _search(self) -> None:
        clear_layout(self.found_rows)
        text = self.search.text().strip()
        if not text:
            return
        try:
            self._found = self._desk.find_members(text)
        except ERRORS as exc:
            self.failed.emit(explain(exc, self._desk.site.settings))
            return
        enrolled = {t.member_id for t in self._plan.trainees} if self._plan else set()
        shown = [m for m in self._found if m.id not in enrolled][:8]
        if not shown:
            none = label("small", align=LEFT)
            none.setText(self.tr("No member found."))
            self.found_rows.addWidget(none)
        for member in shown:
            button = big_button("choice")
            button.setText(
                self.tr("Enrol %1").replace("%1", f"{member.name} · {member.short_code}")
            )
            button.clicked.connect(lambda _=False, m=member: self._enrol(m))
            self.found_rows.addWidget(button)

    def _enrol(self, member: MemberRow) -> None:
        workshop_id = self.workshop_id
        if workshop_id is not None and self._try(
            lambda: self._desk.enrol(workshop_id, member.id),
            self.tr("%1 is enrolled.").replace("%1", member.name),
        ):
            self.search.clear()
            clear_layout(self.found_rows)

    def _withdraw(self, member_id: str) -> None:
        workshop_id = self.workshop_id
        if workshop_id is not None:
            self._try(
                lambda: self._desk.withdraw(workshop_id, member_id),
                self.tr("Withdrawn; past sheets keep their marks."),
            )

    def _register(self) -> None:
        workshop_id = self.workshop_id
        if workshop_id is None:
            return
        try:
            badge: NewBadge = self._desk.enrol_new_trainee(
                workshop_id, self.first_name.text(), self.last_name.text().strip() or None
            )
        except ERRORS as exc:  # what was typed stays, to be corrected
            self.failed.emit(explain(exc, self._desk.site.settings))
            return
        self.first_name.clear()
        self.last_name.clear()
        self._reload(self.tr("%1 is registered and enrolled.").replace("%1", badge.first_name))
        self.badge_made.emit(badge)

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit"))
        self.back_button.setText(self.tr("All workshops"))
        self.search.setPlaceholderText(self.tr("Find a member: name, email or badge code"))
        self.search_button.setText(self.tr("Search"))
        self.new_title.setText(self.tr("Or a new trainee (no email needed):"))
        self.first_name.setPlaceholderText(self.tr("First name"))
        self.last_name.setPlaceholderText(self.tr("Last name (optional)"))
        self.register_button.setText(self.tr("Register and enrol"))
        self._render()

    def reset(self) -> None:
        self._plan = None
        self._found = []
        self.search.clear()
        self.first_name.clear()
        self.last_name.clear()
        clear_layout(self.found_rows)
        self.session_form.move_session(None)
        self._render()
