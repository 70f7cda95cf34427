"""The kiosk cannot open its site (a damaged or missing database, a full disk, a
configuration it cannot read): instead of a black screen that systemd restarts every
second, the door says it is out of order, kindly, and tells staff what happened and what
to do. When the problem is fixed (``backup restore``,
space freed, config corrected) it notices and ends, and systemd starts the real kiosk."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets.touch import Screen, label


class OutOfOrderScreen(Screen):
    def __init__(self, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusal")  # the refusal colours of the result screen
        self.problem = problem
        self.icon = label("icon")
        self.icon.setText("✖")
        self.title = label("title")
        self.subtitle = label("subtitle")
        self.staff = label("banner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(30)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addStretch(1)
        layout.addWidget(self.staff)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This kiosk is out of order"))
        self.subtitle.setText(
            self.tr("Sorry! Please tell a staff member: they will note your visit.")
        )
        self.staff.setText(self.tr("For staff: %1").replace("%1", self.problem))
