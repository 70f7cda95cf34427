"""What we keep about a newcomer, said in short lines with a picture each (what, why,
how long, your rights, who is responsible), for people who read poorly; and the same
words as plain text for the read-aloud button (``text_to_read``).

The legal content a GDPR notice needs is all here: the controller (the site), the
purposes, the legal basis (consent, which the "I agree" button asks for), the retention,
the rights (see, correct, erase, withdraw, complain to the CNIL), who receives the data
(nobody else), and whom to ask (staff at the desk).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.pictograms import pictogram_path, pictogram_pixmap
from ui.widgets.touch import LEFT, Panel, label

SECTIONS = ("keep", "why", "time", "rights", "who")
PICTURE_PX = 72


class ConsentPanel(Panel):
    def __init__(self, site_name: str, retention_months: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._site_name = site_name
        self._months = retention_months
        self.headings: dict[str, QLabel] = {}
        self.lines: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(14)
        for row, section in enumerate(SECTIONS):
            picture = QLabel()
            picture.setFixedSize(PICTURE_PX, PICTURE_PX)
            path = pictogram_path(f"consent-{section}")
            if path is not None:
                picture.setPixmap(pictogram_pixmap(path, QSize(PICTURE_PX, PICTURE_PX)))
            words = QVBoxLayout()
            words.setSpacing(2)
            self.headings[section] = label("consenthead", align=LEFT)
            self.lines[section] = label("consentline", align=LEFT)
            words.addWidget(self.headings[section])
            words.addWidget(self.lines[section])
            words.addStretch(1)
            # two columns: the whole notice in view at 1280x800, no scrolling to find it
            column = 2 * (row // 3)
            grid.addWidget(picture, row % 3, column, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(words, row % 3, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.retranslate()

    def retranslate(self) -> None:
        months = str(self._months)
        texts = {
            "keep": (
                self.tr("What we keep"),
                self.tr(
                    "Your first name.\n"
                    "If you gave them: last name, email, age group, postcode.\n"
                    "The times you come and go."
                ),
            ),
            "why": (
                self.tr("Why"),
                self.tr(
                    "To know who is inside, for safety.\n"
                    "To check memberships.\n"
                    "To count visits for the people who fund us."
                ),
            ),
            "time": (
                self.tr("How long"),
                self.tr(
                    "Your visits become anonymous after %1 months.\n"
                    "Your details stay while you are a member."
                ).replace("%1", months),
            ),
            "rights": (
                self.tr("Your rights"),
                self.tr(
                    "Ask staff to see, correct or erase your data, at any time.\n"
                    "Nobody else receives your data. Your badge holds only a number.\n"
                    "You can complain to the CNIL (cnil.fr)."
                ),
            ),
            "who": (
                self.tr("Who is responsible"),
                self.tr(
                    "%1 keeps your data, with your consent (the button below).\n"
                    "To ask anything: the staff at the desk."
                ).replace("%1", self._site_name),
            ),
        }
        for section, (heading, lines) in texts.items():
            self.headings[section].setText(heading)
            self.lines[section].setText(lines)

    def text_to_read(self) -> str:
        """The whole notice as plain text, in the order shown, for the read-aloud button."""
        return "\n".join(f"{self.headings[s].text()}.\n{self.lines[s].text()}" for s in SECTIONS)
