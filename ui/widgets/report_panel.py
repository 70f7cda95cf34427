"""Staff mode, reports: a year's visits at a glance (where the counts come from, the
headline numbers against last year, a chart per question a funder asks) and the same
counts saved on a USB stick as CSV or XLSX (the "Export" page: report_export).

Counting may wait on the server for seconds and saving on a slow stick too: both run
on a QThread (``Background``); the GUI thread only shows what comes back, and drops an
answer to a request that a newer one replaced.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk
from kiosk.reports.exports import ExportPlace
from kiosk.reports.yearly import YearlyReport
from kiosk.sync.report import ReportResult
from ui.texts import short_when
from ui.widgets.bar_chart import fill
from ui.widgets.report_charts import ReportCharts, ReportTiles
from ui.widgets.report_export import ReportExport
from ui.widgets.report_workshops import WorkshopFigures
from ui.widgets.stepper import Stepper
from ui.widgets.touch import LEFT, big_button, kinetic_scroll, label
from ui.workers import Background

log = logging.getLogger(__name__)
FIRST_YEAR = 2000
RELOAD_AFTER_S = 600.0  # shown again after this long: count again


# --- off the GUI thread ---------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    year: int
    result: ReportResult
    connected: bool  # a server is set (its counts may still be unreachable)
    places: list[ExportPlace]


def load_report(desk: FrontDesk, year: int) -> Loaded:
    """Everything the panel shows, read where it is slow: the server, the database and
    the mounted USB sticks. Runs on a worker thread."""
    result = desk.report(year)
    return Loaded(year, result, bool(desk.sync_status().server_url), desk.export_places())


class ReportPanel(QWidget):
    """The "Reports" tab of staff mode. Counts when first shown, when shown again after
    ten minutes, on Refresh and on a change of year."""

    load_ended = Signal()  # counts (or why there are none) are on the screen
    export_ended = Signal()  # the file was saved, or why not is on the screen

    def __init__(self, desk: FrontDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._jobs = Background("report", self)
        self._request = 0  # the latest load asked for; answers to older ones are dropped
        self._loading = False
        self._loaded: Loaded | None = None
        self._loaded_at = 0.0
        self._error = ""

        self.year = Stepper(self._this_year(), self._step_year, str)
        self.year.text.setObjectName("reportyear")
        self.year.changed.connect(self.refresh)
        self.refresh_button = big_button("secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.source = label("reportsource", align=LEFT)
        top = QHBoxLayout()
        top.addWidget(self.year, 0)
        self.year.setFixedWidth(self.year.minus.minimumWidth() * 2 + 180)
        top.addWidget(self.refresh_button, 0)
        top.addWidget(self.source, 1)

        self.tiles = ReportTiles()
        self.charts = ReportCharts()
        self.workshops = WorkshopFigures()
        self.export = ReportExport(desk, self._jobs, self._space_names)
        self.export.export_ended.connect(self.export_ended)
        self.pages = QStackedWidget()  # the charts, the workshops, then saving
        self.pages.addWidget(self.charts)
        self.pages.addWidget(self.workshops)
        self.pages.addWidget(self.export)

        self.tabs = [big_button("choice") for _ in range(self.charts.count() + 2)]
        group = QButtonGroup(self)
        tab_row = QHBoxLayout()
        tab_row.setSpacing(8)
        for i, tab in enumerate(self.tabs):
            tab.setObjectName("reporttab")
            tab.setCheckable(True)
            group.addButton(tab, i)
            tab_row.addWidget(tab)
        self.tabs[0].setChecked(True)
        group.idClicked.connect(self._show_page)
        right = QVBoxLayout()
        right.addLayout(tab_row)
        right.addWidget(self.pages, 1)

        body = QHBoxLayout()
        body.setSpacing(20)
        # the figures scroll (a finger drag) where a 1024x600 screen is too short for them
        body.addWidget(kinetic_scroll(self.tiles, buttons_inside=False, column=True), 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.retranslate()

    def _show_page(self, index: int) -> None:
        if index < self.charts.count():
            self.charts.setCurrentIndex(index)
            self.pages.setCurrentWidget(self.charts)
        else:
            last = index > self.charts.count()
            self.pages.setCurrentWidget(self.export if last else self.workshops)

    # --- loading ------------------------------------------------------------------------

    def _this_year(self) -> int:
        return self._desk.today().year

    def _step_year(self, year: int, step: int) -> int:
        return max(FIRST_YEAR, min(self._this_year(), year + step))

    @property
    def loading(self) -> bool:
        """The latest count asked for has not come back yet."""
        return self._loading

    @property
    def busy(self) -> bool:
        """A count or a save is still running (perhaps one whose answer is not wanted)."""
        return self._jobs.busy

    def refresh(self) -> None:
        """Count the chosen year again, off the GUI thread."""
        year = int(self.year.value)
        self.year.plus.setEnabled(year < self._this_year())
        self._request += 1
        request = self._request
        self._loading, self._error = True, ""
        if self._loaded is not None and self._loaded.year != year:
            self._loaded = None  # never another year's numbers under this year
        desk = self._desk
        self._jobs.run(
            lambda: load_report(desk, year),
            lambda loaded: self._show_loaded(request, loaded),
            lambda exc: self._load_failed(request, exc),
        )
        self._render()

    def _show_loaded(self, request: int, loaded: Loaded) -> None:
        if request != self._request:
            log.debug("report for %d came after a newer request: dropped", loaded.year)
            return
        self._loading = False
        self._loaded, self._loaded_at = loaded, time.monotonic()
        self.export.set_places(loaded.places)
        self._render()
        self.load_ended.emit()

    def _load_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._loading = False
        self._error = str(exc) or type(exc).__name__
        self._render()
        self.load_ended.emit()

    def stop(self, timeout_ms: int = 25_000) -> bool:
        """Before the kiosk quits: wait for a count or a save still running."""
        return self._jobs.stop(timeout_ms)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        stale = time.monotonic() - self._loaded_at > RELOAD_AFTER_S
        if not self._loading and (self._loaded is None or stale):
            self.refresh()

    # --- showing ------------------------------------------------------------------------

    def _lang(self) -> str:
        """The language the screens are in (ui.app sets QLocale's default with it)."""
        lang = QLocale().name().split("_")[0]
        settings = self._desk.settings
        return lang if lang in settings.languages else settings.default_language

    def _space_names(self) -> dict[str, str]:
        lang = self._lang()
        return {s.id: s.name(lang) for s in self._desk.settings.spaces}

    def _render(self) -> None:
        self._render_source()
        self._render_figures()
        loaded, year = self._loaded, int(self.year.value)
        self.export.show_counts(
            year, loaded.result.report if loaded is not None and loaded.year == year else None
        )

    def _render_source(self) -> None:
        lines = []
        loaded = self._loaded
        if self._loading:
            lines.append(self.tr("Loading…"))
        elif self._error:
            lines.append(fill(self.tr("Could not count the visits: %1"), self._error))
        if loaded is not None:
            result = loaded.result
            if result.source == "server":
                where = self.tr("All kiosks (central server)")
            elif not loaded.connected:
                where = self.tr("This kiosk only — not connected to a server")
            elif result.server_problem:
                where = fill(
                    self.tr("This kiosk only — the server could not be reached: %1"),
                    result.server_problem,
                )
            else:
                where = self.tr("This kiosk only")
            lines.append(where)
            when = self._counted_at(result.report)
            if when:
                lines[-1] += " · " + fill(self.tr("updated %1"), when)
            if loaded.connected and result.waiting_visits:
                lines.append(
                    self.tr(
                        "%n visit(s) of this kiosk are not on the server yet",
                        "",
                        result.waiting_visits,
                    )
                )
        state = "failed" if self._error else (loaded.result.source if loaded else "loading")
        self.source.setText("\n".join(lines))
        if self.source.property("source") != state:
            self.source.setProperty("source", state)
            self.source.style().unpolish(self.source)
            self.source.style().polish(self.source)

    def _counted_at(self, report: YearlyReport) -> str:
        tz = self._desk.settings.tz
        return short_when(report.generated_at.astimezone(tz), self._desk.now().astimezone(tz))

    def _render_figures(self) -> None:
        report = self._loaded.result.report if self._loaded else None
        self.tiles.show_report(report, self._desk.today())
        self.charts.show_report(int(self.year.value), report, self._space_names())
        self.workshops.show_report(int(self.year.value), report)

    # --- language -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        for tab, text in zip(
            self.tabs,
            [
                self.tr("Months"),
                self.tr("Spaces"),
                self.tr("Ages"),
                self.tr("Days"),
                self.tr("Hours"),
                self.tr("Workshops"),
                self.tr("Export"),
            ],
            strict=True,
        ):
            tab.setText(text)
        self.export.retranslate()
        self._render()

    def reset(self) -> None:
        """Leaving staff mode: forget the last save's message (the counts stay)."""
        self.export.reset()
