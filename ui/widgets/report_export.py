"""Staff mode, reports, the "Export" page: the counts on screen saved on a USB stick (or
in the kiosk's exports folder) as CSV or XLSX, in the language shown. Saving on a slow
stick runs off the GUI thread, on the report panel's ``Background`` (so the panel is
busy while a save runs, as while it counts).

Its words keep the "ReportPanel" translation context they had before this page left
report_panel.py: the French translations stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.frontdesk import FrontDesk
from kiosk.reports.exports import ExportPlace
from kiosk.reports.yearly import YearlyReport
from ui.widgets.bar_chart import fill
from ui.widgets.report_sheet import sheet_words
from ui.widgets.touch import LEFT, big_button, clear_layout, kinetic_scroll, label
from ui.workers import Background

FORMATS = ("csv", "xlsx")


class ReportExport(QWidget):
    """The places to save in (USB sticks first), one button per format, and what became
    of the last save. ``show_counts()`` says which year's report a save writes."""

    export_ended = Signal()  # the file was saved, or why not is on the screen

    def __init__(
        self,
        desk: FrontDesk,
        jobs: Background,
        space_names: Callable[[], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._jobs, self._space_names = desk, jobs, space_names
        self._year = 0
        self._report: YearlyReport | None = None  # the year's counts, once they are in
        self._places: list[ExportPlace] = []
        self.place_buttons: list[QPushButton] = []  # one per place, USB sticks first
        self._saving = False
        self._state: tuple[str, ExportPlace, str] | None = None  # what, where, detail

        page = QWidget()
        self.save_title = label("sectiontitle", align=LEFT)
        self.where = label("small", wrap=False, align=LEFT)
        self.place_row = QHBoxLayout()
        self.place_group = QButtonGroup(self)
        self.no_stick = label("nostick", align=LEFT)
        self.save_buttons = {fmt: big_button() for fmt in FORMATS}
        for fmt, button in self.save_buttons.items():
            button.clicked.connect(lambda _=False, f=fmt: self.save(f))
        formats = QHBoxLayout()
        for button in self.save_buttons.values():
            formats.addWidget(button)
        self.message = label("exportmessage", align=LEFT)
        places = QHBoxLayout()
        places.addWidget(self.where, 0)
        places.addLayout(self.place_row, 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(8)
        column.addWidget(self.save_title)
        column.addLayout(places)
        column.addWidget(self.no_stick)
        column.addLayout(formats)
        column.addWidget(self.message)
        column.addStretch(1)
        # in a scroll area: a long list of USB sticks must not make the screen taller
        self.save_scroll = kinetic_scroll(page, buttons_inside=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.save_scroll)
        self.retranslate()

    # --- what there is to save, and where ---------------------------------------------

    def show_counts(self, year: int, report: YearlyReport | None) -> None:
        """The year shown, and its counts (None while they are not in)."""
        self._year, self._report = year, report
        self._render()

    def set_places(self, places: list[ExportPlace]) -> None:
        """The places found with the counts; the one chosen stays chosen if still there."""
        chosen = self.chosen_place()
        self._places = places
        for button in self.place_buttons:
            self.place_group.removeButton(button)
        clear_layout(self.place_row)
        self.place_buttons = []
        for i in range(len(places)):
            button = big_button("choice")
            button.setCheckable(True)
            self.place_group.addButton(button, i)
            self.place_row.addWidget(button)
            self.place_buttons.append(button)
        if places:
            keep = next((i for i, p in enumerate(places) if chosen and p.path == chosen.path), 0)
            self.place_buttons[keep].setChecked(True)

    def chosen_place(self) -> ExportPlace | None:
        index = self.place_group.checkedId()
        return self._places[index] if 0 <= index < len(self._places) else None

    # --- saving -------------------------------------------------------------------------

    def save(self, fmt: str) -> None:
        """Write the counts on screen in the chosen place, off the GUI thread."""
        report, place = self._report, self.chosen_place()
        if report is None or place is None or self._saving:
            return
        names = self._space_names()
        words = sheet_words(names)  # the CSV: for a spreadsheet, in the language shown

        def name(section: str, key: str) -> str:  # spaces by name, as on the screen
            return names.get(key, key) if section == "space" else key

        desk = self._desk
        self._saving = True
        self._state = ("saving", place, "")
        self._jobs.run(
            lambda: desk.export_report(report, place.path, fmt, name, words),
            lambda path: self._saved(place, path),
            lambda exc: self._not_saved(place, exc),
        )
        self._render_outcome()

    def _saved(self, place: ExportPlace, path: Path) -> None:
        self._saving = False
        self._state = ("saved", place, str(path))
        self._render_outcome()
        self.export_ended.emit()

    def _not_saved(self, place: ExportPlace, exc: BaseException) -> None:
        self._saving = False
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self._state = ("failed", place, reason or type(exc).__name__)
        self._render_outcome()
        self.export_ended.emit()

    def reset(self) -> None:
        """Leaving staff mode: forget the last save's message."""
        self._state = None
        self._render_outcome()

    # --- showing ------------------------------------------------------------------------

    def _render(self) -> None:
        self._render_places()
        self._render_outcome()

    def _place_name(self, place: ExportPlace) -> str:
        if place.removable:
            return fill(QCoreApplication.translate("ReportPanel", "USB stick %1"), place.label)
        return QCoreApplication.translate("ReportPanel", "This kiosk (exports folder)")

    def _render_places(self) -> None:
        for place, button in zip(self._places, self.place_buttons, strict=True):
            button.setText(self._place_name(place))
        has_stick = any(p.removable for p in self._places)
        self.no_stick.setText(
            ""
            if has_stick
            else QCoreApplication.translate(
                "ReportPanel", "No USB stick found — plug one in and press Refresh"
            )
        )
        self.no_stick.setVisible(bool(self._places) and not has_stick)

    def _render_outcome(self) -> None:
        self.save_title.setText(
            fill(
                QCoreApplication.translate("ReportPanel", "Save the %1 counts in a file"),
                self._year,
            )
        )
        ready = self._report is not None and self.chosen_place() is not None and not self._saving
        for button in self.save_buttons.values():
            button.setEnabled(ready)
        text, outcome = self._outcome_text()
        sign = {"saved": "✓ ", "failed": "✗ "}.get(outcome, "")
        self.message.setText(sign + text)
        if text:  # the outcome in view, however long the list of sticks above it
            self.save_scroll.ensureWidgetVisible(self.message)
        if self.message.property("outcome") != outcome:
            self.message.setProperty("outcome", outcome)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)

    def _outcome_text(self) -> tuple[str, str]:
        """What became of the last save, and its outcome ("", "saved" or "failed")."""
        if self._state is None:
            return "", ""
        what, place, detail = self._state
        if what == "saving":
            saving = QCoreApplication.translate("ReportPanel", "Saving on %1…")
            return fill(saving, self._place_name(place)), ""
        if what == "saved":
            if place.removable:
                saved = QCoreApplication.translate("ReportPanel", "Saved on USB stick %1: %2")
                return fill(saved, place.label, Path(detail).name), "saved"
            saved = QCoreApplication.translate("ReportPanel", "Saved on this kiosk: %1")
            return fill(saved, detail), "saved"
        if place.removable:
            failed = QCoreApplication.translate(
                "ReportPanel",
                "Could not save on USB stick %1: %2. Is it full, write-protected or pulled out?",
            )
            return fill(failed, place.label, detail), "failed"
        failed = QCoreApplication.translate("ReportPanel", "Could not save on this kiosk: %1")
        return fill(failed, detail), "failed"

    def retranslate(self) -> None:
        self.where.setText(QCoreApplication.translate("ReportPanel", "Where to save it:"))
        for fmt, text in zip(
            FORMATS,
            [
                QCoreApplication.translate("ReportPanel", "Save as CSV"),
                QCoreApplication.translate("ReportPanel", "Save as Excel (XLSX)"),
            ],
            strict=True,
        ):
            self.save_buttons[fmt].setText(text)
        self._render()
