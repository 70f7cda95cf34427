"""Staff mode: is this kiosk's record reaching the central server? In words."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.sync import SyncStatus
from ui.texts import short_when
from ui.widgets.touch import LEFT, label


class SyncPanel(QWidget):
    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.text = label("small", align=LEFT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def show_status(self, s: SyncStatus, now: datetime) -> None:
        local_now = now.astimezone(self._tz)

        def when(moment: datetime | None) -> str:
            return short_when(moment.astimezone(self._tz), local_now) if moment else "—"

        if not s.server_url:
            self.text.setText(
                self.tr(
                    "Sync: no central server set. Staff can run: fablab-kiosk connect URL --token …"
                )
            )
            return
        parts = []
        if s.waiting:
            parts.append(self.tr("%n event(s) waiting", "", s.waiting))
        else:
            parts.append(self.tr("up to date"))
        parts.append(self.tr("last success: %1").replace("%1", when(s.last_success_at)))
        if s.error_kind:
            words = {
                "unreachable": self.tr("the server does not answer (network or server down)"),
                "busy": self.tr("the server is busy"),
                "token": self.tr("the server refuses this kiosk's token"),
                "server": self.tr("the server reported an error"),
            }.get(s.error_kind, s.error_kind)
            problem = self.tr("problem: %1").replace("%1", words)
            if s.next_try_at is not None:
                problem += " " + self.tr("(next try %1)").replace("%1", when(s.next_try_at))
            parts.append(problem)
        if s.rejected:
            parts.append(self.tr("%n event(s) refused by the server", "", s.rejected))
        if s.network_problem:  # worded by the core, French then English (kiosk.sync.network)
            parts.append(
                self.tr("members of other places are refused: %1").replace("%1", s.network_problem)
            )
        self.text.setText(self.tr("Sync: %1").replace("%1", " · ".join(parts)))
