"""The yearly report's figures for staff at the kiosk: a tile per headline number (with
last year's) and a bar chart per question a funder asks, drawn to be read from a metre
away: big type, dark bars on white, values written on the bars, no animation.

Both take the report's JSON object (kiosk.reports.yearly.build_report) and ask for nothing
else; the panel shows them again after a language switch.

The charts are painted here rather than with QtCharts: QtCharts cut every label of an
axis to "…" as soon as the longest one did not fit ("non renseigné" emptied the ages
axis at 1280x800), cut titles the same way, and writes numbers without the thousands
separator a French reader expects (1766, not 1 766). It also cost 20 MB.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.models import AGE_BRACKETS
from kiosk.reports.yearly import YearlyReport
from ui.texts import purpose_label
from ui.widgets.touch import LEFT, label

INK = QColor("#111111")
GRID = QColor("#c8c8c8")
THIS_YEAR = QColor("#0b3d91")  # the kiosk's blue: 10:1 on white
LAST_YEAR = QColor("#8a8a8a")  # grey, lighter than this year's bars: 3.5:1 on white
SECOND = QColor("#c45500")  # orange beside blue: apart for colour-blind eyes as well
NNBSP = "\u202f"
TILES = ("visits", "unique_visitors", "new_members", "guests")
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


class ReportCharts(QStackedWidget):
    """A page per chart: months (this year against last), spaces and purposes, ages,
    weekdays, hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months_chart = BarChart()
        self.spaces_chart = BarChart(horizontal=True)
        self.purposes_chart = BarChart(horizontal=True)
        # a year's visits are tens of times its different people: one scale for both
        # would flatten the people to nothing, so two charts side by side
        self.ages_chart = BarChart(horizontal=True)
        self.people_chart = BarChart(horizontal=True)
        self.weekdays_chart = BarChart()
        self.hours_chart = BarChart()
        self.ages_note = label("reportnote", align=LEFT)
        ages_page = QWidget()
        ages_row = QHBoxLayout()
        ages_row.addWidget(self.ages_chart)
        ages_row.addWidget(self.people_chart)
        ages = QVBoxLayout(ages_page)
        ages.setContentsMargins(0, 0, 0, 0)
        ages.addLayout(ages_row, 1)
        ages.addWidget(self.ages_note)
        spaces_page = QWidget()
        spaces = QHBoxLayout(spaces_page)
        spaces.setContentsMargins(0, 0, 0, 0)
        spaces.addWidget(self.spaces_chart)
        spaces.addWidget(self.purposes_chart)
        for page in (
            self.months_chart,
            spaces_page,
            ages_page,
            self.weekdays_chart,
            self.hours_chart,
        ):
            self.addWidget(page)

    def show_report(
        self, year: int, report: YearlyReport | None, space_names: dict[str, str]
    ) -> None:
        """*report* None: counting is under way (titles, no bars). *space_names*: space
        id -> its name in the language shown."""

        def bars(*rows: Bars) -> list[Bars]:
            return list(rows) if report is not None else []

        self.months_chart.show_bars(
            fill(self.tr("Visits by month, %1 and %2"), year, year - 1),
            [month_name(m) for m in range(1, 13)],
            bars(
                Bars(str(year), report.by_month if report else [], THIS_YEAR),
                Bars(
                    str(year - 1),
                    report.previous_year.by_month if report else [],
                    LAST_YEAR,
                    labelled=False,
                ),
            ),
        )

        by_space = report.by_space if report else {}
        others = sorted(k for k in by_space if k not in space_names and k != "unknown")
        keys = list(space_names) + others + (["unknown"] if by_space.get("unknown") else [])
        keys.reverse()  # horizontal bars are drawn from the bottom up
        shown = {**space_names, "unknown": self.tr("not given")}
        self.spaces_chart.show_bars(
            fill(self.tr("Visits by space, %1"), year),
            [shown.get(k, k) for k in keys],
            bars(Bars(str(year), [by_space.get(k, 0) for k in keys], THIS_YEAR)),
        )

        by_purpose = report.by_purpose if report else {}
        purposes = sorted((k for k in by_purpose if k != "unknown"), key=by_purpose.__getitem__)
        if by_purpose.get("unknown"):
            purposes.insert(0, "unknown")  # at the bottom
        self.purposes_chart.show_bars(
            fill(self.tr("Visits by purpose, %1"), year),
            [self.tr("not given") if k == "unknown" else purpose_label(k) for k in purposes],
            bars(Bars(str(year), [by_purpose[k] for k in purposes], SECOND)),
        )

        brackets = [*AGE_BRACKETS, "unknown"][::-1]  # from the bottom up
        ages = [self.tr("not given") if b == "unknown" else b.replace("-", "–") for b in brackets]
        visits = report.by_age_bracket if report else {}
        people = report.unique_by_age_bracket if report else {}
        self.ages_chart.show_bars(
            fill(self.tr("Visits by age, %1"), year),
            ages,
            bars(Bars(str(year), [visits.get(b, 0) for b in brackets], THIS_YEAR)),
        )
        self.people_chart.show_bars(
            fill(self.tr("Different people by age, %1"), year),
            ages,
            bars(Bars(str(year), [people.get(b, 0) for b in brackets], SECOND)),
        )
        self.ages_note.setText(
            self.tr(
                "Guests give no age: their visits are under “not given”. "
                "Different people counts members only."
            )
        )

        days = [QLocale().dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]
        self.weekdays_chart.show_bars(
            fill(self.tr("Visits by day of the week, %1"), year),
            days,
            bars(Bars(str(year), report.by_weekday if report else [], THIS_YEAR)),
        )

        by_hour = report.by_hour if report else [0] * 24
        busy = [h for h, n in enumerate(by_hour) if n]
        first, last = (busy[0], busy[-1]) if busy else (8, 20)  # the hours anyone came
        hours = list(range(first, last + 1))
        self.hours_chart.show_bars(
            fill(self.tr("Visits by hour of arrival, %1"), year),
            [f"{h:02d}:00" for h in hours],
            bars(Bars(str(year), [by_hour[h] for h in hours], THIS_YEAR)),
        )


class NumberTile(QFrame):
    """One headline figure: what it counts, the number, how it compares."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reporttile")
        self.title = label("tiletitle", align=LEFT)
        self.number = label("tilenumber", wrap=False, align=LEFT)
        self.compare = label("tilecompare", align=LEFT)
        self.number.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(0)
        layout.addWidget(self.title, 0, 0, 1, 2)
        layout.addWidget(self.number, 1, 0)
        layout.addWidget(self.compare, 1, 1)
        layout.setColumnStretch(1, 1)

    def show_figure(self, title: str, figure: str, compare: str) -> None:
        self.title.setText(title)
        self.number.setText(figure)
        self.compare.setText(compare)
        self.compare.setVisible(bool(compare))


class ReportTiles(QWidget):
    """Visits, different people, new members and guests, each against last year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles = {key: NumberTile() for key in TILES}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        for tile in self.tiles.values():
            column.addWidget(tile)
        column.addStretch(1)

    def show_report(self, report: YearlyReport | None, today: date) -> None:
        """*report* None: counting is under way."""
        titles = {
            "visits": self.tr("Visits (people)"),
            "unique_visitors": self.tr("Different people"),
            "new_members": self.tr("New members"),
            "guests": self.tr("Guests"),
        }
        if report is not None and report.guest_groups:
            titles["guests"] = self.tr("Guests (%n group(s))", "", report.guest_groups)
        for key, tile in self.tiles.items():
            if report is None:
                tile.show_figure(titles[key], "…", "")
            else:
                tile.show_figure(
                    titles[key], number(report.total(key)), self._compare(report, key, today)
                )

    def _change(self, now: int, before: int) -> str:
        percent = round((now - before) * 100 / before)
        sign = "+" if percent > 0 else ("−" if percent < 0 else "")
        return f"{sign}{number(abs(percent))}{NNBSP}%"

    def _compare(self, report: YearlyReport, key: str, today: date) -> str:
        previous = report.previous_year
        now, before, last_year = report.total(key), previous.total(key), previous.year
        if report.year < today.year:
            if before == 0:
                return fill(self.tr("%1 in %2"), number(0), last_year)
            return fill(
                self.tr("%1 vs %2 (%3)"), self._change(now, before), last_year, number(before)
            )
        # the year is not over: set against a whole last year, any year would look down
        lines = [fill(self.tr("%1 in all of %2"), number(before), last_year)]
        done = today.month - 1  # the months of this year that are over
        if key == "visits" and done:
            this_part = sum(report.by_month[:done])
            last_part = sum(previous.by_month[:done])
            if last_part:
                months = month_name(1) + ("" if done == 1 else "–" + month_name(done))
                change = self._change(this_part, last_part)
                lines.append(fill(self.tr("%1: %2 vs %3"), months, change, last_year))
        return "\n".join(lines)
