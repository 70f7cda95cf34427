"""Staff mode, a session's sheet: the trainer signs a half-day (who is present, who is
absent, then one signature on the pad), or a trainee signs from staff mode (after the
half-day only with the staff member who allows it and a reason: the core records
both). "Effacer" starts again; "Valider" records the strokes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workshops.desk import Roster, RosterRow, WorkshopDesk
from kiosk.workshops.models import PRESENT_MARKS
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.touch import LEFT, Panel, big_button, label, whole_text
from ui.widgets.workshop_words import explain

ERRORS = (ValueError, OSError, LookupError)


class SheetSigning(Panel):
    signed = Signal(str)  # what was recorded, said to staff
    done = Signal(str)
    failed = Signal(str)
    back_requested = Signal()

    def __init__(self, desk: WorkshopDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._roster: Roster | None = None
        self._half = 0
        self._row: RosterRow | None = None  # None: the trainer signs
        self._staff = self._trainer = self._reason = ""
        self.title = label("subtitle", align=LEFT)
        self.summary = label("small", align=LEFT)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._pad_changed)
        self.clear_button = big_button("secondary")
        self.clear_button.clicked.connect(self.pad.clear)
        self.valid_button = big_button()
        self.valid_button.clicked.connect(self._validate)
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.back_requested)
        whole_text(self.back_button)
        head = QHBoxLayout()
        head.addWidget(self.title, 3)
        head.addWidget(self.back_button, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.valid_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.pad, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def start(
        self,
        roster: Roster,
        half: int,
        row: RosterRow | None,
        *,
        staff: str,
        trainer: str,
        reason: str,
    ) -> None:
        self._roster, self._half, self._row = roster, half, row
        self._staff, self._trainer, self._reason = staff, trainer, reason
        self.pad.clear()
        self.retranslate()

    def _pad_changed(self) -> None:
        self.valid_button.setEnabled(not self.pad.is_empty())

    def _validate(self) -> None:
        roster, row = self._roster, self._row
        if roster is None:
            return
        if row is None and not self._trainer.strip():
            self.failed.emit(self.tr("Type the trainer's name on the roster first."))
            return
        try:
            self._desk.sign(
                roster.session.id,
                self._half,
                self.pad.strokes(),
                staff=self._staff,
                member_id=row.member_id if row else None,
                trainer=self._trainer if row is None else None,
                late_allowed_by=self._staff,
                reason=self._reason,
            )
        except ERRORS as exc:  # the strokes stay on the pad
            self.failed.emit(explain(exc, self._desk.site.settings))
            return
        who = row.first_name if row else self._trainer
        self.pad.clear()
        self.signed.emit(self.tr("Signature of %1 recorded.").replace("%1", who))

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.valid_button.setText(self.tr("Confirm"))
        self.back_button.setText(self.tr("Back to the roster"))
        self.valid_button.setEnabled(not self.pad.is_empty())
        roster, row = self._roster, self._row
        if roster is None:
            self.title.clear()
            self.summary.clear()
            return
        if row is not None:
            self.title.setText(
                self.tr("%1, sign with your finger in the box").replace("%1", row.first_name)
            )
            self.summary.setText(self.tr("Recorded by %1.").replace("%1", self._staff))
            return
        present = [r for r in roster.rows if r.boxes[self._half].mark in PRESENT_MARKS]
        others = [r for r in roster.rows if r not in present]

        def names(rows: list[RosterRow]) -> str:
            return (
                ", ".join(
                    self.tr("(trainee erased)")
                    if r.erased
                    else " ".join(p for p in (r.first_name, r.last_name) if p)
                    for r in rows
                )
                or "—"
            )

        self.title.setText(self.tr("%1, sign this half-day's sheet").replace("%1", self._trainer))
        self.summary.setText(
            self.tr("Present (%1): %2")
            .replace("%1", str(len(present)))
            .replace("%2", names(present))
            + "\n"
            + self.tr("Absent or not recorded (%1): %2")
            .replace("%1", str(len(others)))
            .replace("%2", names(others))
        )

    def reset(self) -> None:
        self._roster, self._row = None, None
        self.pad.clear()
        self.retranslate()
