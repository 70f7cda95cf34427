"""Read aloud, on every visitor screen: one big button in the same place (a strip on the
right edge of the window), reading what the screen shows in reading order.

People who read poorly are the ones the fab lab most wants at the door. The button reads
the visible words (titles, questions, refusals, consent text, the quiz and its answers)
from top to bottom and left to right, so a new screen is read without extra code. It is
there only where a speech engine works (``Speaker.available``): elsewhere nothing shows.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)

from ui.widgets.touch import min_target

STRIP_FACTOR = 1.25  # the strip is a little wider than the smallest touch target
_WORD = re.compile(r"\w", re.UNICODE)


def _plain(text: str) -> str:
    if "<" in text and ">" in text:  # rich text (glossary links, bold words)
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return " ".join(text.split())


def _words_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return _plain(widget.text())
    if isinstance(widget, QAbstractButton):
        text = _plain(widget.text())
        return text if len(text) > 2 else ""  # a keypad's "A", "7": helps nobody
    if isinstance(widget, QLineEdit):
        return widget.placeholderText() if not widget.text() else ""
    return ""


def _walk(widget: QWidget, screen: QWidget, out: list[str]) -> None:
    """A widget's words, then its children's in the order its layout places them."""
    if not widget.isVisibleTo(screen) and widget is not screen:
        return
    text = _words_of(widget)
    if _WORD.search(text):  # a sign alone (✔, ✖): its words follow it
        out.append(text)
    inner = widget.widget() if isinstance(widget, QScrollArea) else None
    if inner is not None:
        _walk(inner, screen, out)
        return
    layout = widget.layout()
    placed: list[QWidget] = []
    if layout is not None:
        _walk_layout(layout, screen, out, placed)
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child not in placed and not child.isWindow():  # in no layout (a button's label)
            _walk(child, screen, out)


def _walk_layout(layout: QLayout, screen: QWidget, out: list[str], placed: list[QWidget]) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        child = item.widget()
        if child is not None:
            placed.append(child)
            _walk(child, screen, out)
        else:
            inner = item.layout()
            if inner is not None:
                _walk_layout(inner, screen, out, placed)


def visible_words(screen: QWidget) -> str:
    """What a person sees on *screen*, in reading order: labels, field hints and the
    words on buttons, in the order the screen's layouts place them (a column is read
    to its end before the next one)."""
    found: list[str] = []
    _walk(screen, screen, found)
    words: list[str] = []
    for text in found:
        if text not in words:
            words.append(text)
    # a pause between pieces: a full stop where the piece has no end mark of its own
    return " ".join(w if w[-1] in ".?!:…»" else w + "." for w in words)


def speaker_icon(side: int, colour: str = "#ffffff") -> QIcon:
    """A loudspeaker with sound waves, drawn (no emoji font needed on the kiosk)."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    u = side / 24
    body = QPainterPath()
    body.moveTo(3 * u, 9 * u)
    body.lineTo(7 * u, 9 * u)
    body.lineTo(12 * u, 4 * u)
    body.lineTo(12 * u, 20 * u)
    body.lineTo(7 * u, 15 * u)
    body.lineTo(3 * u, 15 * u)
    body.closeSubpath()
    painter.fillPath(body, QColor(colour))
    pen = QPen(QColor(colour), 2 * u)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for radius in (4.5, 8.0):
        r = radius * u
        painter.drawArc(QRectF(12 * u - r, 12 * u - r, 2 * r, 2 * r), -50 * 16, 100 * 16)
    painter.end()
    return QIcon(pixmap)


class ListenButton(QToolButton):
    """The big "listen" button; the main window places it and says what to read."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("listen")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal the typed field
        side = min_target()
        # as wide as its strip allows, so "Écouter" fits in big type on a small screen
        self.setFixedSize(self.strip_width() - 8, round(side * 1.4))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIcon(speaker_icon(round(side * 0.5)))
        self.setIconSize(QSize(round(side * 0.5), round(side * 0.5)))
        self.setText(self.tr("Listen"))
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setText(self.tr("Listen"))
        super().changeEvent(event)

    @staticmethod
    def strip_width() -> int:
        return round(min_target() * STRIP_FACTOR)

    def place(self, window: QWidget) -> None:
        """In the middle of the strip on the right, a third of the way down: the same
        place on every screen, clear of the corners where screens put their buttons."""
        strip = self.strip_width()
        x = window.width() - strip + (strip - self.width()) // 2
        y = max(8, window.height() // 3 - self.height() // 2)
        self.move(x, y)
        self.raise_()
