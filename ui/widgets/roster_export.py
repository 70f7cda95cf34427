"""Staff mode, a session's roster: save its attendance sheet and each trainee's
certificate of attendance (PDF) on a USB stick or in the kiosk's exports folder, as the
reports are saved. Drawing the PDFs and writing on a slow stick run off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.reports.exports import ExportPlace
from kiosk.workshops.desk import WorkshopDesk
from ui.widgets.touch import LEFT, Panel, big_button, clear_layout, label
from ui.widgets.workshop_words import explain, ui_lang
from ui.workers import Background

if TYPE_CHECKING:
    from kiosk.workshops.export import Exported  # reportlab: only when saving


class RosterExport(Panel):
    done = Signal(str)
    failed = Signal(str)
    ended = Signal()  # the files were written, or why not was said

    def __init__(self, desk: WorkshopDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._jobs = Background("workshop-export", self)
        self._session_id: str | None = None
        self._places: list[ExportPlace] = []
        self.place_group = QButtonGroup(self)
        self.place_buttons: list[QPushButton] = []
        self.where = label("small", align=LEFT)
        self.place_row = QHBoxLayout()
        self.save_button = big_button()
        self.save_button.clicked.connect(self.save)
        self.message = label("exportmessage", align=LEFT)
        places = QHBoxLayout()
        places.addWidget(self.where)
        places.addLayout(self.place_row, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(places)
        column.addWidget(self.save_button)
        column.addWidget(self.message)
        self.retranslate()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def stop(self) -> bool:
        return self._jobs.stop()

    def show_session(self, session_id: str) -> None:
        if session_id != self._session_id:
            self.message.clear()
        self._session_id = session_id

    def refresh_places(self) -> None:
        """The mounted USB sticks (first) and the kiosk's folder, as buttons; the one
        chosen stays chosen while it is still there."""
        index = self.place_group.checkedId()
        chosen = self._places[index].path if 0 <= index < len(self._places) else None
        self._places = self._desk.export_places()
        for button in self.place_buttons:
            self.place_group.removeButton(button)
        clear_layout(self.place_row)
        self.place_buttons = []
        for i in range(len(self._places)):
            button = big_button("choice")
            button.setCheckable(True)
            self.place_group.addButton(button, i)
            self.place_row.addWidget(button)
            self.place_buttons.append(button)
        if self.place_buttons:
            keep = next((i for i, p in enumerate(self._places) if p.path == chosen), 0)
            self.place_buttons[keep].setChecked(True)
        self._name_places()

    def _name_places(self) -> None:
        for place, button in zip(self._places, self.place_buttons, strict=True):
            button.setText(
                self.tr("USB stick %1").replace("%1", place.label)
                if place.removable
                else self.tr("This kiosk (exports folder)")
            )

    def save(self) -> None:
        index = self.place_group.checkedId()
        session_id = self._session_id
        if session_id is None or not 0 <= index < len(self._places) or self._jobs.busy:
            return
        place = self._places[index]
        desk, lang = self._desk, ui_lang(self._desk.site.settings)
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self._jobs.run(
            lambda: desk.export_session(session_id, place.path, lang),
            lambda exported: self._saved(place, exported),
            lambda exc: self._not_saved(place, exc),
        )

    def _saved(self, place: ExportPlace, exported: Exported) -> None:
        self.save_button.setEnabled(True)
        where = str(exported.folder) if not place.removable else exported.folder.name
        text = self.tr(
            "Saved: the sheet and %n certificate(s) in %1", "", len(exported.certificates)
        )
        self.message.setText("✓ " + text.replace("%1", where))
        self.done.emit(self.message.text())
        self.ended.emit()

    def _not_saved(self, place: ExportPlace, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else None
        text = reason or explain(exc, self._desk.site.settings)
        if place.removable:
            text = (
                self.tr("Could not save on USB stick %1: %2. Is it full or pulled out?")
                .replace("%1", place.label)
                .replace("%2", text)
            )
        self.message.setText("✗ " + text)
        self.failed.emit(text)
        self.ended.emit()

    def retranslate(self) -> None:
        self.where.setText(self.tr("Save the PDFs on:"))
        self.save_button.setText(self.tr("Save the sheet and the certificates (PDF)"))
        self._name_places()
