"""Start the kiosk: QApplication, translations, style, the window, the camera thread.

Everything is wired here and passed down (no global app object).
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSize,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from kiosk.frontdesk import FrontDesk
from kiosk.sdnotify import Notifier, watchdog_interval
from kiosk.site import Site
from ui.input import IdleWatcher, ScannerInput
from ui.keyboard import Keyboard
from ui.keyboard import in_use as keyboard_in_use
from ui.lockdown import Lockdown
from ui.main_window import MainWindow
from ui.screen_power import Backlight, ScreenPower
from ui.speech import Speaker
from ui.sync_worker import STOP_TIMEOUT_MS as SYNC_STOP_TIMEOUT_MS
from ui.sync_worker import SyncWorker
from ui.workers import CAMERA_STOP_TIMEOUT_MS, SAME_BADGE_QUIET_S, CameraWorker, WorkerThread

log = logging.getLogger(__name__)


def resource_path(*parts: str) -> Path:
    return Path(str(resources.files("resources").joinpath(*parts)))


SYSTEM_LOCALES = {"fr": "fr_FR.UTF-8", "en": "en_GB.UTF-8"}


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if "QT_IM_MODULE" not in os.environ and platform not in ("offscreen", "minimal"):
        os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"  # the on-screen keyboard
    if language in SYSTEM_LOCALES:
        # Qt Virtual Keyboard opens in the system locale's layout: AZERTY for French
        os.environ["LC_ALL"] = SYSTEM_LOCALES[language]
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("fablab-kiosk")
    apply_style(app, QSize(1920, 1080))
    return app


def apply_style(app: QApplication, size: QSize) -> None:
    """The style sheet is drawn for a 1920x1080 screen; sizes in px follow the real one
    (a 10" 1280x800 panel gets 74 %), so nothing is cut and type stays big."""
    scale = max(0.6, min(1.5, size.width() / 1920, size.height() / 1080))
    qss = resource_path("styles", "kiosk.qss").read_text(encoding="utf-8")
    scaled = re.sub(r"(\d+)px", lambda m: f"{round(int(m[1]) * scale)}px", qss)
    if scaled != app.styleSheet():  # setting it again re-polishes every widget
        app.setStyleSheet(scaled)


class Translations:
    """Switches the language of every screen at once (Qt sends LanguageChange)."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.current = ""
        self._installed: list[QTranslator] = []

    def switch(self, lang: str) -> None:
        if lang == self.current:
            return
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(lang))
        ours = QTranslator(self.app)
        if ours.load(str(resource_path("i18n", f"kiosk_{lang}.qm"))):
            self._installed.append(ours)
        elif lang != "en":  # English is the source language; no file needed
            log.error("no translation file for %s: the screens stay in English", lang)
        qt_own = QTranslator(self.app)
        if qt_own.load(
            f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            self._installed.append(qt_own)
        for translator in self._installed:
            self.app.installTranslator(translator)
        self.current = lang

    def remove(self) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        self.current = ""


class FirstPaint(QObject):
    """Says once that the welcome screen has been painted: what a person at the door
    sees, later than READY=1 (sent when the event loop starts). Logged, and sent to
    systemd as STATUS= (bench/bench_restart.py times a restart up to it)."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            watched.removeEventFilter(self)
            # after this paint has reached the screen, not while it is being drawn
            QTimer.singleShot(0, self, self._tell)
        return False

    def _tell(self) -> None:
        log.info("welcome screen painted")
        self.notifier.status("welcome screen painted")


class Kiosk:
    """The running kiosk: window, camera thread, scanner, idle reset, languages; when
    fullscreen, the lockdown and the screen's power; systemd's READY and watchdog."""

    def __init__(
        self,
        app: QApplication,
        site: Site,
        camera: str | None = None,
        *,
        start_camera: bool = True,
        start_sync: bool = True,
        fps: float = 15.0,
        quiet_s: float = SAME_BADGE_QUIET_S,
    ) -> None:
        self.app = app
        self.site = site
        self.desk = FrontDesk(site)
        self.translations = Translations(app)
        self.default_language = site.settings.default_language
        self.translations.switch(self.default_language)
        self.speaker = Speaker()
        # the on-screen keyboard, only where Qt Virtual Keyboard is the input method
        self.keyboard = (
            Keyboard(site.data_dir.path / "keyboard", app) if keyboard_in_use() else None
        )
        self.window = MainWindow(self.desk, self.speaker)
        self.window.welcome.set_language(self.default_language)
        self.window.set_language(self.default_language)
        if self.keyboard is not None:
            self.keyboard.set_language(self.default_language)
        self.window.language_requested.connect(self.set_language)

        self.scanner = ScannerInput(app)
        self.scanner.scanned.connect(self.window.on_badge_seen)
        app.installEventFilter(self.scanner)
        self.idle = IdleWatcher(site.settings.idle_timeout_s, app)
        self.idle.idle.connect(self._on_idle)
        app.installEventFilter(self.idle)

        self.sync: WorkerThread[SyncWorker] | None = None
        if start_sync:
            self.sync = WorkerThread(SyncWorker(site), "sync", SYNC_STOP_TIMEOUT_MS)
            self.sync.worker.status_changed.connect(
                lambda status: self.window.staff.sync_panel.show_status(status, self.desk.now())
            )
            self.window.scan_shown.connect(self._wake_sync)
        self.camera: WorkerThread[CameraWorker] | None = None
        if start_camera:
            worker = CameraWorker(
                camera or site.settings.camera, site.settings.decoder, fps=fps, quiet_s=quiet_s
            )
            worker.frame_ready.connect(self.window.show_frame)
            self.window.frame_shown.connect(
                worker.preview_shown, Qt.ConnectionType.DirectConnection
            )
            worker.badge_seen.connect(self.window.on_badge_seen)
            worker.camera_failed.connect(lambda _msg: self.window.welcome.show_camera_problem())
            self.camera = WorkerThread(worker, "camera", CAMERA_STOP_TIMEOUT_MS)

        self.lockdown = Lockdown(self.window)  # engaged by show(), fullscreen only
        platform = app.platformName()
        self.screen_power = ScreenPower(  # started by show(), fullscreen only
            self.window,
            self.desk.today_model,
            self.desk.now,
            # offscreen draws on no screen: the machine's backlight is none of its business
            backlight=None if platform in ("offscreen", "minimal") else Backlight.find(),
            platform=platform,
        )
        self.window.still_there.timed_out.connect(self._reset_after_idle)
        self.window.scan_shown.connect(lambda *_: self.screen_power.wake())
        self.window.staff.changed.connect(self.screen_power.refresh)
        self.window.staff.quit_requested.connect(self.quit)
        # systemd (Type=notify): READY=1 once the window is up, then WATCHDOG=1 from this
        # thread's event loop, so a frozen loop stops the pings and systemd restarts us
        self.notifier = Notifier.from_environment()
        self.first_paint = FirstPaint(self.notifier, self.window)
        self.window.welcome.installEventFilter(self.first_paint)
        self.watchdog = QTimer(self.window)
        self.watchdog.timeout.connect(self.notifier.watchdog)
        self._stopped = False
        app.aboutToQuit.connect(self.stop)

    def set_language(self, lang: str) -> None:
        self.translations.switch(lang)
        if self.keyboard is not None:
            self.keyboard.set_language(lang)  # AZERTY in French, QWERTY in English
        self.window.welcome.set_language(lang)
        self.window.set_language(lang)

    def _wake_sync(self) -> None:
        """Something was recorded: the sync tries now rather than at its next tick."""
        if self.sync is not None:
            self.sync.worker.wake()

    def _on_idle(self) -> None:
        """Nobody touched the screen for a while: ask "still there?" first where something
        is on screen; back to the start (and the default language) when nobody answers."""
        if self.window.ask_if_still_there():
            return
        self._reset_after_idle()

    def _reset_after_idle(self) -> None:
        self.window.reset_on_idle()
        self.set_language(self.default_language)
        self.screen_power.on_idle()

    def show(self, windowed: bool, size: QSize | None = None) -> None:
        if windowed:
            size = size or QSize(1280, 800)
            apply_style(self.app, size)
            self.window.show()
            self.window.resize(size)  # again: sizes made with the previous style may linger
        else:
            screen = self.app.primaryScreen()
            if screen is not None:
                apply_style(self.app, screen.size())
                # with no window manager (a bare X server) fullscreen alone keeps the size
                self.window.setGeometry(screen.geometry())
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()
            self.lockdown.engage(self.app)
            self.screen_power.start()
        self.idle.start(hide_cursor=not windowed)
        if self.camera is not None:
            self.camera.start()
        if self.sync is not None:
            self.sync.start()
        QTimer.singleShot(0, self.window, self._tell_systemd_ready)  # once the loop runs

    def _tell_systemd_ready(self) -> None:
        if self._stopped:
            return
        self.notifier.ready("welcome screen shown")
        interval = watchdog_interval()
        if interval is not None and self.notifier.enabled:
            self.watchdog.start(max(100, round(interval * 1000 / 2)))  # twice per interval

    def quit(self) -> None:
        """Staff's "quit the kiosk" (staff mode is behind the PIN): unlock, end the loop.

        Under systemd (Restart=always) the kiosk is back a second later; to keep it
        closed, stop the service.
        """
        self.lockdown.allow_quit()
        self.app.quit()

    def stop(self) -> None:
        """Stop the camera thread and let go of the application (filters, translators)."""
        self.window.stop()  # a count or a PIN check may be running on its thread
        if not self._stopped:
            self._stopped = True
            self.watchdog.stop()
            self.notifier.stopping("stopping")
            self.notifier.close()
            self.lockdown.release()
            self.screen_power.stop()
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
        self.app.removeEventFilter(self.scanner)
        self.app.removeEventFilter(self.idle)
        self.idle.timer.stop()
        self.translations.remove()


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM (systemd stop) and Ctrl+C end the event loop cleanly, camera thread included.

    Python runs signal handlers only when it gets control, so a cheap timer gives it some.
    """
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def run_kiosk(site: Site, *, windowed: bool, camera: str | None) -> int:
    app = make_application(language=site.settings.default_language)
    kiosk = Kiosk(app, site, camera)
    _quit_on_signals(app)
    kiosk.show(windowed)
    try:
        return app.exec()
    finally:
        kiosk.stop()


RETRY_MS = 5_000


def run_out_of_order(problem: str, can_start: Callable[[], bool], *, windowed: bool) -> int:
    """Show :class:`OutOfOrderScreen` until *can_start* says the site opens again; then
    end (status 0: systemd's Restart=always starts the kiosk). systemd is told it is up,
    with the problem as its status, and kept from killing it (the watchdog)."""
    from ui.screens.out_of_order import OutOfOrderScreen

    app = make_application(language="fr")
    translations = Translations(app)
    translations.switch("fr")
    screen = OutOfOrderScreen(problem)
    notifier = Notifier.from_environment()
    _quit_on_signals(app)

    def retry() -> None:
        if can_start():
            log.info("the site opens again: starting the kiosk")
            app.quit()

    checker = QTimer(screen)
    checker.timeout.connect(retry)
    checker.start(RETRY_MS)
    watchdog = QTimer(screen)
    watchdog.timeout.connect(notifier.watchdog)
    interval = watchdog_interval()
    if interval is not None and notifier.enabled:
        watchdog.start(max(100, round(interval * 1000 / 2)))
    if windowed:
        screen.resize(1280, 800)
        screen.show()
    else:
        screen.showFullScreen()
    log.error("out of order: %s", problem)
    QTimer.singleShot(0, lambda: notifier.ready(f"OUT OF ORDER: {problem}"))
    try:
        return app.exec()
    finally:
        checker.stop()
        watchdog.stop()
        translations.remove()
