"""WorkerThread: the one owner of the camera's and the sync's threads. It stops them
cooperatively and within a bound, deletes the worker with its thread, and never
terminates a thread that does not stop in time."""

from __future__ import annotations

import threading
import time

import shiboken6

from kiosk.site import Site
from ui import workers
from ui.sync_worker import SyncWorker
from ui.workers import LoopWorker, WorkerThread


class EndsAtOnce(LoopWorker):
    def loop(self) -> None:
        pass


class IgnoresStop(LoopWorker):
    """Like a call that does not look at the stop flag (a hung driver, say)."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def loop(self) -> None:
        self.entered.set()
        self.release.wait(10)


def test_the_sync_thread_stops_on_request_and_its_worker_goes_with_it(qtbot, site: Site) -> None:
    worker = SyncWorker(site)  # no server set: it would wait a minute between looks
    owner = WorkerThread(worker, "sync", 5000)
    looked: list[object] = []
    worker.status_changed.connect(looked.append)
    owner.start()
    qtbot.waitUntil(lambda: bool(looked), timeout=10_000)  # it ran, on its thread
    assert owner.is_running()
    started = time.monotonic()
    assert owner.stop()
    assert time.monotonic() - started < 2  # woken by stop(), not at its next look
    assert not owner.is_running()
    assert not shiboken6.isValid(worker)  # deleteLater once its thread ended


def test_a_worker_that_returns_quits_its_thread_by_itself(qtbot) -> None:
    owner = WorkerThread(EndsAtOnce(), "short", 1000)
    owner.start()
    qtbot.waitUntil(lambda: not owner.is_running())
    assert owner.stop()  # nothing left to stop


def test_a_thread_that_does_not_stop_in_time_is_reported_and_left_running(qtbot) -> None:
    worker = IgnoresStop()
    owner = WorkerThread(worker, "stubborn", 100)
    owner.start()
    assert worker.entered.wait(5)
    try:
        assert not owner.stop()  # within its 100 ms: no
        assert owner.is_running()  # not terminated
        assert owner in workers._not_stopped  # kept: a running QThread must not be destroyed
    finally:
        worker.release.set()
    qtbot.waitUntil(lambda: not owner.is_running())  # finished -> quit, with no one waiting
    workers._not_stopped.remove(owner)


def test_a_worker_thread_never_started_stops_at_once() -> None:
    owner = WorkerThread(EndsAtOnce(), "unused", 1000)
    assert owner.stop() and not owner.is_running()
