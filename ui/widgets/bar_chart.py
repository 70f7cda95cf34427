"""A bar chart painted to be read from a metre away: big type, dark bars on white, the
value written on each bar, labels that wrap or shrink (never to "…"), numbers with the
language's thousands separator. The staff reports draw every chart with it.

Painted here rather than with QtCharts: QtCharts cut every label of an axis to "…" as
soon as the longest one did not fit ("non renseigné" emptied the ages axis at 1280x800),
cut titles the same way, and wrote 1766 where a French reader expects 1 766.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.touch import label

INK = QColor("#111111")
GRID = QColor("#c8c8c8")
THIS_YEAR = QColor("#0b3d91")  # the kiosk's blue: 10:1 on white
LAST_YEAR = QColor("#8a8a8a")  # grey, lighter than this year's bars: 3.5:1 on white
SECOND = QColor("#c45500")  # orange beside blue: apart for colour-blind eyes as well
NNBSP = "\u202f"
SMALLEST_PX = 12  # labels shrink to fit their place down to this, never to "…"


def fill(text: str, *values: object) -> str:
    """Qt's %1, %2 … in one pass (a value holding "%2" is not filled in again)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m[1]) - 1]), text)


def number(n: int) -> str:
    """With the language's thousands separator: 1 766 in French, 1,766 in English."""
    return QLocale().toString(int(n))


def month_name(month: int) -> str:
    return QLocale().monthName(month, QLocale.FormatType.ShortFormat)


def nice_step(highest: float, lines: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) for about *lines* grid lines up to *highest*."""
    raw = max(1.0, highest / lines)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


@dataclass(frozen=True)
class Bars:
    """One row of bars: its name in the legend, a value per category, its colour, and
    whether its values are written on the bars."""

    name: str
    values: Sequence[int]
    colour: QColor
    labelled: bool = True


class BarChart(QWidget):
    """A bar chart under its title; ``show_bars`` replaces what it shows. Sizes follow
    the widget's own font (the style sheet's size for this screen). Horizontal: a row
    per category, its name on the left (on two lines when it must), the number after
    the bar. Vertical: a group of bars per category, names under them."""

    def __init__(self, *, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("charttitle")
        self.canvas = BarCanvas(horizontal)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.canvas, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_bars(self, title: str, categories: Sequence[str], bars: Sequence[Bars]) -> None:
        self.title.setText(title)
        self.canvas.show_bars(list(categories), list(bars))

    def categories(self) -> list[str]:
        """The names of the categories, as drawn."""
        return list(self.canvas.names)

    def values(self) -> list[list[int]]:
        """Each row's values, as drawn."""
        return [list(row.values) for row in self.canvas.bars]

    def texts(self) -> list[str]:
        """Every text drawn in the chart (names, numbers, legend) at its last paint."""
        return [text for text, _ in self.canvas.drawn]

    def cut_texts(self) -> list[str]:
        """The texts of the last paint that did not fit in the chart: none, ever."""
        inside = QRectF(self.canvas.rect()).adjusted(-0.5, -0.5, 0.5, 0.5)
        return [text for text, needed in self.canvas.drawn if not inside.contains(needed)]


class BarCanvas(QWidget):
    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.names: list[str] = []
        self.bars: list[Bars] = []
        self.drawn: list[tuple[str, QRectF]] = []  # each text and the room it took
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(300, 200)

    def show_bars(self, names: list[str], bars: list[Bars]) -> None:
        self.names, self.bars = names, bars
        self.update()

    # --- drawing ------------------------------------------------------------------------

    def _font(self, scale: float = 0.85, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(SMALLEST_PX, round(QFontInfo(self.font()).pixelSize() * scale)))
        font.setBold(bold)
        return font

    def _fitting(self, font: QFont, texts: Sequence[str], width: float) -> QFont:
        """*font*, made smaller until the widest of *texts* fits in *width*."""
        font = QFont(font)
        while font.pixelSize() > SMALLEST_PX:
            widest = max((QFontMetricsF(font).horizontalAdvance(t) for t in texts), default=0)
            if widest <= width:
                break
            font.setPixelSize(font.pixelSize() - 1)
        return font

    def _text(self, painter: QPainter, rect: QRectF, flags: int, text: str) -> None:
        painter.drawText(rect, flags, text)
        self.drawn.append((text, painter.boundingRect(rect, flags, text)))

    def paintEvent(self, event: QPaintEvent) -> None:
        self.drawn = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        area = QRectF(self.rect()).adjusted(4, 4, -8, -4)
        if len(self.bars) > 1:
            area.setTop(self._legend(painter, area) + 6)
        if self.names and self.bars:
            if self.horizontal:
                self._paint_rows(painter, area)
            else:
                self._paint_columns(painter, area)
        painter.end()

    def _legend(self, painter: QPainter, area: QRectF) -> float:
        font = self._font(bold=True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        box = metrics.height() * 0.8
        widths = [box + 8 + metrics.horizontalAdvance(row.name) + 24 for row in self.bars]
        x = area.center().x() - sum(widths) / 2
        for row, width in zip(self.bars, widths, strict=True):
            painter.fillRect(QRectF(x, area.top() + metrics.height() * 0.1, box, box), row.colour)
            painter.setPen(INK)
            text_rect = QRectF(x + box + 8, area.top(), width - box - 8, metrics.height())
            self._text(painter, text_rect, Qt.AlignmentFlag.AlignLeft, row.name)
            x += width
        return area.top() + metrics.height()

    def _paint_rows(self, painter: QPainter, area: QRectF) -> None:
        """Horizontal bars, the first category at the bottom (as the panel orders them)."""
        count = len(self.names)
        band = area.height() / count
        names_font = self._font()
        metrics = QFontMetricsF(names_font)
        # a name takes up to 40 % of the width, wrapped on two lines when it must
        widest = max(metrics.horizontalAdvance(n) for n in self.names)
        name_width = min(widest, area.width() * 0.4)
        if any(metrics.horizontalAdvance(w) > name_width for n in self.names for w in n.split()):
            names_font = self._fitting(
                names_font, [w for n in self.names for w in n.split()], name_width
            )
        value_font = self._font(bold=True)
        highest = max((v for row in self.bars for v in row.values), default=0) or 1
        value_room = QFontMetricsF(value_font).horizontalAdvance(number(highest)) + 10
        left = area.left() + name_width + 10
        room = max(10.0, area.right() - left - value_room)
        painter.setPen(QPen(GRID, 1))
        for tick in range(nice_step(highest), highest + 1, nice_step(highest)):
            x = left + room * tick / highest
            painter.drawLine(
                QPointF(x, area.top()),
                QPointF(x, area.bottom()),
            )
        thickness = band * 0.7 / len(self.bars)
        for i, name in enumerate(self.names):
            top = area.bottom() - band * (i + 1)
            painter.setFont(names_font)
            painter.setPen(INK)
            flags = int(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            )
            self._text(painter, QRectF(area.left(), top, name_width, band), flags, name)
            for j, row in enumerate(self.bars):
                value = row.values[i] if i < len(row.values) else 0
                y = top + band * 0.15 + thickness * j
                length = room * value / highest
                painter.fillRect(QRectF(left, y, length, thickness), row.colour)
                if row.labelled:
                    painter.setFont(value_font)
                    painter.setPen(INK)
                    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                    self._text(
                        painter,
                        QRectF(left + length + 6, y, value_room, thickness),
                        flags,
                        number(value),
                    )
        painter.setPen(QPen(INK, 2))
        painter.drawLine(QPointF(left, area.top()), QPointF(left, area.bottom()))

    def _paint_columns(self, painter: QPainter, area: QRectF) -> None:
        """Vertical bars, a group per category; a scale on the left when a row has no
        numbers of its own (last year's, beside this year's)."""
        count = len(self.names)
        highest = max((v for row in self.bars for v in row.values), default=0) or 1
        step = nice_step(highest)
        scale_font = self._font(0.75)
        scaled = not all(row.labelled for row in self.bars)
        ticks = list(range(0, highest + step, step))
        top_value = ticks[-1] if scaled else highest
        scale_width = 0.0
        if scaled:
            scale_width = (
                max(QFontMetricsF(scale_font).horizontalAdvance(number(t)) for t in ticks) + 8
            )
        left = area.left() + scale_width
        band = (area.right() - left) / count
        names_font = self._fitting(self._font(), self.names, band - 4)
        value_font = self._fitting(
            self._font(0.8, bold=True),
            [number(v) for row in self.bars if row.labelled for v in row.values],
            band * 0.95,
        )
        names_height = QFontMetricsF(names_font).height() + 4
        value_height = QFontMetricsF(value_font).height()
        bottom = area.bottom() - names_height
        height = max(10.0, bottom - area.top() - value_height)
        if scaled:
            painter.setFont(scale_font)
            for tick in ticks:
                y = bottom - height * tick / top_value
                painter.setPen(QPen(GRID, 1))
                painter.drawLine(QPointF(left, y), QPointF(area.right(), y))
                painter.setPen(INK)
                flags = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._text(
                    painter, QRectF(area.left(), y - 12, scale_width - 6, 24), flags, number(tick)
                )
        width = band * 0.8 / len(self.bars)
        for i, name in enumerate(self.names):
            x0 = left + band * i + band * 0.1
            for j, row in enumerate(self.bars):
                value = row.values[i] if i < len(row.values) else 0
                bar_height = height * value / top_value
                x = x0 + width * j
                painter.fillRect(QRectF(x, bottom - bar_height, width, bar_height), row.colour)
                if row.labelled:
                    painter.setFont(value_font)
                    painter.setPen(INK)
                    centre = x + width / 2
                    rect = QRectF(
                        centre - band / 2, bottom - bar_height - value_height, band, value_height
                    )
                    self._text(painter, rect, int(Qt.AlignmentFlag.AlignCenter), number(value))
            painter.setFont(names_font)
            painter.setPen(INK)
            rect = QRectF(left + band * i, bottom + 4, band, names_height)
            self._text(
                painter, rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), name
            )
        painter.setPen(QPen(INK, 2))
        painter.drawLine(QPointF(left, bottom), QPointF(area.right(), bottom))
