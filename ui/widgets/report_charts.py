"""The yearly report's figures for staff at the kiosk: a tile per headline number (with
last year's) and a bar chart per question a funder asks (months, spaces, purposes, ages,
weekdays, hours), each painted by ui.widgets.bar_chart.

Both take a YearlyReport and ask for nothing else; the panel shows them again after a
language switch.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
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
from ui.widgets.bar_chart import (
    LAST_YEAR,
    NNBSP,
    SECOND,
    THIS_YEAR,
    BarChart,
    Bars,
    fill,
    month_name,
    number,
)
from ui.widgets.touch import LEFT, label

TILES = ("visits", "unique_visitors", "new_members", "guests")


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
