"""Staff mode, one session's roster (last names here only, never on the public screen):
per half-day, each trainee's box (signed and when, at the desk, absent, excused and
why, cannot sign and who countersigned, late arrival, early leave) and their progress
on the workshop's course. Staff tap a trainee, then what to record; the trainer signs
the half-day, closes the session (the sheet is sealed) and saves the PDFs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.workshops.desk import Roster, RosterRow, WorkshopDesk
from kiosk.workshops.models import PRESENT_MARKS, Mark
from kiosk.workshops.progress import CourseStep
from kiosk.workshops.staff_views import Box
from ui.widgets.roster_export import RosterExport
from ui.widgets.session_form import _step_time, day_text
from ui.widgets.stepper import Stepper
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
from ui.widgets.workshop_words import explain, ui_lang

ERRORS = (ValueError, OSError, LookupError)


class RosterPage(Panel):
    done = Signal(str)
    failed = Signal(str)
    back_requested = Signal()
    sign_requested = Signal(object, int, object)  # Roster, half, RosterRow (None: trainer)

    def __init__(self, desk: WorkshopDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._roster: Roster | None = None
        self._half = 0
        self._chosen: str | None = None  # member id
        self.title = label("subtitle", align=LEFT)
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.back_requested)
        whole_text(self.back_button)
        self.captions = [label("small", align=LEFT) for _ in range(4)]
        self.staff_name = QLineEdit()
        self.trainer_name = QLineEdit()
        self.reason = QLineEdit()
        for field in (self.staff_name, self.trainer_name, self.reason):
            field.setMaxLength(80)
        self.reason.setMaxLength(300)
        self.at = Stepper(time(14, 0), _step_time, lambda t: t.strftime("%H:%M"))
        self.half_group = QButtonGroup(self)
        self.half_group.idClicked.connect(self._pick_half)
        self.half_row = QHBoxLayout()
        self.row_group = QButtonGroup(self)
        self.row_group.setExclusive(True)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(6)
        self.absent_button = big_button("secondary")
        self.excused_button = big_button("secondary")
        self.cannot_sign_button = big_button("secondary")
        self.arrived_button = big_button("secondary")
        self.left_button = big_button("secondary")
        self.signature_button = big_button("secondary")
        self.absent_button.clicked.connect(lambda: self._mark(Mark.ABSENT))
        self.excused_button.clicked.connect(lambda: self._mark(Mark.EXCUSED))
        self.cannot_sign_button.clicked.connect(lambda: self._mark(Mark.CANNOT_SIGN))
        self.arrived_button.clicked.connect(lambda: self._times(arrived=True))
        self.left_button.clicked.connect(lambda: self._times(arrived=False))
        self.signature_button.clicked.connect(self._trainee_signs)
        self.mark_buttons = [
            self.absent_button,
            self.excused_button,
            self.cannot_sign_button,
            self.arrived_button,
            self.left_button,
            self.signature_button,
        ]
        self.trainer_box = label("small", align=LEFT)
        self.trainer_signs = big_button()
        self.trainer_signs.clicked.connect(self._trainer_signs)
        self.close_button = big_button("danger")
        self.close_button.clicked.connect(self._close)
        self.export = RosterExport(desk)
        self.export.done.connect(self.done)
        self.export.failed.connect(self.failed)

        inner = QWidget()
        column = QVBoxLayout(inner)
        fields = QHBoxLayout()
        for caption, field in zip(
            self.captions, (self.staff_name, self.trainer_name, self.reason), strict=False
        ):
            box = QVBoxLayout()
            box.addWidget(caption)
            box.addWidget(field)
            fields.addLayout(box)
        column.addLayout(fields)
        column.addLayout(self.half_row)
        column.addLayout(self.rows)
        # three rows, so that the French words fit a 1024 px screen uncut
        acts = QHBoxLayout()
        for button in (self.absent_button, self.excused_button, self.signature_button):
            acts.addWidget(whole_text(button))
        column.addLayout(acts)
        column.addWidget(self.cannot_sign_button)
        times = QHBoxLayout()
        times.addWidget(self.captions[3])
        times.addWidget(self.at, 2)
        times.addWidget(whole_text(self.arrived_button), 1)
        times.addWidget(whole_text(self.left_button), 1)
        column.addLayout(times)
        column.addSpacing(12)
        column.addWidget(self.trainer_box)
        trainer = QHBoxLayout()
        trainer.addWidget(whole_text(self.trainer_signs))
        trainer.addWidget(whole_text(self.close_button))
        column.addLayout(trainer)
        column.addWidget(self.export)
        column.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title, 3)
        head.addWidget(self.back_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(kinetic_scroll(inner, buttons_inside=True), 1)
        self.retranslate()

    @property
    def roster(self) -> Roster | None:
        return self._roster

    def show_session(self, session_id: str) -> None:
        first = self._roster is None or self._roster.session.id != session_id
        try:
            self._roster = self._desk.roster(session_id)
        except ERRORS as exc:
            self.failed.emit(explain(exc, self._desk.site.settings))
            return
        if first:
            self._half, self._chosen = 0, None
            trainers = self._roster.workshop.trainers.split(",")
            self.trainer_name.setText(trainers[0].strip())
            start = self._roster.session.starts_at.astimezone(self._desk.site.settings.tz)
            self.at.set_value(start.time().replace(second=0, microsecond=0))
        self.export.refresh_places()  # a USB stick plugged in meanwhile shows
        self._render()

    # --- words ------------------------------------------------------------------------

    def _hhmm(self, moment: datetime | None) -> str:
        return moment.astimezone(self._desk.site.settings.tz).strftime("%H:%M") if moment else ""

    def box_text(self, box: Box) -> str:
        mark = box.mark
        if mark is None:
            text = self.tr("not recorded yet")
        elif mark is Mark.SIGNED:
            text = self.tr("signed at %1").replace("%1", self._hhmm(box.signed_at))
            if box.late_allowed_by:
                text += " · " + self.tr("late, allowed by %1: %2").replace(
                    "%1", box.late_allowed_by
                ).replace("%2", box.reason or "")
        elif mark is Mark.DESK:
            text = self.tr("checked in at %1, no signature").replace(
                "%1", self._hhmm(box.signed_at)
            )
        elif mark is Mark.ABSENT:
            text = self.tr("absent")
        elif mark is Mark.EXCUSED:
            text = self.tr("excused: %1").replace("%1", box.reason or "")
        else:
            text = self.tr("cannot sign, countersigned by %1").replace(
                "%1", box.countersigned_by or ""
            )
        if box.arrived_at:
            text += " · " + self.tr("arrived %1").replace("%1", self._hhmm(box.arrived_at))
        if box.left_at:
            text += " · " + self.tr("left %1").replace("%1", self._hhmm(box.left_at))
        return text

    def _step_text(self, step: CourseStep, lang: str) -> str:
        if step.practical_at is not None:
            state = self.tr("passed, practical done")
        elif step.passed:
            state = self.tr("quiz passed")
        elif step.reached:
            state = (
                self.tr("step %1 of %2")
                .replace("%1", str(step.reached))
                .replace("%2", str(step.steps))
            )
        else:
            state = self.tr("not started")
        return self.tr("%1: %2").replace("%1", step.title(lang)).replace("%2", state)

    def row_text(self, row: RosterRow) -> str:
        if row.erased:
            return self.tr("(trainee erased)")
        lang = ui_lang(self._desk.site.settings)
        name = " ".join(p for p in (row.first_name, row.last_name.upper()) if p)
        lines = [f"{name} — {self.box_text(row.boxes[self._half])}"]
        if row.progress:
            lines.append(" · ".join(self._step_text(s, lang) for s in row.progress))
        return "\n".join(lines)

    # --- showing ------------------------------------------------------------------------

    def _render(self) -> None:
        roster = self._roster
        for button in self.half_group.buttons():
            self.half_group.removeButton(button)
        clear_layout(self.half_row)
        for button in self.row_group.buttons():
            self.row_group.removeButton(button)
        clear_layout(self.rows)
        if roster is None:
            return
        settings = self._desk.site.settings
        lang = ui_lang(settings)
        session = roster.session
        start = session.starts_at.astimezone(settings.tz)
        end = session.ends_at.astimezone(settings.tz)
        self.title.setText(
            f"{roster.workshop.title(lang)} · {session.number}. {day_text(start.date())}"
            f" {start:%H:%M}–{end:%H:%M}"
        )
        if len(roster.halves) > 1:
            for half in roster.halves:
                button = big_button("choice")
                button.setCheckable(True)
                name = self.tr("Afternoon") if half.afternoon else self.tr("Morning")
                button.setText(f"{name} {self._hhmm(half.starts_at)}–{self._hhmm(half.ends_at)}")
                button.setChecked(half.index == self._half)
                self.half_group.addButton(button, half.index)
                self.half_row.addWidget(button)
        if not roster.rows:
            none = label("small", align=LEFT)
            none.setText(self.tr("Nobody is enrolled in this workshop."))
            self.rows.addWidget(none)
        for row in roster.rows:
            button = ChoiceButton()
            button.setCheckable(True)
            button.setText(self.row_text(row))
            button.setChecked(row.member_id == self._chosen)
            button.words.setProperty("chosen", row.member_id == self._chosen)
            button.setEnabled(not row.erased)
            button.clicked.connect(lambda _=False, m=row.member_id: self._choose(m))
            self.row_group.addButton(button)
            self.rows.addWidget(button)
        trainer = roster.trainer_boxes[self._half]
        self.trainer_box.setText(
            self.tr("Trainer: %1").replace(
                "%1",
                self.tr("signed by %1 at %2")
                .replace("%1", trainer.trainer or "")
                .replace("%2", self._hhmm(trainer.signed_at))
                if trainer.mark is Mark.SIGNED
                else self.tr("not signed yet"),
            )
        )
        closed = session.closed_at is not None
        if closed:
            self.trainer_box.setText(
                self.trainer_box.text()
                + "\n"
                + self.tr("Closed by %1 at %2; the sheet is sealed.")
                .replace("%1", session.closed_by or "")
                .replace("%2", self._hhmm(session.closed_at))
            )
        self.trainer_signs.setEnabled(not closed)
        self.close_button.setEnabled(not closed)
        chosen = self._chosen_row()
        for button in self.mark_buttons:
            button.setEnabled(chosen is not None and not closed)
        if chosen is not None and chosen.boxes[self._half].mark not in PRESENT_MARKS:
            self.arrived_button.setEnabled(False)
            self.left_button.setEnabled(False)
        self.export.show_session(session.id)

    def _chosen_row(self) -> RosterRow | None:
        roster = self._roster
        if roster is None:
            return None
        return next((r for r in roster.rows if r.member_id == self._chosen), None)

    def _pick_half(self, index: int) -> None:
        self._half = index
        self._render()

    def _choose(self, member_id: str) -> None:
        self._chosen = member_id
        self._render()

    # --- acting -------------------------------------------------------------------------

    def _try(self, action: Callable[[], object], message: str) -> bool:
        try:
            action()
        except ERRORS as exc:  # the fields keep what was typed
            self.failed.emit(explain(exc, self._desk.site.settings))
            return False
        if self._roster is not None:
            self.show_session(self._roster.session.id)
        self.done.emit(message)
        return True

    def _staff(self) -> str | None:
        """Who records the change: the trail keeps it, so it is asked first."""
        name = " ".join(self.staff_name.text().split())
        if not name:
            self.failed.emit(self.tr("Type your name first: the sheet keeps who changed it."))
            self.staff_name.setFocus()
        return name or None

    def _mark(self, mark: Mark) -> None:
        roster, row, staff = self._roster, self._chosen_row(), self._staff()
        if roster is None or row is None or staff is None:
            return
        if self._try(
            lambda: self._desk.set_mark(
                roster.session.id,
                row.member_id,
                self._half,
                mark,
                staff=staff,
                reason=self.reason.text(),
                countersigned_by=staff,
            ),
            self.tr("Saved for %1.").replace("%1", row.first_name),
        ):
            self.reason.clear()

    def _times(self, *, arrived: bool) -> None:
        roster, row, staff = self._roster, self._chosen_row(), self._staff()
        if roster is None or row is None or staff is None:
            return
        at = self.at.value
        self._try(
            lambda: self._desk.set_times(
                roster.session.id,
                row.member_id,
                self._half,
                staff=staff,
                arrived=at if arrived else None,
                left=None if arrived else at,
            ),
            self.tr("Saved for %1.").replace("%1", row.first_name),
        )

    def _trainee_signs(self) -> None:
        row = self._chosen_row()
        if self._roster is not None and row is not None and self._staff() is not None:
            self.sign_requested.emit(self._roster, self._half, row)

    def _trainer_signs(self) -> None:
        if self._roster is not None and self._staff() is not None:
            self.sign_requested.emit(self._roster, self._half, None)

    def _close(self) -> None:
        roster, staff = self._roster, self._staff()
        if roster is None or staff is None:
            return
        if not self.trainer_name.text().strip():
            self.failed.emit(self.tr("Type the trainer's name: they close the session."))
            self.trainer_name.setFocus()
            return
        self._try(
            lambda: self._desk.close_session(
                roster.session.id, by=self.trainer_name.text(), staff=staff
            ),
            self.tr("Session closed: empty boxes are absent, the sheet is sealed."),
        )

    def retranslate(self) -> None:
        for caption, text in zip(
            self.captions,
            [
                self.tr("Your name (staff):"),
                self.tr("Trainer:"),
                self.tr("Reason (excused, late):"),
                self.tr("Time:"),
            ],
            strict=True,
        ):
            caption.setText(text)
        self.back_button.setText(self.tr("Back to the workshop"))
        self.absent_button.setText(self.tr("Absent"))
        self.excused_button.setText(self.tr("Excused"))
        self.cannot_sign_button.setText(self.tr("Cannot sign: I countersign"))
        self.arrived_button.setText(self.tr("Arrived at"))
        self.left_button.setText(self.tr("Left at"))
        self.signature_button.setText(self.tr("Signs now…"))
        self.trainer_signs.setText(self.tr("The trainer signs this half-day…"))
        self.close_button.setText(self.tr("Close the session"))
        self._render()

    def reset(self) -> None:
        self._roster, self._chosen, self._half = None, None, 0
        self.staff_name.clear()
        self.reason.clear()
        self._render()
