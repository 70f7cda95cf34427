"""A member of another place of the network at the door: welcomed as such, then one
choice: just come in (their visit recorded here), or register here (the usual
registration). Nothing is recorded until they choose (kiosk.network)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.widgets.tile_button import TileButton
from ui.widgets.touch import Screen, big_button, label


class NetworkVisitorScreen(Screen):
    come_in = Signal()  # "just come in"
    register_requested = Signal()  # "register here"
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._place = ""
        self.title = label("title")
        self.subtitle = label("subtitle")
        self.question = label("subtitle")
        self.come_in_button = TileButton("primary", "guest", height_factor=1.6)
        self.register_button = TileButton("secondary", "first-visit", height_factor=1.6)
        self.come_in_button.clicked.connect(self.come_in)
        self.register_button.clicked.connect(self.register_requested)
        choices = QHBoxLayout()
        choices.setSpacing(30)
        choices.addWidget(self.come_in_button)
        choices.addWidget(self.register_button)
        self.back_button = big_button("secondary")
        self.back_button.setMinimumWidth(self.back_button.minimumHeight() * 4)
        self.back_button.clicked.connect(self.cancelled)

        layout = QVBoxLayout(self)
        self._layout = layout
        self._compact = False
        self._set_compact(False)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.question)
        layout.addLayout(choices, 1)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def _set_compact(self, compact: bool) -> None:
        """A short screen (1024x600): less air, the same words and buttons."""
        self._compact = compact
        if compact:
            self._layout.setContentsMargins(40, 12, 40, 12)
            self._layout.setSpacing(8)
        else:
            self._layout.setContentsMargins(80, 40, 80, 40)
            self._layout.setSpacing(24)

    def resizeEvent(self, event: QResizeEvent) -> None:
        compact = event.size().height() < 700
        if compact != self._compact:
            self._set_compact(compact)
        super().resizeEvent(event)

    def ask(self, place_name: str) -> None:
        """Welcome a member of *place_name*; the choice is theirs."""
        self._place = place_name
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome!"))
        self.subtitle.setText(
            self.tr("You are a member of %1.").replace("%1", self._place) if self._place else ""
        )
        self.question.setText(self.tr("Your badge works here too. What would you like?"))
        self.come_in_button.setText(self.tr("Just come in"))
        self.register_button.setText(self.tr("Register here"))
        self.back_button.setText(self.tr("Back"))

    def reset(self) -> None:
        self._place = ""
        self.retranslate()
