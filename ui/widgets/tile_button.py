"""A big button with its picture above (or beside) its words, the words wrapped on two
lines when they must: four ways in side by side on a 1024x600 screen, three machines a
row, none of them cut. A checked or disabled tile says so to its words too (the style
sheet cannot reach a child from its parent's :checked)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.pictograms import pictogram_path, pictogram_pixmap
from ui.widgets.touch import min_target


class TileButton(QPushButton):
    def __init__(
        self,
        role: str,
        pictogram: str,
        *,
        beside: bool = False,
        height_factor: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal the typed field
        side = round(min_target() * height_factor)
        self.setMinimumSize(side, side)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._path = pictogram_path(pictogram)
        self._smallest = round(side * 0.6)
        self._show_picture(self._smallest)
        self.words = QLabel()
        self.words.setObjectName("tilewords")
        self.words.setWordWrap(True)
        self.words.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            if beside
            else Qt.AlignmentFlag.AlignCenter
        )
        for child in (self.picture, self.words):  # the button takes the tap, not its parts
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        box: QBoxLayout = QHBoxLayout(self) if beside else QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.setSpacing(10 if beside else 4)
        box.addWidget(self.picture)
        box.addWidget(self.words, 1)
        self._box = box
        self.toggled.connect(self._show_state)

    def _show_picture(self, side: int) -> None:
        if self._path is not None and side != self.picture.property("side"):
            self.picture.setProperty("side", side)
            self.picture.setPixmap(pictogram_pixmap(self._path, QSize(side, side)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a tile given more room than its minimum shows a bigger picture (up to 2x)
        room = event.size()
        words = self.words.sizeHint().height()
        if isinstance(self.layout(), QHBoxLayout):
            fits = room.height() - 16
        else:
            fits = min(room.height() - words - 28, room.width() // 2)
        self._show_picture(max(self._smallest, min(2 * self._smallest, fits)))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.EnabledChange:
            self._show_state()
        super().changeEvent(event)

    def _show_state(self) -> None:
        state = "off" if not self.isEnabled() else ("on" if self.isChecked() else "")
        if self.words.property("state") != state:
            self.words.setProperty("state", state)
            self.words.style().unpolish(self.words)
            self.words.style().polish(self.words)

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.words.text()

    def hasPicture(self) -> bool:
        pixmap = self.picture.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def sizeHint(self) -> QSize:
        return self._box.sizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        return self._box.minimumSize().expandedTo(self.minimumSize())
