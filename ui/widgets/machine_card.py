"""One machine on the board: picture, name, status in words (and colour), what it needs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.machines import MachineView
from kiosk.models import MachineStatus
from ui.texts import machine_kind_text, machine_status_text, short_when
from ui.widgets.pictograms import pictogram_path, pictogram_pixmap
from ui.widgets.touch import LEFT, label

# a symbol per status: never colour alone
STATUS_MARKS = {
    MachineStatus.AVAILABLE: "✔",
    MachineStatus.IN_USE: "●",
    MachineStatus.RESERVED: "◷",
    MachineStatus.OUT_OF_ORDER: "✖",
    MachineStatus.MAINTENANCE: "⚠",
}
KIND_SYMBOLS = {"3d_printer": "▤", "laser_cutter": "✷", "cnc_mill": "⚙", "vinyl_cutter": "✂"}
PHOTO_PX = 110


class MachineCard(QFrame):
    def __init__(
        self,
        machine: MachineView,
        *,
        now: datetime,
        tz: ZoneInfo,
        tutorial_title: str | None = None,
        photo: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.machine = machine
        self.setObjectName("machinecard")
        self.setProperty("status", machine.status.value)
        picture = QLabel()
        picture.setObjectName("machineicon")
        picture.setFixedSize(PHOTO_PX, PHOTO_PX)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap(str(photo)) if photo is not None else None
        if pixmap is not None and not pixmap.isNull():
            picture.setPixmap(
                pixmap.scaled(
                    PHOTO_PX,
                    PHOTO_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        elif (drawing := pictogram_path(machine.kind)) is not None:
            picture.setPixmap(
                pictogram_pixmap(drawing, QSize(PHOTO_PX, PHOTO_PX), self.devicePixelRatioF())
            )
        else:
            picture.setText(KIND_SYMBOLS.get(machine.kind, "■"))

        self.name = label("cardtitle", align=LEFT)
        self.name.setText(f"{machine.name} · {machine_kind_text(machine.kind)}")
        self.status = label("cardstatus", align=LEFT)
        status = f"{STATUS_MARKS[machine.status]} {machine_status_text(machine.status)}"
        local_now = now.astimezone(tz)
        if machine.status is MachineStatus.RESERVED and machine.until is not None:
            status += " " + self.tr("until %1").replace(
                "%1", short_when(machine.until.astimezone(tz), local_now)
            )
        elif machine.since is not None and machine.status is not MachineStatus.AVAILABLE:
            status += " " + self.tr("since %1").replace(
                "%1", short_when(machine.since.astimezone(tz), local_now)
            )
        if machine.note and machine.status in (
            MachineStatus.OUT_OF_ORDER,
            MachineStatus.MAINTENANCE,
        ):
            status += f" — {machine.note}"
        self.status.setText(status)
        self.needs = label("visitorsmall", align=LEFT)
        if machine.tutorial:
            self.needs.setText(
                self.tr("To use it: the tutorial “%1”").replace(
                    "%1", tutorial_title or machine_kind_text(machine.kind)
                )
            )
        else:
            self.needs.setText(self.tr("No tutorial needed"))

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.status)
        text.addWidget(self.needs)
        self._text = text
        self.action_row = QHBoxLayout()  # staff mode's buttons, under the words (add_action)
        self.action_row.setSpacing(12)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(16)
        row.addWidget(picture)
        row.addLayout(text, 1)

    def add_action(self, button: QWidget) -> None:
        if self.action_row.count() == 0:
            self._text.addLayout(self.action_row)
        self.action_row.addWidget(button)
