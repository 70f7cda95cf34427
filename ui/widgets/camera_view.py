"""The live camera picture with a square to aim the badge at."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)

    def show_frame(self, image: QImage) -> None:
        self._image = image
        self._message = ""
        self.update()

    def show_message(self, text: str) -> None:
        """Instead of a picture: why there is none (no camera) and what to do."""
        self._image = None
        self._message = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#111111"))
        area = QRectF(self.rect())
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(
                (self.width() - size.width()) / 2,
                (self.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            # mirrored, like a mirror: people move the badge the way they expect
            painter.drawImage(target, _mirrored(self._image))
            area = target
        elif self._message:
            painter.setPen(QColor("white"))
            font = painter.font()
            font.setPixelSize(30)
            painter.setFont(font)
            painter.drawText(
                self.rect().adjusted(30, 30, -30, -30),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
            painter.end()
            return
        side = min(area.width(), area.height()) * 0.6
        aim = QRectF(area.center().x() - side / 2, area.center().y() - side / 2, side, side)
        pen = QPen(QColor("#ffd54f"), 10)
        painter.setPen(pen)
        corner = side / 4
        for x, y, dx, dy in (
            (aim.left(), aim.top(), 1, 1),
            (aim.right(), aim.top(), -1, 1),
            (aim.left(), aim.bottom(), 1, -1),
            (aim.right(), aim.bottom(), -1, -1),
        ):
            painter.drawLine(int(x), int(y), int(x + dx * corner), int(y))
            painter.drawLine(int(x), int(y), int(x), int(y + dy * corner))
        painter.end()


def _mirrored(image: QImage) -> QImage:
    """Left and right swapped: ``flipped`` since Qt 6.9 (``mirrored`` is deprecated)."""
    if hasattr(image, "flipped"):
        return image.flipped(Qt.Orientation.Horizontal)
    return image.mirrored(True, False)
