"""The sign screen: an enrolled trainee who checks in during a workshop signs the
attendance sheet with a finger, or says they cannot sign.

The public screen says the workshop's title and the trainee's first name, never a last
name. Two pages: the pad (with "Clear", "I cannot sign", "Confirm"), then a short
answer (thanks, already signed, or why it was refused) that goes home on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.workshops.door import DoorState, Signing
from kiosk.workshops.signatures import Strokes
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.touch import Screen, big_button, label

ANSWER_MS = 8_000  # "thank you" or "already signed": nothing to answer
REFUSAL_MS = 15_000


class SignScreen(Screen):
    signed = Signal(object)  # the strokes (kiosk.workshops.signatures format)
    cannot_sign = Signal()
    leaving = Signal()  # in since the morning, the badge shown again to leave
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._signing: Signing | None = None
        self._lang = "fr"
        self._answer: tuple[str, str] | None = None  # kind ("thanks"...), refusal words

        # page 0: the pad
        self.greeting = label("title")
        self.workshop = label("subtitle")
        self.instruction = label("subtitle")
        self.pad = SignaturePad()
        self.pad.changed.connect(self._pad_changed)
        self.problem = label("banner")  # an empty pad, a refusal to try again after
        self.problem.hide()
        self.clear_button = big_button("secondary")
        self.clear_button.clicked.connect(self._clear)
        self.cannot_button = big_button("secondary")
        self.cannot_button.clicked.connect(self._cannot)
        self.confirm_button = big_button()
        self.confirm_button.clicked.connect(self._confirm)
        self.leave_button = big_button("secondary")
        self.leave_button.clicked.connect(self.leaving)
        self.leave_button.hide()
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.clear_button, 2)
        buttons.addWidget(self.cannot_button, 3)
        buttons.addWidget(self.leave_button, 2)
        buttons.addWidget(self.confirm_button, 3)
        pad_page = QWidget()
        self._pad_layout = QVBoxLayout(pad_page)
        self._pad_layout.addWidget(self.greeting)
        self._pad_layout.addWidget(self.workshop)
        self._pad_layout.addWidget(self.instruction)
        self._pad_layout.addWidget(self.pad, 1)
        self._pad_layout.addWidget(self.problem)
        self._pad_layout.addLayout(buttons)

        # page 1: the answer
        self.icon = label("icon")
        self.answer_title = label("title")
        self.answer_text = label("subtitle")
        self.ok_button = big_button(height_factor=1.1)
        self.ok_button.clicked.connect(self._finish)
        answer_page = QWidget()
        answer_page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # its colour
        self.answer_page = answer_page
        answer = QVBoxLayout(answer_page)
        answer.setContentsMargins(80, 40, 80, 40)
        answer.setSpacing(30)
        answer.addStretch(1)
        for widget in (self.icon, self.answer_title, self.answer_text):
            answer.addWidget(widget)
        answer.addStretch(1)
        answer.addWidget(self.ok_button)

        self.pages = QStackedWidget()
        self.pages.addWidget(pad_page)
        self.pages.addWidget(answer_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._finish)
        self._set_compact(False)
        self.retranslate()

    def _set_compact(self, compact: bool) -> None:
        """1024x600: less air, the same words, the pad a little smaller."""
        self._compact = compact
        margins = (30, 8, 30, 10) if compact else (50, 24, 50, 24)
        self._pad_layout.setContentsMargins(*margins)
        self._pad_layout.setSpacing(6 if compact else 14)

    def _fit_words(self) -> None:
        """Four buttons share the row: the long words get the width they need."""
        for button in (self.clear_button, self.cannot_button, self.leave_button):
            width = button.fontMetrics().horizontalAdvance(button.text())
            button.setMinimumWidth(max(button.minimumHeight(), width + 40))

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_words()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        compact = event.size().height() < 700
        if compact != self._compact:
            self._set_compact(compact)
        super().resizeEvent(event)

    # --- what the flow tells it ------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.retranslate()

    def show_signing(self, signing: Signing, *, may_be_leaving: bool = False) -> None:
        """A trainee just checked in: the pad, or "already signed" (no second pad). In
        since the morning and the badge shown again: the pad, and "I am leaving"."""
        self._signing = signing
        self.leave_button.setVisible(may_be_leaving)
        self.pad.clear()
        self.problem.hide()
        if signing.state is DoorState.TO_SIGN:
            self._answer = None
            self._timer.stop()
            self.pages.setCurrentIndex(0)
        elif signing.state is DoorState.SIGNED:
            self._answer_page("already", "", ANSWER_MS)
        else:  # said earlier they cannot sign: staff countersign, nothing to add
            self._answer_page("cannot", "", ANSWER_MS)
        self.retranslate()

    def show_thanks(self) -> None:
        self._answer_page("thanks", "", ANSWER_MS)

    def show_cannot_sign_noted(self) -> None:
        self._answer_page("cannot", "", ANSWER_MS)

    def show_refusal(self, words: str, *, try_again: bool) -> None:
        """The core's worded refusal: on the pad when signing again can help (a dot that
        is not a signature), else as the answer (the half-day is over)."""
        if try_again:
            self.problem.setText(words)
            self.problem.show()
            return
        self._answer_page("refused", words, REFUSAL_MS)

    def show_storage_problem(self) -> None:
        """The database refused to write (disk full, file locked): nothing stored."""
        self._answer_page("storage", "", REFUSAL_MS)

    def signing_now(self) -> bool:
        """The pad is up: a scan or a question must not take it away."""
        return self.isVisible() and self.pages.currentIndex() == 0 and self._signing is not None

    def reset(self) -> None:
        self._timer.stop()
        self._signing = None
        self._answer = None
        self.leave_button.hide()
        self.pad.clear()
        self.problem.hide()
        self.pages.setCurrentIndex(0)
        self.retranslate()

    # --- what the person does --------------------------------------------------------

    def _pad_changed(self) -> None:
        if not self.pad.is_empty():
            self.problem.hide()

    def _clear(self) -> None:
        self.pad.clear()
        self.problem.hide()

    def _confirm(self) -> None:
        if self.pad.is_empty():
            self.problem.setText(
                self.tr(
                    "Nothing is signed yet: sign with your finger in the white box, "
                    "then tap Confirm."
                )
            )
            self.problem.show()
            return
        strokes: Strokes = self.pad.strokes()
        self.signed.emit(strokes)

    def _cannot(self) -> None:
        self.cannot_sign.emit()

    def _answer_page(self, kind: str, words: str, ms: int) -> None:
        self._answer = (kind, words)
        # the result screen's colours: green for done, red for not recorded
        self.answer_page.setObjectName("refusal" if kind in ("refused", "storage") else "greeting")
        for widget in (self.answer_page, *self.answer_page.findChildren(QWidget)):
            self.style().unpolish(widget)
            self.style().polish(widget)
        self.pages.setCurrentIndex(1)
        self._timer.start(ms)
        self.retranslate()

    def _finish(self) -> None:
        self._timer.stop()
        self.done.emit()

    # --- words -----------------------------------------------------------------------

    def _half_words(self, signing: Signing) -> str:
        start = signing.starts_at.strftime("%H:%M")  # 24-hour clock, as on the sheet
        end = signing.ends_at.strftime("%H:%M")
        if signing.halves == 1:
            return self.tr("today, {start} to {end}").format(start=start, end=end)
        if signing.afternoon:
            return self.tr("this afternoon, {start} to {end}").format(start=start, end=end)
        return self.tr("this morning, {start} to {end}").format(start=start, end=end)

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.cannot_button.setText(self.tr("I cannot sign"))
        self.confirm_button.setText(self.tr("Confirm"))
        self.leave_button.setText(self.tr("I am leaving"))
        if self.isVisible():  # polished: the style sheet's font is known
            self._fit_words()
        self.ok_button.setText(self.tr("OK"))
        signing = self._signing
        name = signing.first_name if signing else ""
        self.greeting.clear()  # nobody's name left on screen after a reset
        self.workshop.clear()
        if signing is not None:
            self.greeting.setText(self.tr("Hello {name}!").format(name=name))
            self.workshop.setText(
                self.tr("Workshop “{title}”, {half}.").format(
                    title=signing.title(self._lang), half=self._half_words(signing)
                )
            )
        self.instruction.setText(
            self.tr(
                "Sign the attendance sheet with your finger in the white box, then tap Confirm."
            )
        )
        kind, words = self._answer or ("", "")
        for answer in (self.icon, self.answer_title, self.answer_text):
            answer.clear()
        if kind == "thanks":
            self.icon.setText("✔")
            self.answer_title.setText(
                self.tr("Thank you {name}, you have signed.").format(name=name)
            )
            self.answer_text.setText(self.tr("Have a good workshop!"))
        elif kind == "already":
            self.icon.setText("✔")
            self.answer_title.setText(
                self.tr("{name}, you have already signed for this half-day.").format(name=name)
            )
            self.answer_text.setText(self.tr("Nothing more to do. Have a good workshop!"))
        elif kind == "cannot":
            self.icon.setText("✔")
            self.answer_title.setText(self.tr("Noted, {name}: you are present.").format(name=name))
            self.answer_text.setText(
                self.tr("The sheet says you cannot sign. A member of staff will countersign it.")
            )
        elif kind == "storage":
            self.icon.setText("✖")
            self.answer_title.setText(self.tr("The signature was not recorded."))
            self.answer_text.setText(
                self.tr(
                    "Sorry, it is not your fault: the kiosk cannot save right now. "
                    "You are checked in. Please tell a staff member."
                )
            )
        elif kind == "refused":
            self.icon.setText("✖")
            self.answer_title.setText(self.tr("The signature was not recorded."))
            self.answer_text.setText(
                words + " " + self.tr("You are checked in. Please see a member of staff.")
            )
