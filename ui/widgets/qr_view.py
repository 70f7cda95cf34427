"""A QR code drawn as vector squares: sharp at any size, on screen, on paper and in PDF."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.badges import qr_modules


def paint_qr(painter: QPainter, rect: QRectF, modules: list[list[bool]]) -> None:
    """Paint *modules* (quiet zone included) into the largest square inside *rect*."""
    n = len(modules)
    side = min(rect.width(), rect.height())
    cell = side / n
    left = rect.left() + (rect.width() - side) / 2
    top = rect.top() + (rect.height() - side) / 2
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(QRectF(left, top, side, side), QColor("white"))
    painter.setBrush(QColor("black"))
    for row, line in enumerate(modules):
        for col, dark in enumerate(line):
            if dark:
                # a hair of overlap so no seam shows between neighbouring squares
                painter.drawRect(
                    QRectF(left + col * cell, top + row * cell, cell + 0.3, cell + 0.3)
                )
    painter.restore()


class QrView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modules: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_token(self, token: str | None) -> None:
        self._modules = qr_modules(token) if token else []
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._modules:
            return
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self._modules)
        painter.end()
