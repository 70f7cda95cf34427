"""The quiz at the end of a tutorial: one question at a time, an explanation after each
answer, "Next question" top right once answered.

The answers stay where the finger is from one question to the next: the question's
place is as tall as the quiz's longest question, and the explanation's as tall as its
longest explanation. A quiz with pictures on its answers shows every question's answers
side by side (the pictures above the words, as large as the screen allows); a quiz
without shows them one under the other, their words on one wide line.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.tutorials.library import Tutorial
from ui.widgets.touch import ChoiceButton, Panel, big_button, clear_layout, label


def set_verdict(widget: QWidget, right: bool | None) -> None:
    """Green and ✔ for right, red and ✖ for wrong (the style sheet's ``verdict``)."""
    widget.setProperty("verdict", "" if right is None else "right" if right else "wrong")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def tallest(widget: QLabel, width: int, texts: list[str]) -> int:
    """The height *widget*'s font needs for the longest of *texts* wrapped at *width*."""
    widget.ensurePolished()
    metrics = widget.fontMetrics()
    flags = Qt.TextFlag.TextWordWrap
    return max(
        (metrics.boundingRect(QRect(0, 0, width, 0), flags, text).height() for text in texts),
        default=0,
    )


class QuizPage(Panel):
    finished = Signal(list)  # the answers given, one index per question
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tutorial: Tutorial | None = None
        self._lang = "fr"
        self._question = 0
        self._answers: list[int] = []
        self.progress = label("subtitle")
        self.quit_button = big_button("secondary")
        self.quit_button.clicked.connect(self.closed)
        # "Next question" comes top right once answered, where "Next" is on the
        # registration steps: the answers and the explanation keep the screen's middle
        self.next_button = big_button()
        self.next_button.clicked.connect(self._next_question)
        keep_place = self.next_button.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.next_button.setSizePolicy(keep_place)
        header = QHBoxLayout()
        header.addWidget(self.quit_button, 2)
        header.addWidget(self.progress, 2)
        header.addWidget(self.next_button, 3)
        self.question = label("title")
        self.choices = QGridLayout()
        self.choices.setSpacing(12)
        self.choice_buttons: list[ChoiceButton] = []
        self.feedback = label("verdict")
        keep_place = self.feedback.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.feedback.setSizePolicy(keep_place)
        self._page = QVBoxLayout(self)
        self._page.setContentsMargins(0, 0, 0, 0)
        self._page.setSpacing(12)
        self._page.addLayout(header)
        self._page.addWidget(self.question)
        self._page.addLayout(self.choices)
        self._page.addWidget(self.feedback)
        self._page.addStretch(1)
        self.retranslate()

    @property
    def answers(self) -> list[int]:
        return list(self._answers)

    def pictured(self) -> bool:
        """This quiz has pictures on some answers: every question's side by side."""
        return self._tutorial is not None and any(q.pictures for q in self._tutorial.quiz)

    def set_language(self, lang: str) -> None:
        """The next question is asked in *lang* (the one on screen stays as it is)."""
        self._lang = lang

    def start(self, tutorial: Tutorial, lang: str) -> None:
        self._tutorial, self._lang = tutorial, lang
        self._question, self._answers = 0, []
        pictured = self.pictured()
        # pictures: the answers take the room left (the pictures grow into it)
        self._page.setStretch(2, 1 if pictured else 0)
        self._page.setStretch(4, 0 if pictured else 1)
        self._show_question()

    def _show_question(self) -> None:
        assert self._tutorial is not None
        quiz, lang = self._tutorial.quiz, self._lang
        question = quiz[self._question]
        self.progress.setText(
            self.tr("Question %1 of %2")
            .replace("%1", str(self._question + 1))
            .replace("%2", str(len(quiz)))
        )
        self.question.setText(question.question.get(lang))
        width = max(self.question.width(), self.width() - 20, 200)
        questions = [q.question.get(lang) for q in quiz]
        self.question.setFixedHeight(tallest(self.question, width, questions) + 8)
        explanations = [self._explained(q.explanation.get(lang), right=False) for q in quiz]
        self.feedback.setFixedHeight(tallest(self.feedback, width - 40, explanations) + 40)
        clear_layout(self.choices)
        for column in range(self.choices.columnCount()):
            self.choices.setColumnStretch(column, 0)
        self.choice_buttons = []
        pictured = self.pictured()
        for i, choice in enumerate(question.choices_in(lang)):
            button = ChoiceButton()
            button.setText(choice)
            button.set_picture(question.pictures[i] if question.pictures else None)
            if pictured:
                # all as tall as the row, with or without a picture: none moves
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                self.choices.addWidget(button, 0, i)
                self.choices.setColumnStretch(i, 1)
            else:
                self.choices.addWidget(button, i, 0)
            button.clicked.connect(lambda _=False, n=i: self._answer(n))
            self.choice_buttons.append(button)
        self.feedback.hide()
        self.next_button.hide()

    def _explained(self, explanation: str, *, right: bool) -> str:
        verdict = "✔ " + self.tr("Right!") if right else "✖ " + self.tr("Not quite.")
        return f"{verdict} {explanation}"

    def _answer(self, choice: int) -> None:
        assert self._tutorial is not None
        question = self._tutorial.quiz[self._question]
        if len(self._answers) > self._question:
            return  # answered already: the explanation is on screen
        self._answers.append(choice)
        for i, button in enumerate(self.choice_buttons):
            button.setEnabled(False)
            if i == question.answer:
                button.setText("✔ " + button.text())
                set_verdict(button, True)
            elif i == choice:
                button.setText("✖ " + button.text())
                set_verdict(button, False)
        right = choice == question.answer
        self.feedback.setText(self._explained(question.explanation.get(self._lang), right=right))
        set_verdict(self.feedback, right)
        self.feedback.show()
        last = self._question == len(self._tutorial.quiz) - 1
        self.next_button.setText(self.tr("See my result") if last else self.tr("Next question"))
        self.next_button.show()

    def _next_question(self) -> None:
        assert self._tutorial is not None
        if self._question < len(self._tutorial.quiz) - 1:
            self._question += 1
            self._show_question()
        else:
            self.finished.emit(list(self._answers))

    def retranslate(self) -> None:
        self.quit_button.setText(self.tr("Stop"))
