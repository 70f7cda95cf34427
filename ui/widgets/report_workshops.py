"""The "Workshops" page of staff reports: the year's workshops and funded trainings
(kiosk.workshops.counts.WorkshopCounts, carried by the YearlyReport) as four figures
(workshops, sessions, different trainees, trainee-hours) and two tables, by funder
label and by age bracket. A year without workshops shows zeros and says so.

It scrolls (a lab with many funders), so it fits a 1024x600 screen whatever the year.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.reports.yearly import YearlyReport
from kiosk.workshops.counts import NO_FUNDER, UNKNOWN_AGE, GroupCounts
from ui.widgets.bar_chart import fill, number
from ui.widgets.report_charts import NumberTile
from ui.widgets.touch import LEFT, clear_layout, kinetic_scroll, label

FIGURES = ("workshops", "sessions", "trainees", "trainee_hours")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours_text(hours: float) -> str:
    """Hours in the language's way: "9", "2,5" in French, "1,234.75" in English."""
    places = 0 if hours == int(hours) else (1 if round(hours, 1) == hours else 2)
    return QLocale().toString(float(hours), "f", places)


class WorkshopFigures(QWidget):
    """The workshops' counts of the report shown (None: counting is under way)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("charttitle", align=LEFT)
        self.tiles = {key: NumberTile() for key in FIGURES}
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for i, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, i // 2, i % 2)
        self.empty = label("reportnote", align=LEFT)
        self.funder_title = label("tiletitle", align=LEFT)
        self.age_title = label("tiletitle", align=LEFT)
        self.by_funder = QGridLayout()
        self.by_age = QGridLayout()
        for grid in (self.by_funder, self.by_age):
            grid.setHorizontalSpacing(18)
            grid.setVerticalSpacing(2)
        tables = QHBoxLayout()
        tables.setSpacing(24)
        for heading, grid in ((self.funder_title, self.by_funder), (self.age_title, self.by_age)):
            column = QVBoxLayout()
            column.addWidget(heading)
            column.addLayout(grid)
            column.addStretch(1)
            tables.addLayout(column, 1)
        self.note = label("reportnote", align=LEFT)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(tiles)
        layout.addWidget(self.empty)
        layout.addLayout(tables)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.area = kinetic_scroll(inner, buttons_inside=False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)
        self.funder_rows: list[list[str]] = []  # what the tables show, for tests
        self.age_rows: list[list[str]] = []

    def show_report(self, year: int, report: YearlyReport | None) -> None:
        counts = report.workshops if report is not None else None
        self.title.setText(fill(self.tr("Workshops and trainings, %1"), year))
        titles = {
            "workshops": self.tr("Workshops"),
            "sessions": self.tr("Sessions"),
            "trainees": self.tr("Different trainees"),
            "trainee_hours": self.tr("Trainee-hours"),
        }
        for key, tile in self.tiles.items():
            if counts is None:
                tile.show_figure(titles[key], "…", "")
            elif key == "trainee_hours":
                tile.show_figure(titles[key], hours_text(counts.trainee_hours), "")
            elif key == "sessions":
                halves = self.tr("%n half-day(s)", "", counts.half_days)
                tile.show_figure(titles[key], number(counts.sessions), halves)
            else:
                tile.show_figure(titles[key], number(getattr(counts, key)), "")
        nothing = counts is not None and not counts.sessions
        self.empty.setText(fill(self.tr("No workshop session in %1."), year) if nothing else "")
        self.empty.setVisible(nothing)
        self.funder_title.setText(self.tr("By funder"))
        self.age_title.setText(self.tr("Trainees by age"))
        hours = self.tr("Hours")
        self.funder_rows = self._fill(
            self.by_funder,
            [self.tr("Funder"), self.tr("Trainees"), hours],
            counts.by_funder if counts else (),
            lambda key: self.tr("no funder") if key == NO_FUNDER else key,
        )
        self.age_rows = self._fill(
            self.by_age,
            [self.tr("Age"), self.tr("Trainees"), hours],
            counts.by_age if counts else (),
            lambda key: self.tr("not given") if key == UNKNOWN_AGE else key.replace("-", "–"),
        )
        self.note.setText(
            self.tr(
                "Trainee-hours: the hours each trainee was present, added up (half-days "
                "signed, signed at the desk or countersigned; not absences, not cancelled "
                "sessions)."
            )
        )

    def _fill(
        self,
        grid: QGridLayout,
        head: list[str],
        groups: tuple[GroupCounts, ...],
        name: Callable[[str], str],
    ) -> list[list[str]]:
        clear_layout(grid)
        rows = [head] + [
            [name(g.key), number(g.trainees), hours_text(g.trainee_hours)] for g in groups
        ]
        if not groups:
            rows.append(["—", "", ""])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell: QLabel = label("tiletitle" if r == 0 else "reportnote", align=LEFT)
                cell.setText(text)
                if c:
                    cell.setAlignment(RIGHT)
                    cell.setWordWrap(False)
                grid.addWidget(cell, r, c)
        grid.setColumnStretch(0, 1)
        return rows[1:]
