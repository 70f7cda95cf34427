"""Staff mode, trainings: scan a member's badge or find them by name, see the tutorials
they passed, confirm the practical part once you have shown them the machine."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk, Trainee
from ui.widgets.touch import LEFT, Panel, big_button, clear_layout, label


class CertificationsPanel(Panel):
    confirmed = Signal()

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._member: Trainee | None = None
        self._lang = desk.settings.default_language
        self.search = QLineEdit()
        self.search.setMaxLength(80)
        self.search.returnPressed.connect(self.find_by_name)
        self.search_button = big_button()
        self.search_button.clicked.connect(self.find_by_name)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.search_button, 1)
        self.found = QVBoxLayout()
        self.found.setSpacing(8)
        self.who = label("subtitle", align=LEFT)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.found)
        layout.addWidget(self.who)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        self.retranslate()
        self.show_member(None)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("First name, last name or badge code"))
        self.search_button.setText(self.tr("Search"))

    def find_by_name(self) -> None:
        """Members whose name (or code) matches what staff typed: one tap shows theirs."""
        clear_layout(self.found)
        text = self.search.text().strip()
        if not text:
            return
        rows = self._desk.find_members(text)[:6]
        if not rows:
            none = label("small", align=LEFT)
            none.setText(self.tr("Nobody found. Check the spelling, or scan the badge."))
            self.found.addWidget(none)
        for row in rows:
            button = big_button("choice")
            button.setText(f"{row.name} · {row.short_code}")
            button.clicked.connect(
                lambda _=False, r=row: self.show_member(Trainee(r.id, r.first_name))
            )
            self.found.addWidget(button)

    def show_member(self, member: Trainee | None) -> None:
        self._member = member
        clear_layout(self.rows)
        if member is None:  # staff mode left: nothing about anyone stays
            self.search.clear()
            clear_layout(self.found)
            self.who.setText(
                self.tr("Scan a member's badge, or search by name, to see their trainings.")
            )
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
