"""A big button with its picture above its words, the words wrapped on two lines when
they must: four ways in side by side on a 1024x600 screen, none of them cut."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.pictograms import pictogram_path, pictogram_pixmap
from ui.widgets.touch import min_target


class TileButton(QPushButton):
    def __init__(self, role: str, pictogram: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal the typed field
        side = min_target()
        self.setMinimumSize(side, side)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        path = pictogram_path(pictogram)
        if path is not None:
            icon = round(side * 0.6)
            self.picture.setPixmap(pictogram_pixmap(path, QSize(icon, icon)))
        self.words = QLabel()
        self.words.setObjectName("tilewords")
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self.picture, self.words):  # the button takes the tap, not its parts
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(4)
        column.addWidget(self.picture)
        column.addWidget(self.words, 1)

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.words.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:  # type: ignore[override]
        return self.words.text()

    def hasPicture(self) -> bool:
        pixmap = self.picture.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize().expandedTo(self.minimumSize())
