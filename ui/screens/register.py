"""First time here? Registration in a few short steps, one decision per screen.

Every step has the same head: "Back" on the left, "Step n of 4" and the question in the
middle, "Next" on the right when the step has one. The typed fields and any error
message sit in the top half of the screen: Qt Virtual Keyboard opens over the bottom half
and must not hide them. Nothing is stored before the person agrees on the consent screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
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
STEPS = 4


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
        self.step_labels: list[QLabel] = []

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
                    self.name_error,
                    self.first_name_label,
                    self.first_name,
                    self.last_name_label,
                    self.last_name,
                ],
                self.name_back,
                self.name_next,
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
                    self.contact_error,
                    self.email_label,
                    self.email,
                    self.postcode_label,
                    self.postcode,
                ],
                self.contact_back,
                self.contact_next,
            )
        )

        # 4. consent
        self.consent_title = label("title")
        self.consent = ConsentPanel(self._settings.site_name, self._settings.data_retention_months)
        scroll = kinetic_scroll(self.consent, buttons_inside=False)
        self.refuse_button, self.agree_button = big_button("secondary"), big_button()
        self.refuse_button.clicked.connect(self.cancelled)
        self.agree_button.clicked.connect(self._agree)
        self.consent_back = big_button("secondary")
        self.consent_back.clicked.connect(lambda: self.steps.setCurrentIndex(CONTACT))
        self.consent_error = label("error")
        choice = QWidget()
        choice_row = QHBoxLayout(choice)
        choice_row.setContentsMargins(0, 0, 0, 0)
        choice_row.setSpacing(30)
        choice_row.addWidget(self.refuse_button, 1)
        choice_row.addWidget(self.agree_button, 1)
        self.steps.addWidget(
            self._page(
                [self.consent_title, self.consent_error, scroll, choice],
                self.consent_back,
                None,
            )
        )

        self.steps.currentChanged.connect(self._step_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        self.retranslate()

    def _page(
        self, widgets: list[QWidget], back: QPushButton, forward: QPushButton | None
    ) -> QWidget:
        """A step: the same head on every step ("Back", "Step n of 4" over the title,
        "Next" or an empty place of the same size), then *widgets*, top down, so the
        on-screen keyboard (bottom half) hides none of them."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(60, 30, 60, 30)
        column.setSpacing(14)
        title, widgets = widgets[0], widgets[1:]
        counter = label("stepcounter")
        self.step_labels.append(counter)
        middle = QVBoxLayout()
        middle.setSpacing(4)
        middle.addWidget(counter)
        middle.addWidget(title)
        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(back, 1, Qt.AlignmentFlag.AlignTop)
        row.addLayout(middle, 3)
        if forward is None:
            forward = big_button("secondary")
            forward.setEnabled(False)
            forward.setFlat(True)
            forward.setProperty("role", "placeholder")  # keeps "Back" and the title in place
        row.addWidget(forward, 1, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        for widget in widgets:
            column.addWidget(widget, 1 if isinstance(widget, QScrollArea) else 0)
        if not any(isinstance(w, QScrollArea) for w in widgets):
            column.addStretch(1)  # the bottom half stays free for the on-screen keyboard
        return page

    def _step_shown(self, index: int) -> None:
        """The first field of a typing step takes the keys, and the keyboard shows at
        once (Qt only opens it on a tap otherwise)."""
        field = {NAME: self.first_name, CONTACT: self.email}.get(index)
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(0, self, self._show_keyboard)

    def _show_keyboard(self) -> None:
        if self.isVisible() and self.steps.currentIndex() in (NAME, CONTACT):
            QGuiApplication.inputMethod().show()

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
        for back in (self.name_back, self.age_back, self.contact_back, self.consent_back):
            back.setText("◀ " + self.tr("Back"))
        for number, counter in enumerate(self.step_labels, start=1):
            counter.setText(
                self.tr("Step %1 of %2").replace("%1", str(number)).replace("%2", str(STEPS))
            )
        self.name_next.setText(self.tr("Next"))
        self.contact_next.setText(self.tr("Next"))
        self.refuse_button.setText(self.tr("No thanks"))
        self.agree_button.setText(self.tr("I agree"))

    def start(self) -> None:
        self.reset()
        self._step_shown(NAME)

    def reset(self) -> None:
        for edit in (self.first_name, self.last_name, self.email, self.postcode):
            edit.clear()
        for error in (self.name_error, self.contact_error, self.consent_error):
            error.clear()
        self._age = None
        self.steps.setCurrentIndex(NAME)
