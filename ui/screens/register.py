"""First time here? Registration in a few short steps, one decision per screen.

The typed fields sit in the top half of the screen: Qt Virtual Keyboard opens over the
bottom half and must not hide what is being typed. Nothing is stored before the
person agrees on the consent screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.frontdesk import FrontDesk, NewBadge
from kiosk.members.registration import FieldProblem, InvalidMember, NewMember, validate
from kiosk.models import AGE_BRACKETS
from ui.texts import age_bracket_label
from ui.widgets.consent import ConsentPanel
from ui.widgets.touch import Screen, big_button, kinetic_scroll, label

NAME, AGE, CONTACT, CONSENT = range(4)


def _field(hints: Qt.InputMethodHint = Qt.InputMethodHint.ImhNone) -> QLineEdit:
    edit = QLineEdit()
    edit.setInputMethodHints(hints | Qt.InputMethodHint.ImhNoPredictiveText)
    edit.setMaxLength(80)
    return edit


class RegisterScreen(Screen):
    registered = Signal(object)  # NewBadge
    cancelled = Signal()

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._settings: Settings = desk.settings
        self._age: str | None = None
        self.steps = QStackedWidget()

        # 1. names
        self.name_title = label("title")
        self.first_name = _field()
        self.first_name_label = label("hint", align=Qt.AlignmentFlag.AlignLeft)
        self.last_name = _field()
        self.last_name_label = label("hint", align=Qt.AlignmentFlag.AlignLeft)
        self.name_error = label("error")
        self.first_name.returnPressed.connect(self._names_done)
        self.last_name.returnPressed.connect(self._names_done)
        self.name_back, self.name_next = big_button("secondary"), big_button()
        self.name_back.clicked.connect(self.cancelled)
        self.name_next.clicked.connect(self._names_done)
        self.steps.addWidget(
            self._page(
                [
                    self.name_title,
                    self.first_name_label,
                    self.first_name,
                    self.last_name_label,
                    self.last_name,
                    self.name_error,
                ],
                self.name_back,
                self.name_next,
                typing=True,
            )
        )

        # 2. age bracket, one tap
        self.age_title = label("title")
        self.age_hint = label("hint")
        self.age_buttons = {}
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setSpacing(24)
        for i, bracket in enumerate((*AGE_BRACKETS, "")):
            button = big_button("choice", height_factor=1.1)
            button.clicked.connect(lambda _=False, b=bracket: self._age_done(b or None))
            grid.addWidget(button, i // 4, i % 4)
            self.age_buttons[bracket] = button
        self.age_back = big_button("secondary")
        self.age_back.clicked.connect(lambda: self.steps.setCurrentIndex(NAME))
        self.steps.addWidget(
            self._page([self.age_title, self.age_hint, grid_widget], self.age_back, None)
        )

        # 3. email and postcode, both optional
        self.contact_title = label("title")
        self.email = _field(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.email.setMaxLength(254)
        self.email_label = label("hint", align=Qt.AlignmentFlag.AlignLeft)
        self.postcode = _field(Qt.InputMethodHint.ImhPreferNumbers)
        self.postcode.setMaxLength(10)
        self.postcode_label = label("hint", align=Qt.AlignmentFlag.AlignLeft)
        self.contact_error = label("error")
        self.contact_back, self.contact_next = big_button("secondary"), big_button()
        self.contact_back.clicked.connect(lambda: self.steps.setCurrentIndex(AGE))
        self.contact_next.clicked.connect(self._contact_done)
        self.email.returnPressed.connect(self._contact_done)
        self.postcode.returnPressed.connect(self._contact_done)
        self.steps.addWidget(
            self._page(
                [
                    self.contact_title,
                    self.email_label,
                    self.email,
                    self.postcode_label,
                    self.postcode,
                    self.contact_error,
                ],
                self.contact_back,
                self.contact_next,
                typing=True,
            )
        )

        # 4. consent
        self.consent_title = label("title")
        self.consent = ConsentPanel(self._settings.site_name, self._settings.data_retention_months)
        scroll = kinetic_scroll(self.consent, buttons_inside=False)
        self.refuse_button, self.agree_button = big_button("secondary"), big_button()
        self.refuse_button.clicked.connect(self.cancelled)
        self.agree_button.clicked.connect(self._agree)
        self.consent_error = label("error")
        self.steps.addWidget(
            self._page(
                [self.consent_title, scroll, self.consent_error],
                self.refuse_button,
                self.agree_button,
            )
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        self.retranslate()

    def _page(
        self,
        widgets: list[QWidget],
        back: QPushButton,
        forward: QPushButton | None,
        *,
        typing: bool = False,
    ) -> QWidget:
        """A step: its title first, then *widgets*. On a typing step the buttons sit beside
        the title, so the on-screen keyboard (bottom half) hides none of them."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(60, 30, 60, 30)
        column.setSpacing(14)
        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(back, 1)
        if typing:
            title, widgets = widgets[0], widgets[1:]
            row.addWidget(title, 3)
            if forward is not None:
                row.addWidget(forward, 1)
            column.addLayout(row)
        elif forward is not None:
            row.addWidget(forward, 1)
        for widget in widgets:
            column.addWidget(widget, 1 if isinstance(widget, QScrollArea) else 0)
        if not typing:
            column.addLayout(row)
        if not any(isinstance(w, QScrollArea) for w in widgets):
            column.addStretch(1)  # the bottom half stays free for the on-screen keyboard
        return page

    # --- steps ----------------------------------------------------------------------

    def _member(self) -> NewMember:
        return NewMember(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            age_bracket=self._age,
            postcode=self.postcode.text(),
        ).cleaned()

    def _problems(self, fields: set[str]) -> list[FieldProblem]:
        return [p for p in validate(self._member(), self._settings.country) if p.field in fields]

    def _names_done(self) -> None:
        problems = self._problems({"first_name", "last_name"})
        self.name_error.setText(self._explain(problems))
        if not problems:
            self.steps.setCurrentIndex(AGE)

    def _age_done(self, bracket: str | None) -> None:
        self._age = bracket
        self.steps.setCurrentIndex(CONTACT)
        self.email.setFocus()

    def _contact_done(self) -> None:
        problems = self._problems({"email", "postcode"})
        self.contact_error.setText(self._explain(problems))
        if not problems:
            self.steps.setCurrentIndex(CONSENT)

    def _agree(self) -> None:
        try:
            badge: NewBadge = self._desk.register(self._member())
        except InvalidMember as exc:
            self.consent_error.setText(self._explain(exc.problems))
            return
        except OSError as exc:  # disk full, database locked: say it, keep what was typed
            self.consent_error.setText(
                self.tr("Your registration could not be saved. Please ask a staff member.")
            )
            self.consent_error.setToolTip(str(exc))
            return
        self.registered.emit(badge)

    def _explain(self, problems: list[FieldProblem]) -> str:
        texts = {
            ("first_name", "required"): self.tr("Please type your first name."),
            ("first_name", "too_long"): self.tr("This first name is too long."),
            ("last_name", "too_long"): self.tr("This last name is too long."),
            ("email", "invalid"): self.tr("This email address looks wrong, e.g. name@example.org"),
            ("postcode", "invalid"): self.tr("This postcode looks wrong, e.g. 80000"),
        }
        return "\n".join(texts.get((p.field, p.code), p.message) for p in problems)

    def retranslate(self) -> None:
        self.name_title.setText(self.tr("What is your first name?"))
        self.first_name_label.setText(self.tr("First name"))
        self.last_name_label.setText(self.tr("Last name (if you wish)"))
        self.age_title.setText(self.tr("How old are you?"))
        self.age_hint.setText(self.tr("This helps us count who comes. Tap one."))
        for bracket, button in self.age_buttons.items():
            button.setText(age_bracket_label(bracket) if bracket else self.tr("I'd rather not say"))
        self.contact_title.setText(self.tr("Email and postcode"))
        self.email_label.setText(self.tr("Email (if you wish): to receive your badge again"))
        self.postcode_label.setText(self.tr("Postcode (if you wish)"))
        self.consent_title.setText(self.tr("What we keep about you"))
        for back in (self.name_back, self.age_back, self.contact_back):
            back.setText(self.tr("Back"))
        self.name_next.setText(self.tr("Next"))
        self.contact_next.setText(self.tr("Next"))
        self.refuse_button.setText(self.tr("No thanks"))
        self.agree_button.setText(self.tr("I agree"))

    def start(self) -> None:
        self.reset()
        self.first_name.setFocus()

    def reset(self) -> None:
        for edit in (self.first_name, self.last_name, self.email, self.postcode):
            edit.clear()
        for error in (self.name_error, self.contact_error, self.consent_error):
            error.clear()
        self._age = None
        self.steps.setCurrentIndex(NAME)
