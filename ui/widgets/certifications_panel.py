"""Staff mode, trainings: scan a member's badge, see the tutorials they passed, confirm
the practical part once you have shown them the machine."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk, Trainee
from ui.widgets.touch import LEFT, big_button, clear_layout, label


class CertificationsPanel(QWidget):
    confirmed = Signal()

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._member: Trainee | None = None
        self._lang = desk.settings.default_language
        self.who = label("subtitle", align=LEFT)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        self.show_member(None)

    def show_member(self, member: Trainee | None) -> None:
        self._member = member
        clear_layout(self.rows)
        if member is None:
            self.who.setText(self.tr("Scan a member's badge to see their trainings."))
            return
        library = self._desk.tutorial_library()
        done = self._desk.certifications(member.member_id)
        self.who.setText(self.tr("Trainings of %1").replace("%1", member.first_name))
        if not done:
            none = label("small", align=LEFT)
            none.setText(self.tr("No tutorial passed yet."))
            self.rows.addWidget(none)
        for cert in done:
            tutorial = library.tutorials.get(cert.tutorial)
            title = tutorial.title.get(self._lang) if tutorial else cert.tutorial
            row = QWidget()
            line = QHBoxLayout(row)
            text = label("cardstatus", align=LEFT)
            theory = (
                QLocale().toString(
                    QDate(cert.theory_at.year, cert.theory_at.month, cert.theory_at.day),
                    QLocale.FormatType.ShortFormat,
                )
                if cert.theory_at
                else "—"
            )
            status = self.tr("theory passed %1").replace("%1", theory)
            if cert.practical_at is not None:
                status += " · " + self.tr("practical confirmed")
            text.setText(f"{title}: {status}")
            line.addWidget(text, 1)
            if cert.practical_at is None and cert.theory_at is not None:
                confirm = big_button()
                confirm.setText(self.tr("Confirm the practical part"))
                confirm.clicked.connect(lambda _=False, t=cert.tutorial: self._confirm(t))
                line.addWidget(confirm)
            self.rows.addWidget(row)

    def _confirm(self, tutorial_id: str) -> None:
        if self._member is None:
            return
        self._desk.confirm_practical(self._member.member_id, tutorial_id)
        self.show_member(self._member)
        self.confirmed.emit()
