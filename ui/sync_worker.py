"""The sync worker: pushes the outbox and pulls changes off the GUI thread.

It only calls ``kiosk.sync.sync_once`` (a plain function, tested without Qt) and emits
what happened; the GUI thread never waits for the network. It runs on a
``ui.workers.WorkerThread`` and stops cooperatively.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime

from PySide6.QtCore import Signal

from kiosk.reports.retention import apply_site_retention
from kiosk.site import Site
from kiosk.sync import sync_once, sync_status
from kiosk.sync.backoff import Backoff
from ui.workers import LoopWorker

log = logging.getLogger(__name__)
IDLE_S = 30.0  # with nothing waiting: look for other kiosks' changes this often
NOT_CONNECTED_S = 60.0  # no server configured: check again now and then
STOP_TIMEOUT_MS = 35_000  # an HTTP call in flight ends by its own timeout first


class SyncWorker(LoopWorker):
    status_changed = Signal(object)  # kiosk.sync.SyncStatus

    def __init__(self, site: Site, idle_s: float = IDLE_S, backoff: Backoff | None = None) -> None:
        """*backoff*: the retry policy (2 s doubling up to 5 minutes); tests give a
        shorter one so that a server coming back is seen in seconds."""
        super().__init__()
        self.site = site
        self.idle_s = idle_s
        self.backoff = backoff or Backoff()
        self._wake = threading.Event()
        self._retention_day: date | None = None

    def stop(self) -> None:
        super().stop()
        self._wake.set()

    def wake(self) -> None:
        """Something was recorded: try now rather than at the next idle tick."""
        self._wake.set()

    def loop(self) -> None:
        while not self._stop.is_set():
            wait = self._cycle()
            # cleared after waking, not before waiting: a stop() or wake() that came
            # during the cycle is not lost
            self._wake.wait(wait)
            self._wake.clear()

    def _retention(self) -> None:
        """Once a day (and at start): old visits made anonymous (kiosk.reports.retention)."""
        today = self.site.today()
        if self._retention_day == today:
            return
        try:
            apply_site_retention(self.site)
        except Exception:
            log.exception("retention failed; tried again tomorrow")
        self._retention_day = today

    def _cycle(self) -> float:
        self._retention()
        try:
            status = sync_status(self.site)
            if not status.server_url:
                self.status_changed.emit(status)
                return NOT_CONNECTED_S
            sync_once(self.site, backoff=self.backoff)
            status = sync_status(self.site)
        except Exception:  # a bug here must not kill the thread: log, retry later
            log.exception("sync failed")
            return self.idle_s
        self.status_changed.emit(status)
        if status.next_try_at is not None:
            delay = (status.next_try_at - datetime.now(status.next_try_at.tzinfo)).total_seconds()
            # never more than the cap, even if the clock jumped back; never a busy loop
            return max(min(1.0, self.backoff.cap), min(delay, self.backoff.cap))
        return self.idle_s if status.waiting == 0 else 1.0
