"""The kiosk as systemd runs it: fullscreen and locked (no way out without the staff),
READY=1 once up, WATCHDOG=1 from the event loop, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.site import Site
from ui import lockdown
from ui.app import Kiosk

# the offscreen platform says so when the lockdown raises the window again
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

OPEN = datetime(2026, 11, 25, 16, 0, tzinfo=ZoneInfo("Europe/Paris"))  # a Wednesday


class SystemdSocket:
    """Where systemd listens for a Type=notify service's datagrams."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.setblocking(False)
        self.received: list[str] = []

    def read(self) -> list[str]:
        """Every datagram arrived since the last read (without waiting)."""
        new = []
        while True:
            try:
                new.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                break
        self.received += new
        return new

    def wait_for(self, line: str, timeout_s: float) -> float:
        """Block until a datagram holding *line* arrives; the monotonic time it did."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(line in d.splitlines() for d in self.read()):
                return time.monotonic()
            time.sleep(0.01)
        raise AssertionError(f"no {line} within {timeout_s} s; got {self.received}")


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch) -> Iterator[SystemdSocket]:
    listener = SystemdSocket(tmp_path / "notify")
    monkeypatch.setenv("NOTIFY_SOCKET", str(listener.path))
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a ping every 100 ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    yield listener
    listener.sock.close()


def _kiosk(qtbot, site: Site, *, windowed: bool) -> Kiosk:
    site.now = lambda: OPEN  # type: ignore[method-assign]  # open hours: no dimming
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    # the offscreen screen is 800x800, narrower than the window's minimum: it would not
    # stay fullscreen (a real kiosk's screen is 1280x800 or more)
    kiosk.window.setMinimumSize(320, 240)
    kiosk.show(windowed=windowed)
    kiosk.window.activateWindow()  # window shortcuts work in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is kiosk.window)
    return kiosk


@pytest.fixture
def locked(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = _kiosk(qtbot, site, windowed=False)
    qtbot.wait(20)
    assert kiosk.window.isFullScreen() and kiosk.lockdown.locked
    yield kiosk
    kiosk.stop()


class KeyRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append((event.key(), event.modifiers()))  # type: ignore[attr-defined]
        return False


WAYS_OUT = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
]


def _shortcuts(window) -> list[str]:
    """Shortcuts a desktop program would bind to leave (and Ctrl+K, which is no way
    out); the list of those that fired."""
    fired: list[str] = []
    for text in ("Alt+F4", "Ctrl+Q", "Ctrl+W", "Alt+Tab", "F11", "Ctrl+K"):
        shortcut = QShortcut(QKeySequence(text), window)
        shortcut.activated.connect(lambda text=text: fired.append(text))
    return fired


def test_keys_that_close_or_switch_away_never_reach_the_window(qtbot, locked: Kiosk) -> None:
    window = locked.window
    fired = _shortcuts(window)
    recorder = KeyRecorder()
    window.installEventFilter(recorder)
    for key, modifiers in WAYS_OUT:
        qtbot.keyClick(window, key, modifiers)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["Ctrl+K"]  # shortcuts work, only the ways out are refused
    modifier_keys = (Qt.Key.Key_Alt, Qt.Key.Key_Control)
    assert [k for k, _ in recorder.keys if k not in modifier_keys] == []
    assert window.isVisible() and window.isFullScreen()
    assert window.currentWidget() is window.welcome


def test_escape_inside_a_screen_still_reaches_it(qtbot, locked: Kiosk) -> None:
    """Only an Escape that no screen used and that bubbles up to the window is eaten."""
    window = locked.window
    qtbot.mouseClick(window.welcome.register_button, Qt.MouseButton.LeftButton)
    field = window.register.findChild(QLineEdit)
    assert field is not None
    field.setFocus()
    in_screen, at_window = KeyRecorder(), KeyRecorder()
    field.installEventFilter(in_screen)
    window.installEventFilter(at_window)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.keyClicks(field, "Ada")
    assert (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier) in in_screen.keys
    assert field.text().endswith("Ada")  # typing is untouched
    assert Qt.Key.Key_Escape not in [k for k, _ in at_window.keys]


def test_a_close_request_is_refused(qtbot, locked: Kiosk) -> None:
    window = locked.window
    assert not window.close()  # what a window manager's Alt+F4 or close button asks
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    qtbot.wait(50)
    assert window.isVisible() and window.isFullScreen()


@pytest.mark.parametrize("leave", ["showNormal", "showMinimized", "showMaximized"])
def test_the_window_goes_back_to_fullscreen(qtbot, locked: Kiosk, leave: str) -> None:
    window = locked.window
    getattr(window, leave)()
    assert window.isMinimized() or not window.isFullScreen()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=10_000)
    assert window.isVisible()


class HostileWindowManager(QObject):
    """Takes the window out of fullscreen each time it gets there."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowStateChange and self.window.isFullScreen():
            QTimer.singleShot(0, self.window.showNormal)
        return False


def test_a_platform_that_refuses_fullscreen_is_not_fought_forever(
    qtbot, site: Site, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(lockdown, "RESTORE_AGAIN_MS", 20)
    kiosk = _kiosk(qtbot, site, windowed=False)
    window_manager = HostileWindowManager(kiosk.window)
    kiosk.window.installEventFilter(window_manager)
    kiosk.window.showNormal()
    try:
        qtbot.waitUntil(lambda: "no more attempts" in caplog.text, timeout=10_000)
        attempts = len(kiosk.lockdown._restores)
        qtbot.wait(200)
        assert attempts == len(kiosk.lockdown._restores) == lockdown.RESTORES_PER_MINUTE
        assert kiosk.window.isVisible() and kiosk.lockdown.locked
    finally:
        kiosk.stop()


def test_staff_allow_quit_then_the_window_closes(qtbot, locked: Kiosk) -> None:
    window = locked.window
    locked.lockdown.allow_quit()
    assert not locked.lockdown.locked
    assert window.close()
    assert not window.isVisible()


def test_windowed_mode_is_not_locked(qtbot, site: Site) -> None:
    kiosk = _kiosk(qtbot, site, windowed=True)
    try:
        fired = _shortcuts(kiosk.window)
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert fired == ["Ctrl+Q"]
        assert not kiosk.lockdown.locked
        kiosk.window.showMinimized()
        qtbot.wait(50)
        assert kiosk.window.isMinimized()  # left as the developer put it
        assert kiosk.window.close()
    finally:
        kiosk.stop()


# --- systemd: READY=1, WATCHDOG=1 from the GUI thread's event loop, STOPPING=1 -----------


def test_ready_then_pings_that_stop_while_the_event_loop_is_frozen(
    qtbot, site: Site, systemd: SystemdSocket
) -> None:
    kiosk = _kiosk(qtbot, site, windowed=False)
    try:
        qtbot.waitUntil(lambda: "READY=1" in "\n".join(systemd.read() + systemd.received))
        ready = next(d for d in systemd.received if "READY=1" in d)
        assert "STATUS=welcome screen shown" in ready.splitlines()
        assert kiosk.window.isVisible()
        # then once the welcome screen is painted (what bench_restart.py times)
        qtbot.waitUntil(
            lambda: "STATUS=welcome screen painted" in systemd.read() + systemd.received
        )
        assert systemd.received.index("STATUS=welcome screen painted") > systemd.received.index(
            ready
        )
        pings: list[str] = []  # one every 100 ms (later on a loaded machine: waited for)
        qtbot.waitUntil(lambda: (pings.extend(systemd.read()), pings.count("WATCHDOG=1"))[1] >= 2)

        time.sleep(0.5)  # the GUI thread is stuck: nothing runs its timers
        assert systemd.read() == []

        qtbot.waitUntil(lambda: "WATCHDOG=1" in systemd.read(), timeout=10_000)  # unstuck
    finally:
        kiosk.stop()
    assert systemd.read() == ["STOPPING=1\nSTATUS=stopping"]
    assert not kiosk.watchdog.isActive()


def test_without_systemd_nothing_is_sent_and_no_timer_runs(qtbot, site: Site, monkeypatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    kiosk = _kiosk(qtbot, site, windowed=False)
    try:
        qtbot.wait(50)
        assert not kiosk.notifier.enabled and not kiosk.watchdog.isActive()
    finally:
        kiosk.stop()


def test_sigterm_quits_the_locked_kiosk_cleanly(site: Site, tmp_path: Path) -> None:
    """`systemctl stop` sends SIGTERM: the fullscreen kiosk quits at once, status 0."""
    camera = tmp_path / "blank.png"
    cv2.imwrite(str(camera), np.full((120, 160, 3), 200, np.uint8))
    listener = SystemdSocket(tmp_path / "notify")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_IM_MODULE", "WATCHDOG_PID")}
    env.update(
        QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(listener.path), WATCHDOG_USEC="1000000"
    )
    command = [sys.executable, "-m", "ui.cli", "run", "--camera", str(camera)]
    kiosk = subprocess.Popen(
        [*command, "--data-dir", str(site.data_dir.path)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        listener.wait_for("READY=1", 120)  # a loaded CI machine starts Qt slowly
        listener.wait_for("WATCHDOG=1", 10)
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(30)
        stopping = any("STOPPING=1" in d for d in listener.read() + listener.received)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
        listener.sock.close()
    log = kiosk.stderr.read() if kiosk.stderr else ""
    assert status == 0, log
    assert stopping, log
