"""Screen power: awake while the lab is open, dimmed while it is closed.

"Open" is any space open now by the kiosk's own hours (the Today model, the same the
welcome strip shows). A space whose hours are unknown counts as open: better a lit
screen than a kiosk dark for good because of a typo in the hours. One single-shot
timer is armed on the next change of a space's state, never a poll.

Keeping the display awake:

- X11: the X server blanks the screen after ten minutes by default (screen saver and
  DPMS), so ``xset s off -dpms`` runs when the hours open, if xset is installed;
- Wayland under cage (the deployed session): cage never blanks by itself (it has no
  idle timeout; only an idle daemon such as swayidle would), so there is nothing to do.

Dimming, outside opening hours:

- with a backlight in ``/sys/class/backlight/<name>/`` whose ``brightness`` the kiosk
  may write (a udev rule grants it), 15 % of ``max_brightness``; the value it had is
  put back when the hours open. A touch brightens it until the kiosk is idle again;
- without one (an HDMI monitor), a translucent black overlay on the window. A touch
  lifts it until the kiosk is idle again, and presses nothing underneath: it only
  wakes the screen.

Only the fullscreen kiosk does this; ``--windowed`` (a developer's machine) never
touches the display.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from kiosk.hours import HoursState
from kiosk.today import TodayModel

log = logging.getLogger(__name__)

SYS_BACKLIGHT = Path("/sys/class/backlight")
DIM_FRACTION = 0.15
DIM_ALPHA = 217  # the overlay lets 15 % of the picture through, like the backlight
MAX_WAIT_MS = 3_600_000  # look again within the hour: the clock may be set after boot
RETRY_MS = 60_000
WAKE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


def lab_is_open(model: TodayModel) -> bool:
    """Any space open now (or with unknown hours): the screen stays awake."""
    return not model.spaces or any(s.state is not HoursState.CLOSED for s in model.spaces)


def next_change(model: TodayModel) -> datetime | None:
    """The soonest moment a space opens or closes."""
    changes = [s.next_change for s in model.spaces if s.next_change is not None]
    return min(changes, key=datetime.timestamp, default=None)


def keep_display_awake(platform: str) -> bool:
    """Turn the X server's blanking off; True if a command was started for it."""
    if platform != "xcb":
        return False  # Wayland (cage) blanks nothing by itself; offscreen has no screen
    xset = shutil.which("xset")
    if xset is None:
        log.warning("xset is not installed: the X server may blank the screen when idle")
        return False
    started, _pid = QProcess.startDetached(xset, ["s", "off", "-dpms"])
    if not started:
        log.warning("could not run %s to keep the screen awake", xset)
    return bool(started)


class Backlight:
    """One backlight device in sysfs: dim to a fraction of its maximum, and back."""

    def __init__(self, device: Path) -> None:
        self.device = device
        self._saved: int | None = None
        self._failed = False

    @classmethod
    def find(cls, root: Path = SYS_BACKLIGHT) -> Backlight | None:
        """The first device whose brightness this process may write, if any."""
        try:
            devices = sorted(root.iterdir())
        except OSError:
            return None
        for device in devices:
            backlight = cls(device)
            try:
                if backlight.max_brightness > 0 and os.access(device / "brightness", os.W_OK):
                    return backlight
            except (OSError, ValueError):
                continue
        return None

    @property
    def max_brightness(self) -> int:
        return int((self.device / "max_brightness").read_text().strip())

    @property
    def brightness(self) -> int:
        return int((self.device / "brightness").read_text().strip())

    @property
    def dim_level(self) -> int:
        return max(1, round(self.max_brightness * DIM_FRACTION))

    def _write(self, value: int) -> None:
        (self.device / "brightness").write_text(str(value))

    def dim(self) -> None:
        try:
            level, current = self.dim_level, self.brightness
            if current > level:  # never brighten a screen set darker than that
                if self._saved is None:
                    self._saved = current
                self._write(level)
        except (OSError, ValueError) as exc:
            self._report(exc)

    def restore(self) -> None:
        try:
            if self._saved is not None:
                self._write(self._saved)
                self._saved = None
            elif self.brightness == self.dim_level:
                # left dim by a kiosk stopped at night (killed, restarted by systemd)
                self._write(self.max_brightness)
        except (OSError, ValueError) as exc:
            self._report(exc)

    def _report(self, exc: Exception) -> None:
        if not self._failed:
            log.warning("could not set the brightness in %s: %s", self.device, exc)
            self._failed = True


class DimOverlay(QWidget):
    """A translucent black cover over the whole window; a touch on it only wakes."""

    touched = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("dimOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        window.installEventFilter(self)
        if isinstance(window, QStackedWidget):  # the page it shows is raised above us
            window.currentChanged.connect(self._stay_on_top)

    def _stay_on_top(self) -> None:
        if self.isVisible():
            self.raise_()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), QColor(0, 0, 0, DIM_ALPHA))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # taken here, so nothing underneath is pressed

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.touched.emit()


class ScreenPower(QObject):
    """Awake during opening hours, dimmed outside them; *today* and *now* are the
    front desk's (``FrontDesk.today_model``, ``FrontDesk.now``)."""

    def __init__(
        self,
        window: QWidget,
        today: Callable[[], TodayModel],
        now: Callable[[], datetime],
        *,
        backlight: Backlight | None,
        platform: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.today = today
        self.now = now
        self.backlight = backlight
        self.platform = platform
        self.open: bool | None = None  # None: not started
        self.dimmed = False
        self.overlay = DimOverlay(window)
        self.overlay.touched.connect(self.wake)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.refresh)
        self._watching = False
        self._started = False

    def start(self) -> None:
        self._started = True
        self.refresh()

    def stop(self) -> None:
        """Leave the screen as bright as it was found."""
        self.timer.stop()
        if not self._started:
            return  # never started (windowed): the display was not touched
        self._started = False
        self._undim()
        self.open = None

    def refresh(self) -> None:
        """Look at the hours now: dim or wake, and arm the timer on the next change."""
        if not self._started:
            return
        try:
            model = self.today()
        except OSError:
            log.exception("could not read the hours for the screen; trying again in a minute")
            self.timer.start(RETRY_MS)
            return
        is_open = lab_is_open(model)
        if is_open != self.open:
            self.open = is_open
            log.info("hours %s: screen %s", *(("open", "awake") if is_open else ("closed", "dim")))
            if is_open:
                keep_display_awake(self.platform)
                self._undim()
            else:
                self._dim()
        change = next_change(model)
        wait_ms = MAX_WAIT_MS
        if change is not None:
            wait_ms = int((change.timestamp() - self.now().timestamp()) * 1000) + 500
        self.timer.start(min(max(wait_ms, 1000), MAX_WAIT_MS))

    def on_idle(self) -> None:
        """Nobody touched the kiosk for a while: dim again if the lab is closed."""
        if self.open is False:
            self._dim()

    def wake(self) -> None:
        """A touch or a badge while closed: full brightness until the kiosk is idle."""
        if self.dimmed:
            self._undim()

    def _dim(self) -> None:
        if self.backlight is not None:
            self.backlight.dim()
            self._watch_touches(True)
        else:
            self.overlay.cover()
        self.dimmed = True

    def _undim(self) -> None:
        if self.backlight is not None:
            self.backlight.restore()
        self._watch_touches(False)
        self.overlay.hide()
        self.dimmed = False

    def _watch_touches(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # with the backlight dimmed the screen can still be read: the touch goes through
        if event.type() in WAKE_EVENTS and self.dimmed:
            self.wake()
        return False
