"""Learn: the safety tutorials, the beginners' course first, and who is following them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.tutorials.library import Library
from ui.widgets.touch import Screen, big_button, clear_layout, kinetic_scroll, label


class TutorialListScreen(Screen):
    tutorial_chosen = Signal(str)
    forget_trainee = Signal()
    back_requested = Signal()
    code_requested = Signal()  # no badge at hand: type the code printed under it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library: Library | None = None
        self._lang = "fr"
        self._trainee: str | None = None
        self._done: set[str] = set()
        self.title = label("title")
        self.back_button = big_button("secondary")
        self.back_button.clicked.connect(self.back_requested)
        self.who = label("banner")
        self.forget_button = big_button("secondary")
        self.forget_button.clicked.connect(self.forget_trainee)
        self.code_button = big_button("secondary")
        self.code_button.clicked.connect(self.code_requested)
        self.notice = label("notice")
        self.notice.hide()
        self.list = QVBoxLayout()
        self.list.setSpacing(14)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(self.list)
        column.addStretch(1)
        area = kinetic_scroll(inner, buttons_inside=True)
        header = QHBoxLayout()
        header.addWidget(self.back_button, 1)
        header.addWidget(self.title, 3)
        who = QHBoxLayout()
        who.addWidget(self.who, 3)
        who.addWidget(self.forget_button, 1)
        who.addWidget(self.code_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(header)
        layout.addLayout(who)
        layout.addWidget(self.notice)
        layout.addWidget(area, 1)
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def show_library(self, library: Library) -> None:
        self._library = library
        self._render()

    def show_notice(self, text: str, *, ok: bool) -> None:
        """A badge shown here did nothing (unknown): said in words, a sign and a colour.
        A known one is greeted in the banner above, so no notice is needed for it."""
        if ok:
            self.notice.hide()
            return
        self.notice.setText("✖ " + text)
        self.notice.setProperty("ok", False)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.show()

    def set_trainee(self, first_name: str | None, done: set[str]) -> None:
        """Who scanned their badge here (None: anonymous), and the tutorials they passed."""
        self._trainee, self._done = first_name, done
        self.retranslate()

    def _render(self) -> None:
        clear_layout(self.list)
        library = self._library
        if library is None:
            return
        in_course: set[str] = set()
        for course in library.courses.values():
            heading = label("sectiontitle")
            heading.setText(course.title.get(self._lang))
            self.list.addWidget(heading)
            for number, tutorial_id in enumerate(course.tutorials, start=1):
                if tutorial_id in library.tutorials:
                    self._add(tutorial_id, f"{number}. ")
                    in_course.add(tutorial_id)
        others = [t for t in library.tutorials if t not in in_course]
        if others:
            heading = label("sectiontitle")
            heading.setText(self.tr("Other tutorials"))
            self.list.addWidget(heading)
            for tutorial_id in others:
                self._add(tutorial_id, "")

    def _add(self, tutorial_id: str, prefix: str) -> None:
        assert self._library is not None
        tutorial = self._library.tutorials[tutorial_id]
        button = big_button("choice", height_factor=1.1)
        mark = "✔ " if tutorial_id in self._done else ""
        minutes = self.tr("%1 min").replace("%1", str(tutorial.minutes))
        button.setText(f"{mark}{prefix}{tutorial.title.get(self._lang)} · {minutes}")
        button.clicked.connect(lambda _=False, t=tutorial_id: self.tutorial_chosen.emit(t))
        self.list.addWidget(button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Learn to use the workshop safely"))
        self.back_button.setText(self.tr("Back"))
        if self._trainee:
            self.who.setText(
                self.tr("Hello %1! Your progress and results are saved.").replace(
                    "%1", self._trainee
                )
            )
        else:
            self.who.setText(
                self.tr(
                    "Show your badge to the camera to save your progress. "
                    "You can also follow a tutorial without it."
                )
            )
        self.forget_button.setText(self.tr("This is not me"))
        self.forget_button.setVisible(bool(self._trainee))
        self.code_button.setText(self.tr("Type my code"))
        self.code_button.setVisible(not self._trainee)
        self._render()

    def reset(self) -> None:
        self._trainee, self._done = None, set()
        self.notice.hide()
        self.retranslate()
