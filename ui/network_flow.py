"""A member of another place of the network at the door (kiosk.network): their scan
leads to the network visitor screen; "just come in" records the visit through the
front desk and greets them, "register here" opens the usual registration."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.checkin import Outcome, ScanResult
from kiosk.frontdesk import FrontDesk
from kiosk.models import CheckinMethod
from kiosk.storage import StorageFault
from ui.screens.network_visitor import NetworkVisitorScreen
from ui.screens.result import ResultScreen
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class NetworkFlow(QObject):
    def __init__(
        self,
        desk: FrontDesk,
        screen: NetworkVisitorScreen,
        result: ResultScreen,
        go: Callable[[Screen], None],
        go_home: Callable[[], None],
        register: Callable[[], None],
        shown: Callable[[ScanResult], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.screen, self.result = desk, screen, result
        self._go, self._register, self._shown = go, register, shown
        self._scan: tuple[str, CheckinMethod] | None = None  # the badge shown
        screen.come_in.connect(self._come_in)
        screen.register_requested.connect(self._register_here)
        screen.cancelled.connect(go_home)

    def offer(self, result: ScanResult, text: str, method: CheckinMethod) -> bool:
        """A member of a place of the network, not in yet: the choice (True)."""
        if result.outcome is not Outcome.NETWORK_VISITOR:
            return False
        self._scan = (text, method)
        self.screen.ask(result.place_name or "")
        self._go(self.screen)
        return True

    def forget(self) -> None:
        """Back home or idle: the badge shown is forgotten."""
        self._scan = None

    def _come_in(self) -> None:
        scan, self._scan = self._scan, None
        if scan is None:
            return
        try:
            result = self.desk.enter_network(*scan)
        except OSError as exc:  # disk full, database unreadable: said, not a crash
            log.error("could not record a network visitor's visit: %s", exc)
            self.result.show_storage_problem(str(exc), getattr(exc, "fault", StorageFault.OTHER))
            self._go(self.result)
            return
        log.info("network visitor from %s: %s", result.home_site, result.outcome.value)
        self.result.show_result(result)
        self._go(self.result)
        self._shown(result)  # a visit recorded: the sync may send it now

    def _register_here(self) -> None:
        self._scan = None
        self._register()
