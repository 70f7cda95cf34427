"""Threads: the camera and the sync run off the GUI thread and report by signals, each a
``LoopWorker`` owned by a ``WorkerThread`` (the one place that wires and stops them);
``Background`` runs one-off work (a report, an export, the staff PIN) and hands the
result back.

Workers only call plain functions of ``kiosk`` (open_source, a decoder, sync_once) and
emit; they stop cooperatively (a flag, then quit/wait), never by terminate().
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.scanning import SourceUnavailable, load_decoder, open_source

log = logging.getLogger(__name__)
PREVIEW_WIDTH = 640
SAME_BADGE_QUIET_S = 3.0  # a badge held still is read 15 times a second: report it once
RETRY_CAMERA_S = 5.0
CAMERA_STOP_TIMEOUT_MS = 3000  # a frame read or a decode ends well within this


class LoopWorker(QObject):
    """A worker that loops on its thread until ``stop()``: subclasses write ``loop()``,
    which returns soon after ``_stop`` is set (wait on it, never ``time.sleep``)."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def stop(self) -> None:
        """Any thread: ask the loop to end."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self.loop()
        finally:
            self.finished.emit()

    def loop(self) -> None:
        raise NotImplementedError


W = TypeVar("W", bound=LoopWorker)
_not_stopped: list[WorkerThread[Any]] = []  # see WorkerThread.stop


class WorkerThread(Generic[W]):
    """Owns one ``LoopWorker`` on its own QThread, with the standard wiring: moved to the
    thread, started by it, ``finished -> quit``, deleted (``deleteLater``) when the thread
    ends. ``stop()`` is cooperative and bounded; a thread is never terminated."""

    def __init__(self, worker: W, name: str, stop_timeout_ms: int) -> None:
        self.worker = worker
        self.name = name
        self.stop_timeout_ms = stop_timeout_ms
        self._thread = QThread()
        self._thread.setObjectName(name)
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.run)
        # direct: QThread.quit() is thread-safe, and the GUI thread may be in wait()
        worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(worker.deleteLater)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def stop(self) -> bool:
        """Ask the worker to stop and wait for it (at most ``stop_timeout_ms``). The
        worker is gone after a True return: do not use it again."""
        self.worker.stop()
        self._thread.quit()
        stopped = bool(self._thread.wait(self.stop_timeout_ms))
        if not stopped:
            log.error("the %s thread did not stop within %d ms", self.name, self.stop_timeout_ms)
            # a QThread destroyed while running aborts the process: keep this one alive
            _not_stopped.append(self)
        return stopped


def frame_to_image(frame: object) -> QImage:
    """A BGR (or grey) numpy frame as a QImage that owns its pixels."""
    import cv2
    import numpy as np

    array = np.asarray(frame)
    if array.shape[1] > PREVIEW_WIDTH:
        height = round(array.shape[0] * PREVIEW_WIDTH / array.shape[1])
        array = cv2.resize(array, (PREVIEW_WIDTH, height), interpolation=cv2.INTER_AREA)
    array = np.ascontiguousarray(array)
    if array.ndim == 2:
        fmt, line = QImage.Format.Format_Grayscale8, array.shape[1]
    else:
        fmt, line = QImage.Format.Format_BGR888, array.shape[1] * 3
    return QImage(array.data, array.shape[1], array.shape[0], line, fmt).copy()


class CameraWorker(LoopWorker):
    frame_ready = Signal(QImage)
    badge_seen = Signal(str, float)  # text, perf_counter() when its frame reached the decoder
    camera_failed = Signal(str)
    camera_ok = Signal()

    def __init__(
        self, spec: str, decoder: str, fps: float = 15.0, quiet_s: float = SAME_BADGE_QUIET_S
    ) -> None:
        super().__init__()
        self._quiet_s = quiet_s
        self.spec = spec
        self.decoder_name, self._decode = load_decoder(decoder, log)
        self._period = 1.0 / fps
        self._last_seen: dict[str, float] = {}
        # A preview the GUI thread has not taken yet holds back the next one: a GUI busy
        # for a while (a slow disk, a long report, a queue of scans) must not find 1 MB
        # per camera frame queued for it. No timer lets one through: under a GUI that
        # stays behind, one frame a second was enough to grow by 100 MB in minutes.
        self._preview_taken = threading.Event()
        self._preview_taken.set()
        self.previews_skipped = 0  # frames decoded but not previewed (the GUI was busy)

    def preview_shown(self) -> None:
        """The GUI thread took the last preview: the next frame may be sent (a consumer
        that never calls this gets one frame). Thread-safe; connect it with a direct
        connection (this object's thread is busy in run())."""
        self._preview_taken.set()

    def loop(self) -> None:
        source = None
        try:
            while not self._stop.is_set():
                if source is None:
                    try:
                        source = open_source(self.spec)
                        log.info("camera: %s, decoder: %s", source.description, self.decoder_name)
                        self.camera_ok.emit()
                    except SourceUnavailable as exc:
                        log.warning("camera unavailable: %s", exc)
                        self.camera_failed.emit(str(exc))
                        self._stop.wait(RETRY_CAMERA_S)
                        continue
                started = time.perf_counter()
                frame = source.read()
                if frame is None:
                    source.close()
                    source = None  # unplugged, or the stream ended: reopen
                    self._stop.wait(0.5)
                    continue
                decode_start = time.perf_counter()
                for text in self._decode(frame):
                    self._report(text, decode_start)
                self._preview(frame)
                self._stop.wait(max(0.0, self._period - (time.perf_counter() - started)))
        finally:
            if source is not None:
                source.close()

    def _preview(self, frame: object) -> None:
        if not self._preview_taken.is_set():
            self.previews_skipped += 1
            return
        self._preview_taken.clear()
        self.frame_ready.emit(frame_to_image(frame))

    def _report(self, text: str, seen_at: float) -> None:
        last = self._last_seen.get(text)
        self._last_seen[text] = seen_at
        if last is None or seen_at - last > self._quiet_s:
            self.badge_seen.emit(text, seen_at)
        if len(self._last_seen) > 100:  # forget old sightings
            cutoff = seen_at - self._quiet_s
            self._last_seen = {t: s for t, s in self._last_seen.items() if s > cutoff}


# --- one-off work off the GUI thread (reports, exports, the staff PIN) ---------------

Callback = Callable[[Any], None]


class _Job(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    finished = Signal(int)

    def __init__(self, number: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self.number = number
        self._work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI thread, which says it in words
            log.warning("background job %d failed: %r", self.number, exc)
            self.failed.emit(self.number, exc)
        else:
            self.done.emit(self.number, result)
        finally:
            self.finished.emit(self.number)


class Background(QObject):
    """Runs plain functions, each on its own QThread; ``on_done(result)`` or
    ``on_failed(exception)`` is called on the GUI thread. Call ``stop()`` before the
    owner goes away: it waits for the jobs still running (each is bounded by its own
    timeouts, as the server client's)."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._count = 0
        self._running: dict[int, tuple[QThread, _Job, Callback, Callback]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        self._count += 1
        number = self._count
        thread = QThread()
        thread.setObjectName(f"{self._name}-{number}")
        job = _Job(number, work)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        # to methods of this object, which lives on the GUI thread: queued there
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.finished.connect(self._forget)
        self._running[number] = (thread, job, on_done, on_failed)
        thread.start()

    @Slot(int, object)
    def _done(self, number: int, result: object) -> None:
        if number in self._running:
            self._running[number][2](result)

    @Slot(int, object)
    def _failed(self, number: int, exc: object) -> None:
        if number in self._running:
            self._running[number][3](exc)

    @Slot(int)
    def _forget(self, number: int) -> None:
        entry = self._running.get(number)
        if entry is not None and entry[0].wait(5000):  # it is returning from run()
            del self._running[number]

    def stop(self, timeout_ms: int = 25_000) -> bool:
        """Wait for every job (no callback is called after this)."""
        deadline = time.monotonic() + timeout_ms / 1000
        stopped = True
        for number, (thread, *_rest) in list(self._running.items()):
            thread.quit()
            left = max(0, round((deadline - time.monotonic()) * 1000))
            if thread.wait(left):
                del self._running[number]
            else:
                log.error(
                    "the %s thread did not stop within %d ms", thread.objectName(), timeout_ms
                )
                stopped = False
        return stopped
