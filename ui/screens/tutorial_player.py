"""The tutorial player: one step per screen with a big picture, read aloud, words
explained on tap, then the quiz (ui/widgets/quiz_page.py), then the result."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.tutorials.library import Library, QuizResult, Tutorial, render_text
from ui.speech import Speaker
from ui.widgets.pictures import FittedPicture, SwipeWatcher, picture
from ui.widgets.quiz_page import QuizPage, set_verdict
from ui.widgets.touch import ChoiceButton, Screen, big_button, clear_layout, kinetic_scroll, label

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
CHECK_PICTURE = QSize(160, 120)  # a check's answers are two across a narrow column


class TutorialPlayerScreen(Screen):
    step_reached = Signal(str, int)  # tutorial id, step index (for resuming)
    quiz_finished = Signal(str, list)  # tutorial id, answers
    closed = Signal()
    code_requested = Signal()  # "type my code" instead of showing the badge

    def __init__(self, speaker: Speaker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._library: Library | None = None
        self._tutorial: Tutorial | None = None
        self._lang = "fr"
        self._step = 0
        self._asking = False  # showing this step's check question
        self._check_answered = False
        self._result: QuizResult | None = None
        self.pages = QStackedWidget()

        # --- a step -----------------------------------------------------------------
        self.quit_button = big_button("secondary")
        self.quit_button.clicked.connect(self.closed)
        self.progress = label("subtitle")
        header = QHBoxLayout()  # (read aloud: the window's listen button, as everywhere)
        header.addWidget(self.quit_button, 1)
        header.addWidget(self.progress, 2)
        header.addStretch(1)
        # as large as the room left (720x540 on a big screen), smaller on a small one
        self.image = FittedPicture(QSize(720, 540), QSize(240, 180))
        self.step_title = label("title", align=LEFT)
        self.step_text = label("subtitle", align=LEFT)
        self.step_text.setTextFormat(Qt.TextFormat.RichText)
        self.step_text.linkActivated.connect(self.explain)
        self.safety_row = QHBoxLayout()
        self.check_box = QFrame()
        self.check_box.setObjectName("checkbox")
        check_layout = QVBoxLayout(self.check_box)
        self.check_question = label("subtitle", align=LEFT)
        self.check_choices = QGridLayout()  # two across: the step's words stay on screen
        self.check_choices.setSpacing(10)
        self.check_feedback = label("verdict", align=LEFT)
        check_layout.addWidget(self.check_question)
        check_layout.addLayout(self.check_choices)
        check_layout.addWidget(self.check_feedback)
        column = QWidget()
        words = QVBoxLayout(column)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.step_title)
        words.addWidget(self.step_text)
        words.addLayout(self.safety_row)
        words.addWidget(self.check_box)
        words.addStretch(1)
        # the words column scrolls (a finger drag) where the step's words and its check
        # question with its answers are taller than a small screen
        self.words_area = kinetic_scroll(column, buttons_inside=True, column=True)
        # laid out later (the verdict shown, the window resized): the question kept in view
        self.words_area.verticalScrollBar().rangeChanged.connect(self._keep_question_in_view)
        self.body = QHBoxLayout()
        self.body.setSpacing(40)
        self.body.addWidget(self.image, 5)
        self.body.addWidget(self.words_area, 4)
        self.back_button = big_button("secondary")
        self.next_button = big_button()
        self.back_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        step_page = QWidget()
        sp = QVBoxLayout(step_page)
        sp.addLayout(header)
        sp.addLayout(self.body, 1)
        sp.addLayout(nav)
        self.pages.addWidget(step_page)

        # --- the quiz -----------------------------------------------------------------
        self.quiz = QuizPage()
        self.quiz.closed.connect(self.closed)
        self.quiz.finished.connect(self._quiz_finished)
        self.pages.addWidget(self.quiz)

        # --- the result ---------------------------------------------------------------
        self.result_icon = label("icon")
        self.result_title = label("title")
        self.result_text = label("subtitle")
        self.retry_button = big_button("secondary")
        self.review_button = big_button("secondary")
        self.done_button = big_button()
        self.type_code_button = big_button("secondary")
        self.type_code_button.clicked.connect(self.code_requested)
        self.retry_button.clicked.connect(self.start_quiz)
        self.review_button.clicked.connect(lambda: self.show_step(0))
        self.done_button.clicked.connect(self.closed)
        result_page = QWidget()
        rp = QVBoxLayout(result_page)
        rp.addWidget(self.result_icon)
        rp.addWidget(self.result_title)
        rp.addWidget(self.result_text)
        rp.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.review_button)
        row.addWidget(self.retry_button)
        row.addWidget(self.type_code_button)
        row.addWidget(self.done_button)
        rp.addLayout(row)
        self.pages.addWidget(result_page)

        # --- a word explained ---------------------------------------------------------
        self.glossary_panel = QFrame(self)
        self.glossary_panel.setObjectName("glossary")
        gp = QHBoxLayout(self.glossary_panel)
        self.glossary_image = QLabel()
        self.glossary_text = label("subtitle", align=LEFT)
        self.glossary_ok = big_button()
        self.glossary_ok.clicked.connect(self.glossary_panel.hide)
        gp.addWidget(self.glossary_image)
        gp.addWidget(self.glossary_text, 1)
        gp.addWidget(self.glossary_ok)
        self.glossary_panel.hide()

        self.notice = label("notice")
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 10, 40, 10)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages)
        self.swipe = SwipeWatcher(self)
        self.swipe.swiped.connect(self._swiped)
        self.installEventFilter(self.swipe)
        step_page.installEventFilter(self.swipe)
        self.image.installEventFilter(self.swipe)
        self.retranslate()

    # --- showing a tutorial -------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.quiz.set_language(lang)

    def open(self, library: Library, tutorial: Tutorial, step: int = 0) -> None:
        self._library, self._tutorial = library, tutorial
        self.notice.hide()
        self.show_step(min(max(step, 0), len(tutorial.steps) - 1))

    @property
    def tutorial(self) -> Tutorial | None:
        return self._tutorial

    @property
    def step(self) -> int:
        return self._step

    def on_a_step(self) -> bool:
        """Reading the steps (not the quiz, not its result)."""
        return self._tutorial is not None and self.pages.currentIndex() == 0

    def show_notice(self, text: str, *, ok: bool) -> None:
        """Who the badge shown said, or why it did nothing: above the page, in words, a sign
        and a colour."""
        self.notice.setText(("✔ " if ok else "✖ ") + text)
        self.notice.setProperty("ok", ok)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.show()

    def show_step(self, index: int) -> None:
        tutorial = self._tutorial
        if tutorial is None:
            return
        self._speaker.stop()
        self.glossary_panel.hide()
        self._step = index
        self._check_answered = False
        step = tutorial.steps[index]
        lang = self._lang
        self.pages.setCurrentIndex(0)
        self.progress.setText(
            self.tr("Step %1 of %2")
            .replace("%1", str(index + 1))
            .replace("%2", str(len(tutorial.steps)))
        )
        self.step_title.setText(step.title.get(lang))
        self.step_text.setText(self._rich(step.text.get(lang)))
        self.image.set_path(step.image)
        self.words_area.verticalScrollBar().setValue(0)  # a new step: its title first
        clear_layout(self.safety_row)
        for name in step.safety:
            sign = QLabel()
            sign.setPixmap(picture(self._pictogram(name), QSize(96, 96)))
            sign.setToolTip(name)
            self.safety_row.addWidget(sign)
        self.safety_row.addStretch(1)
        self._show_check()
        self.back_button.setEnabled(index > 0)
        last = index == len(tutorial.steps) - 1
        self.next_button.setText(self.tr("To the quiz") if last else self.tr("Next"))
        self.step_reached.emit(tutorial.id, index)

    def _pictogram(self, name: str) -> Path | None:
        if self._tutorial is None:
            return None
        return self._tutorial.folder.parent / "pictograms" / f"{name}.svg"

    def _rich(self, text: str) -> str:
        """Glossary words underlined as links; a tap explains them."""
        assert self._library is not None
        parts = []
        for segment in render_text(text, self._library.glossary, self._lang):
            shown = html.escape(segment.text)
            if segment.term:
                parts.append(
                    f'<a href="{segment.term}" style="color:#0b3d91;'
                    f'text-decoration:underline;">{shown}</a>'
                )
            else:
                parts.append(shown)
        return "".join(parts)

    def _show_check(self, asking: bool = False) -> None:
        """A step's check question comes after the step is read (Next), below its words."""
        assert self._tutorial is not None
        check = self._tutorial.steps[self._step].check
        clear_layout(self.check_choices)
        self.check_feedback.clear()
        self._asking = asking and check is not None
        self.check_box.setVisible(self._asking)
        # asking: the picture gives the question and its answers more of the width
        self.body.setStretch(0, 3 if self._asking else 5)
        self.body.setStretch(1, 5 if self._asking else 4)
        set_verdict(self.check_feedback, None)
        self.back_button.setEnabled(self._asking or self._step > 0)
        if not self._asking or check is None:
            self.next_button.setEnabled(True)
            return
        self.check_question.setText(check.question.get(self._lang))
        for i, choice in enumerate(check.choices_in(self._lang)):
            # its words wrap: the column is narrow; a picture, if any, of a size that leaves
            # the question, both answers and the verdict on a 1024x600 screen at once
            button = ChoiceButton(picture_hint=self._check_picture())
            button.setText(choice)
            button.set_picture(check.pictures[i] if check.pictures else None)
            button.clicked.connect(lambda _=False, n=i: self._check_answer(n))
            self.check_choices.addWidget(button, i // 2, i % 2)
        self.next_button.setEnabled(False)  # answer first: a wrong one is fine
        self._keep_question_in_view()  # and again once laid out (rangeChanged)

    def _check_picture(self) -> QSize:
        """120 px high on a 600 px screen, up to 150 on a taller one (the step's words,
        the question, its answers and the verdict all in view at 1280x800)."""
        high = min(max(self.height() - 480, CHECK_PICTURE.height()), 150)
        return QSize(high * 4 // 3, high)

    def _keep_question_in_view(self) -> None:
        """Asking: the column scrolled just enough for the question, its answers and the
        verdict to be in view, the step's words above them as far as they fit (the rest a
        drag away); the question's top never above the view."""
        if self._asking:
            bar = self.words_area.verticalScrollBar()
            below = self.check_box.geometry().bottom() + 1 - self.words_area.viewport().height()
            bar.setValue(min(self.check_box.y(), max(0, below), bar.maximum()))

    def _check_answer(self, choice: int) -> None:
        assert self._tutorial is not None
        check = self._tutorial.steps[self._step].check
        if check is None:
            return
        right = choice == check.answer
        self.check_feedback.setText(
            "✔ " + self.tr("Right!")
            if right
            else "✖ "
            + self.tr("Not quite. The right answer is: %1").replace(
                "%1", check.choices_in(self._lang)[check.answer]
            )
        )
        set_verdict(self.check_feedback, right)
        self._check_answered = True
        self.next_button.setEnabled(True)

    def go(self, delta: int) -> None:
        if self._tutorial is None or self.pages.currentIndex() != 0:
            return
        step = self._tutorial.steps[self._step]
        if delta > 0 and step.check is not None and not self._asking and not self._check_answered:
            self._show_check(asking=True)
            return
        if delta < 0 and self._asking:
            self._show_check(asking=False)  # back to the step's words
            return
        target = self._step + delta
        if target < 0:
            return
        if target >= len(self._tutorial.steps):
            self.start_quiz()
        else:
            self.show_step(target)

    def _swiped(self, delta: int) -> None:
        self.go(delta)

    def explain(self, term: str) -> None:
        assert self._library is not None
        entry = self._library.glossary.get(term)
        if entry is None:
            return
        self.glossary_text.setText(
            f"<b>{html.escape(entry.word.get(self._lang))}</b><br>"
            f"{html.escape(entry.definition.get(self._lang))}"
        )
        self.glossary_image.setPixmap(picture(entry.image, QSize(200, 150)))
        self.glossary_panel.setGeometry(40, self.height() - 320, self.width() - 80, 280)
        self.glossary_panel.raise_()
        self.glossary_panel.show()

    # --- the quiz -------------------------------------------------------------------------

    def start_quiz(self) -> None:
        assert self._tutorial is not None
        self._speaker.stop()
        self.glossary_panel.hide()
        self._result = None
        self.pages.setCurrentIndex(1)
        self.quiz.start(self._tutorial, self._lang)

    def _quiz_finished(self, answers: list[int]) -> None:
        if self._tutorial is not None:
            self.quiz_finished.emit(self._tutorial.id, answers)

    def show_result(self, result: QuizResult, recorded_for: str | None) -> None:
        """After the quiz: passed or not, and whether it was recorded (for whom)."""
        self._result = result
        self.pages.setCurrentIndex(2)
        self.result_icon.setText("✔" if result.passed else "↻")
        score = (
            self.tr("%1 right answers out of %2.")
            .replace("%1", str(result.right))
            .replace("%2", str(result.total))
        )
        if result.passed:
            self.result_title.setText(self.tr("Well done, you passed!"))
            if recorded_for:
                more = self.tr(
                    "It is recorded for %1. A staff member will show you the "
                    "machine before your first use."
                ).replace("%1", recorded_for)
            else:
                more = self.tr(
                    "To have it recorded, show your badge to the camera now, or tap “Type my code”."
                )
        else:
            self.result_title.setText(self.tr("Almost there"))
            more = self.tr("You need %1 % to pass. Read the steps again and retry.").replace(
                "%1", str(self._tutorial.pass_mark if self._tutorial else 80)
            )
        self.result_text.setText(f"{score} {more}")
        self.retry_button.setVisible(not result.passed)
        self.review_button.setVisible(not result.passed)
        self.type_code_button.setVisible(result.passed and not recorded_for)

    def retranslate(self) -> None:
        self.quit_button.setText(self.tr("Stop"))
        self.type_code_button.setText(self.tr("Type my code"))
        self.back_button.setText("◀ " + self.tr("Back"))
        self.retry_button.setText(self.tr("Try the quiz again"))
        self.review_button.setText(self.tr("Read the steps again"))
        self.done_button.setText(self.tr("Finish"))
        self.glossary_ok.setText(self.tr("OK"))
        if self._tutorial is not None and self.pages.currentIndex() == 0:
            self.show_step(self._step)

    def reset(self) -> None:
        self._speaker.stop()
        self._tutorial, self._library, self._result = None, None, None
        self.glossary_panel.hide()
        self.notice.hide()
