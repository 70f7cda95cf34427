"""Pictures for the tutorials, and the sideways swipe that turns their pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

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
