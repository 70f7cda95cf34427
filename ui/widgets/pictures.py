"""Pictures for the tutorials, and the sideways swipe that turns their pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

SWIPE_PX = 120


def picture(path: Path | None, size: QSize) -> QPixmap:
    """An SVG or PNG drawn to fit *size* (SVG stays sharp at any size)."""
    if path is None or not path.exists():
        return QPixmap()
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        view = renderer.defaultSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(view, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, view.width(), view.height()))
        painter.end()
        return QPixmap.fromImage(image)
    return QPixmap(str(path)).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class FittedPicture(QWidget):
    """A picture drawn as large as its place allows, its shape kept, centred: it grows
    on a big screen and shrinks (down to its minimum) where room is short, instead of
    pushing what is below it off the screen as a fixed-size pixmap would."""

    def __init__(self, hint: QSize, smallest: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._hint = hint
        self._drawn = QPixmap()
        self.setMinimumSize(smallest)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path, self._drawn = path, QPixmap()
            self.update()

    def path(self) -> Path | None:
        return self._path

    def sizeHint(self) -> QSize:
        return self._hint

    def drawn_size(self) -> QSize:
        """The size the picture is drawn at now (its shape kept within this widget)."""
        if self._path is None:
            return QSize()
        if self._drawn.isNull() or not self._fits(self._drawn.size()):
            self._drawn = picture(self._path, self.size())
        return self._drawn.size()

    def _fits(self, drawn: QSize) -> bool:
        """The picture drawn earlier still touches two sides of this widget, within it."""
        room = self.size()
        inside = drawn.width() <= room.width() and drawn.height() <= room.height()
        return inside and (drawn.width() >= room.width() - 1 or drawn.height() >= room.height() - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.drawn_size().isEmpty():
            return
        painter = QPainter(self)
        x = (self.width() - self._drawn.width()) // 2
        y = (self.height() - self._drawn.height()) // 2
        painter.drawPixmap(x, y, self._drawn)
        painter.end()


class SwipeWatcher(QObject):
    """A finger dragged sideways across the screen: left = next, right = back."""

    swiped = Signal(int)  # +1 next, -1 back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start: QPointF | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress:
                self._start = event.globalPosition()
            elif event.type() == QEvent.Type.MouseButtonRelease and self._start is not None:
                delta = event.globalPosition() - self._start
                self._start = None
                if abs(delta.x()) > SWIPE_PX and abs(delta.x()) > 2 * abs(delta.y()):
                    self.swiped.emit(1 if delta.x() < 0 else -1)
        return False
