"""Lockdown: the fullscreen kiosk has no way out but the staff's.

Qt has no key of its own that leaves fullscreen or closes a window; the ways out are
the platform's and the habits people bring from desktops: a window manager's Alt+F4
(it arrives as a close request), Alt+Tab, Escape, Ctrl+Q / Ctrl+W, a window state
change (un-fullscreen, minimise). Under cage, the deployed session, most of them do
nothing, but a kiosk started in a desktop session must hold as well. So, while locked:

- those keys are refused application-wide (before any widget or shortcut sees them);
  Escape only once it reaches the main window, so a screen may still use it inside;
- a close request to the main window is ignored;
- the window goes back to fullscreen, raised, if something takes it out of it.

The way out is staff mode (behind the PIN): its "quit" calls :meth:`Lockdown.allow_quit`
before quitting. ``QApplication.quit()`` from the program itself (systemd's SIGTERM in
``ui/app.py``) is let through: Qt 6 asks every window to close before it quits, and a
quit that the code asked for is not a visitor's way out. Windowed mode (developers) is
never locked: :meth:`engage` is only called for fullscreen.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

Key = Qt.Key
Mod = Qt.KeyboardModifier
MODIFIERS = Mod.ShiftModifier | Mod.ControlModifier | Mod.AltModifier | Mod.MetaModifier

# (key, modifiers) that close, quit, switch away or toggle fullscreen somewhere
REFUSED: frozenset[tuple[Key, Mod]] = frozenset(
    {
        (Key.Key_F4, Mod.AltModifier),  # close the window
        (Key.Key_F4, Mod.ControlModifier),  # close the document / tab
        (Key.Key_Q, Mod.ControlModifier),  # quit
        (Key.Key_W, Mod.ControlModifier),  # close
        (Key.Key_W, Mod.ControlModifier | Mod.ShiftModifier),
        (Key.Key_Tab, Mod.AltModifier),  # switch windows
        (Key.Key_Backtab, Mod.AltModifier | Mod.ShiftModifier),
        (Key.Key_Tab, Mod.MetaModifier),
        (Key.Key_Backtab, Mod.MetaModifier | Mod.ShiftModifier),
        (Key.Key_Escape, Mod.AltModifier),
        (Key.Key_Escape, Mod.ControlModifier),  # a desktop's start menu
        (Key.Key_F11, Mod.NoModifier),  # fullscreen toggle in many programs
    }
)
SUPER_KEYS = {Key.Key_Super_L, Key.Key_Super_R, Key.Key_Meta}  # a desktop's launcher
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
RESTORE_AGAIN_MS = 1000  # not faster: a window manager may refuse fullscreen for good
RESTORES_PER_MINUTE = 5  # then give up rather than fight the platform forever


def refused(key: int, modifiers: Mod) -> bool:
    """True for a key combination that could take a visitor out of the kiosk."""
    if key in SUPER_KEYS:
        return True
    try:
        return (Key(key), modifiers & MODIFIERS) in REFUSED
    except ValueError:  # a key code Qt has no name for
        return False


class Lockdown(QObject):
    """An application event filter that keeps *window* fullscreen and open."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._app: QApplication | None = None
        self._quit_allowed = False
        self._restores: list[float] = []  # monotonic times, the last minute's
        self._gave_up = False
        self._restore_timer = QTimer(self, singleShot=True)
        self._restore_timer.timeout.connect(self._restore)

    @property
    def locked(self) -> bool:
        return self._app is not None and not self._quit_allowed

    def engage(self, app: QApplication) -> None:
        """Lock: from now on only :meth:`allow_quit` (or the program's quit) lets go."""
        if self._app is None:
            app.installEventFilter(self)
            self._app = app
        self._quit_allowed = False
        self._restores = []
        self._gave_up = False

    def release(self) -> None:
        """Remove the filter (the kiosk is stopping)."""
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self._restore_timer.stop()

    def allow_quit(self) -> None:
        """Staff asked to quit: the window may now close and leave fullscreen."""
        if not self._quit_allowed:
            log.info("lockdown lifted: the kiosk may quit")
        self._quit_allowed = True
        self._restore_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked:
            return False
        kind = event.type()
        if kind in KEY_EVENTS and isinstance(event, QKeyEvent):
            return self._refuse_key(watched, event)
        if kind == QEvent.Type.Quit and watched is self._app:
            self.allow_quit()  # QApplication.quit() in our own code: SIGTERM, staff
            return False
        if watched is not self.window:
            return False
        if kind == QEvent.Type.Close:
            log.info("close request refused: the kiosk is locked")
            event.ignore()
            return True
        if kind == QEvent.Type.WindowStateChange:
            state = self.window.windowState()
            if (
                not state & Qt.WindowState.WindowFullScreen
                or state & Qt.WindowState.WindowMinimized
            ):
                self._schedule_restore()
        return False

    def _refuse_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if refused(event.key(), event.modifiers()):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # a key press, not a shortcut: then refused as such
            return True
        # Escape left unused by the screens is the desktop habit "get me out of here"
        return event.key() == Key.Key_Escape and watched is self.window

    def _schedule_restore(self) -> None:
        if self._restore_timer.isActive() or self._gave_up:
            return
        now = time.monotonic()
        self._restores = [t for t in self._restores if now - t < 60]
        if len(self._restores) >= RESTORES_PER_MINUTE:
            log.warning(
                "the kiosk window does not stay fullscreen (a window manager, or a screen "
                "smaller than the window?): no more attempts"
            )
            self._gave_up = True
            return
        recent = self._restores and (now - self._restores[-1]) * 1000 < RESTORE_AGAIN_MS
        self._restore_timer.start(RESTORE_AGAIN_MS if recent else 0)

    def _restore(self) -> None:
        if not self.locked:
            return
        log.info("the kiosk window left fullscreen: put back")
        self._restores.append(time.monotonic())
        self.window.showFullScreen()
        self.window.raise_()
        self.window.activateWindow()
