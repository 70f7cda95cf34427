"""Staff mode, "Members": find a member (pending memberships first), validate a paid
membership, renew it, print a new badge (the old one stops working), give a badge the
right to open staff mode, and erase a member on request -- after a second, explicit tap.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk, NewBadge, StorageError
from kiosk.members.actions import MemberRow, renewal_end
from kiosk.models import MembershipStatus
from ui.widgets.feedback import Feedback
from ui.widgets.stepper import Stepper
from ui.widgets.touch import LEFT, Panel, big_button, clear_layout, kinetic_scroll, label


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, 28))


class MembersPanel(Panel):
    badge_reissued = Signal(object)  # NewBadge: the main window shows and prints it
    changed = Signal()

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._rows: list[MemberRow] = []
        self._member: MemberRow | None = None
        self.pages = QStackedWidget()

        # the list
        self.search = QLineEdit()
        self.search.setMaxLength(80)
        self.search.returnPressed.connect(self.refresh)
        self.search_button = big_button()
        self.search_button.clicked.connect(self.refresh)
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
        top.addWidget(self.search, 3)
        top.addWidget(self.search_button, 1)
        lp.addLayout(top)
        lp.addWidget(self.hint)
        lp.addWidget(kinetic_scroll(inner, buttons_inside=True), 1)
        self.pages.addWidget(list_page)

        # one member
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.show_list)
        self.name = label("subtitle", align=LEFT)
        self.details = label("cardstatus", align=LEFT)
        self.until_label = label("small", align=LEFT)
        today = desk.today()
        self.until = Stepper(renewal_end(None, today), _add_months, day_text)
        self.validate_button = big_button()
        self.validate_button.clicked.connect(self._validate)
        self.renew_button = big_button("secondary")
        self.renew_button.clicked.connect(self._renew)
        self.badge_button = big_button("secondary")
        self.badge_button.clicked.connect(self._reissue)
        self.staff_button = big_button("secondary")
        self.staff_button.clicked.connect(self._toggle_staff)
        self.erase_button = big_button("danger")
        self.erase_button.clicked.connect(self._ask_erase)
        member_page = QWidget()
        mp = QVBoxLayout(member_page)
        mp.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.name, 3)
        # erasing asks again on its own page: beside the name, it costs no row (1024x600)
        head.addWidget(self.erase_button, 1)
        head.addWidget(self.back_button, 1)
        mp.addLayout(head)
        mp.addWidget(self.details)
        validate = QHBoxLayout()
        validate.addWidget(self.until_label)
        validate.addWidget(self.until, 2)
        validate.addWidget(self.validate_button, 2)
        mp.addLayout(validate)
        actions = QHBoxLayout()
        actions.addWidget(self.renew_button)
        actions.addWidget(self.badge_button)
        actions.addWidget(self.staff_button)
        mp.addLayout(actions)
        mp.addStretch(1)
        self.pages.addWidget(member_page)

        # erasing: one decision on its own screen
        self.erase_question = label("subtitle")
        self.erase_explained = label("cardstatus")
        self.erase_cancel = big_button("secondary")
        self.erase_cancel.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.erase_confirm = big_button("danger")
        self.erase_confirm.clicked.connect(self._erase)
        erase_page = QWidget()
        ep = QVBoxLayout(erase_page)
        ep.addStretch(1)
        ep.addWidget(self.erase_question)
        ep.addWidget(self.erase_explained)
        choice = QHBoxLayout()
        choice.addWidget(self.erase_cancel)
        choice.addWidget(self.erase_confirm)
        ep.addLayout(choice)
        ep.addStretch(1)
        self.pages.addWidget(erase_page)

        self.feedback = Feedback()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.feedback)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        if self.pages.currentIndex() == 0:
            self.refresh()
        super().showEvent(event)

    # --- the list --------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self._rows = self._desk.find_members(self.search.text())
        except StorageError as exc:
            self.feedback.error(str(exc))
            return
        self._render_list()

    def _status_text(self, member: MemberRow) -> str:
        if member.status is MembershipStatus.PENDING:
            return self.tr("pending: fee not paid yet")
        until = day_text(member.valid_until) if member.valid_until else "—"
        if member.status is MembershipStatus.EXPIRED:
            return self.tr("expired on %1").replace("%1", until)
        return self.tr("member until %1").replace("%1", until)

    def _render_list(self) -> None:
        clear_layout(self.list_rows)
        if not self._rows:
            none = label("small", align=LEFT)
            none.setText(self.tr("No member found."))
            self.list_rows.addWidget(none)
        for member in self._rows:
            button = big_button("choice")
            text = f"{member.name} · {member.short_code} · {self._status_text(member)}"
            if member.staff:
                text += " · " + self.tr("staff")
            button.setText(text)
            button.clicked.connect(lambda _=False, m=member: self.show_member(m))
            self.list_rows.addWidget(button)

    def show_list(self) -> None:
        self._member = None
        self.feedback.clear()
        self.pages.setCurrentIndex(0)
        self.refresh()

    # --- one member ------------------------------------------------------------------

    def show_member(self, member: MemberRow) -> None:
        self._member = member
        self.feedback.clear()
        self.name.setText(member.name or "—")
        registered = member.created_at.astimezone(self._desk.settings.tz).date()
        lines = [
            f"{member.short_code} · {self._status_text(member)}",
            member.email or self.tr("no email"),
            self.tr("registered on %1").replace("%1", day_text(registered)),
        ]
        self.details.setText("\n".join(lines))
        self.until.set_value(member.renewal_end)
        pending = member.status is MembershipStatus.PENDING
        self.validate_button.setText(
            self.tr("Fee paid: validate") if pending else self.tr("Set this end date")
        )
        self.renew_button.setEnabled(not pending)
        self._render_staff_button()
        self.pages.setCurrentIndex(1)

    def _render_staff_button(self) -> None:
        member = self._member
        self.staff_button.setText(
            self.tr("Badge opens staff mode: yes")
            if member is not None and member.staff
            else self.tr("Badge opens staff mode: no")
        )

    def _act(self, action: str) -> MemberRow | None:
        member = self._member
        if member is None:
            return None
        try:
            if action == "validate":
                return self._desk.validate_membership(member.id, self.until.value)
            if action == "renew":
                return self._desk.renew_membership(member.id)
            if action == "staff":
                return self._desk.set_staff(member.id, not member.staff)
        except (ValueError, LookupError, StorageError) as exc:
            self.feedback.error(str(exc))
        return None

    def _done(self, member: MemberRow | None, message: str) -> None:
        if member is None:
            return
        self.show_member(member)
        self.feedback.ok(message)
        self.changed.emit()

    def _validate(self) -> None:
        member = self._act("validate")
        if member is not None and member.valid_until is not None:
            self._done(
                member,
                self.tr("Saved: member until %1.").replace("%1", day_text(member.valid_until)),
            )

    def _renew(self) -> None:
        member = self._act("renew")
        if member is not None and member.valid_until is not None:
            self._done(
                member,
                self.tr("Renewed: member until %1.").replace("%1", day_text(member.valid_until)),
            )

    def _toggle_staff(self) -> None:
        self._done(self._act("staff"), self.tr("Saved."))

    def _reissue(self) -> None:
        member = self._member
        if member is None:
            return
        try:
            badge: NewBadge = self._desk.reissue_badge(member.id)
        except (LookupError, StorageError) as exc:
            self.feedback.error(str(exc))
            return
        self.feedback.ok(self.tr("New badge made: the old one no longer works."))
        self.changed.emit()
        self.badge_reissued.emit(badge)

    def _ask_erase(self) -> None:
        member = self._member
        if member is None:
            return
        self.erase_question.setText(self.tr("Erase %1 for good?").replace("%1", member.name or "—"))
        self.pages.setCurrentIndex(2)

    def _erase(self) -> None:
        member = self._member
        if member is None:
            return
        try:
            anonymous = self._desk.erase_member(member.id)
        except (LookupError, StorageError) as exc:
            self.feedback.error(str(exc))
            self.pages.setCurrentIndex(1)
            return
        self.show_list()
        self.feedback.ok(self.tr("Erased. %n visit(s) kept as anonymous counts.", "", anonymous))
        self.changed.emit()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Name, email or badge code"))
        self.search_button.setText(self.tr("Search"))
        self.hint.setText(self.tr("Pending memberships come first."))
        self.back_button.setText(self.tr("Back to the list"))
        self.until_label.setText(self.tr("Member until:"))
        self.renew_button.setText(self.tr("Renew one year"))
        self.badge_button.setText(self.tr("New badge"))
        self.erase_button.setText(self.tr("Erase this member…"))
        self.erase_explained.setText(
            self.tr(
                "Name, email, postcode and trainings are deleted here and on the server. "
                "The badge stops working. Past visits stay, without the name, in the "
                "yearly counts. This cannot be undone."
            )
        )
        self.erase_cancel.setText(self.tr("Cancel"))
        self.erase_confirm.setText(self.tr("Erase for good"))
        self._render_staff_button()
        if self._member is not None and self.pages.currentIndex() == 1:
            self.show_member(self._member)
        else:
            self._render_list()

    def reset(self) -> None:
        self.search.clear()
        self._member = None
        self._rows = []
        self.feedback.clear()
        self.pages.setCurrentIndex(0)
        clear_layout(self.list_rows)
