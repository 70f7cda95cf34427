"""The strip under the welcome screen: each space, open or closed, and until when."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.hours import HoursState
from ui.widgets.touch import LEFT, big_button, label

# A shape as well as a colour, so the state never rests on colour alone.
MARKS = {HoursState.OPEN: "●", HoursState.CLOSED: "■", HoursState.UNKNOWN: "?"}


@dataclass(frozen=True)
class SpaceLine:
    name: str
    state: HoursState
    text: str  # "Ouvert — ferme à 20:00"
    comment: str = ""


class HoursPanel(QFrame):
    today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourspanel")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(30, 6, 30, 12)
        self._row.setSpacing(20)
        self._cards: list[QFrame] = []
        self.status_labels: list[QLabel] = []
        self.today_button = big_button("secondary")
        self.today_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.today_button.clicked.connect(self.today_requested)
        self._row.addWidget(self.today_button)

    def show_spaces(self, lines: list[SpaceLine]) -> None:
        for card in self._cards:
            self._row.removeWidget(card)
            card.setParent(None)  # gone now, not next turn
            card.deleteLater()
        self._cards, self.status_labels = [], []
        for i, line in enumerate(lines):
            card = QFrame()
            card.setObjectName("spacecard")
            card.setProperty("state", line.state.value)
            column = QVBoxLayout(card)
            column.setContentsMargins(16, 8, 16, 8)
            column.setSpacing(2)
            name = label("cardtitle", align=LEFT)
            name.setText(line.name)
            status = label("cardstatus", align=LEFT)
            status.setText(f"{MARKS[line.state]} {line.text}")
            column.addWidget(name)
            column.addWidget(status)
            if line.comment:
                comment = label("cardcomment", align=LEFT)
                comment.setText(line.comment)
                column.addWidget(comment)
            self._row.insertWidget(i, card, 1)
            self._cards.append(card)
            self.status_labels.append(status)
        self.setVisible(bool(lines))
