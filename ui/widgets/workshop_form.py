"""Staff mode, workshops: the form to create or edit a workshop. Titles in French and
English, the space (one tap), the trainers, the funder label, and the course: the
tutorials it covers, tapped in the order they are taught (the number on each says its
place). A refusal is shown by the panel; what was typed stays."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.tutorials.library import Library
from kiosk.workshops.planning import NewWorkshop
from ui.widgets.touch import LEFT, Panel, big_button, kinetic_scroll, label, whole_text

COURSE_COLUMNS = 3


class WorkshopForm(Panel):
    save_requested = Signal(object)  # NewWorkshop
    cancelled = Signal()

    def __init__(
        self, settings: Settings, library: Library, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._library = library
        self._lang = lang
        self._course: list[str] = []  # tutorial ids in the order tapped
        self.heading = label("subtitle", align=LEFT)
        self.title_fr = QLineEdit()
        self.title_en = QLineEdit()
        self.trainers = QLineEdit()
        self.funder = QLineEdit()
        for field, limit in (
            (self.title_fr, 120),
            (self.title_en, 120),
            (self.trainers, 200),
            (self.funder, 120),
        ):
            field.setMaxLength(limit)
        self.captions = [label("small", align=LEFT) for _ in range(6)]
        self.space_group = QButtonGroup(self)
        self.space_buttons: dict[str, QPushButton] = {}
        spaces = QHBoxLayout()
        for space in settings.spaces:
            button = big_button("choice")
            button.setCheckable(True)
            self.space_group.addButton(button)
            self.space_buttons[space.id] = button
            spaces.addWidget(button)
        self.tutorial_buttons: dict[str, QPushButton] = {}
        course = QGridLayout()
        for i, tutorial_id in enumerate(sorted(library.tutorials)):
            button = big_button("choice")
            button.setCheckable(True)
            button.clicked.connect(lambda on, t=tutorial_id: self._tap_tutorial(t, on))
            self.tutorial_buttons[tutorial_id] = button
            course.addWidget(button, i // COURSE_COLUMNS, i % COURSE_COLUMNS)
        self.save_button = big_button()
        self.save_button.clicked.connect(self._save)
        self.cancel_button = big_button("secondary")
        self.cancel_button.clicked.connect(self.cancelled)

        inner = QWidget()
        column = QVBoxLayout(inner)
        titles = QHBoxLayout()
        for caption, field in ((0, self.title_fr), (1, self.title_en)):
            box = QVBoxLayout()
            box.addWidget(self.captions[caption])
            box.addWidget(field)
            titles.addLayout(box)
        column.addLayout(titles)
        column.addWidget(self.captions[2])
        column.addLayout(spaces)
        people = QHBoxLayout()
        for caption, field in ((3, self.trainers), (4, self.funder)):
            box = QVBoxLayout()
            box.addWidget(self.captions[caption])
            box.addWidget(field)
            people.addLayout(box)
        column.addLayout(people)
        column.addWidget(self.captions[5])
        column.addLayout(course)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 2)
        buttons.addWidget(whole_text(self.cancel_button), 1)
        buttons.addWidget(whole_text(self.save_button), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(kinetic_scroll(inner, buttons_inside=True), 1)
        self._editing = False
        self.retranslate()

    def start(self, workshop: NewWorkshop | None) -> None:
        """Empty for a new workshop (the site's default space chosen), or filled in."""
        self._editing = workshop is not None
        new = workshop or NewWorkshop("", self._settings.default_space or "")
        self.title_fr.setText(new.title_fr)
        self.title_en.setText(new.title_en if new.title_en != new.title_fr else "")
        self.trainers.setText(new.trainers)
        self.funder.setText(new.funder or "")
        space = self.space_buttons.get(new.space) or next(iter(self.space_buttons.values()), None)
        if space is not None:
            space.setChecked(True)
        self._course = [t for t in new.tutorials if t in self.tutorial_buttons]
        self._show_course()
        self.retranslate()

    def _tap_tutorial(self, tutorial_id: str, on: bool) -> None:
        if on and tutorial_id not in self._course:
            self._course.append(tutorial_id)
        elif not on and tutorial_id in self._course:
            self._course.remove(tutorial_id)
        self._show_course()

    def _show_course(self) -> None:
        for tutorial_id, button in self.tutorial_buttons.items():
            title = self._library.tutorials[tutorial_id].title.get(self._lang)
            place = self._course.index(tutorial_id) + 1 if tutorial_id in self._course else 0
            button.setChecked(bool(place))
            button.setText(f"{place}. {title}" if place else title)

    def typed(self) -> NewWorkshop:
        space = next((s for s, b in self.space_buttons.items() if b.isChecked()), "")
        return NewWorkshop(
            title_fr=self.title_fr.text(),
            space=space,
            title_en=self.title_en.text().strip() or None,
            trainers=self.trainers.text(),
            tutorials=tuple(self._course),
            funder=self.funder.text().strip() or None,
        )

    def _save(self) -> None:
        self.save_requested.emit(self.typed())

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._show_course()

    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("Edit the workshop") if self._editing else self.tr("New workshop")
        )
        for caption, text in zip(
            self.captions,
            [
                self.tr("Title (French):"),
                self.tr("Title (English, if different):"),
                self.tr("Space:"),
                self.tr("Trainer(s), comma between names:"),
                self.tr("Funder (optional, e.g. FSE+):"),
                self.tr("Course: tap the tutorials in the order they are taught"),
            ],
            strict=True,
        ):
            caption.setText(text)
        for space in self._settings.spaces:
            self.space_buttons[space.id].setText(space.name(self._lang))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
