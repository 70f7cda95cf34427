"""Screen power: lit while a space is open, dimmed while all are closed, by the hours'
own next change; a fake sysfs backlight in a temporary folder; the overlay's touch."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kiosk.frontdesk import FrontDesk
from kiosk.models import CheckinMethod
from kiosk.site import Site
from ui.app import Kiosk
from ui.main_window import MainWindow
from ui.screen_power import Backlight, ScreenPower, keep_display_awake

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

PARIS = ZoneInfo("Europe/Paris")
# demo hours: the fab lab is open We,Fr 14:00-20:00, the coworking Mo-Fr 09:00-18:00
WEDNESDAY_LAST_MINUTE = datetime(2026, 11, 25, 19, 59, 30, tzinfo=PARIS)
WEDNESDAY_NIGHT = datetime(2026, 11, 25, 22, 0, tzinfo=PARIS)
THURSDAY_MORNING = datetime(2026, 11, 26, 9, 0, 30, tzinfo=PARIS)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(site: Site) -> Clock:
    clock = Clock(WEDNESDAY_LAST_MINUTE)
    site.now = clock  # type: ignore[method-assign]
    return clock


@pytest.fixture
def window(qtbot, site: Site, clock: Clock) -> MainWindow:
    window = MainWindow(FrontDesk(site))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    """/sys/class/backlight/panel as a plain folder: max 255, set at 200."""
    device = tmp_path / "backlight" / "panel"
    device.mkdir(parents=True)
    (device / "max_brightness").write_text("255\n")
    (device / "brightness").write_text("200\n")
    return device


@contextmanager
def powered(window: MainWindow, backlight: Backlight | None) -> Iterator[ScreenPower]:
    desk = window.desk
    power = ScreenPower(window, desk.today_model, desk.now, backlight=backlight, platform="")
    power.start()
    yield power
    power.stop()


@pytest.fixture
def lit_by_backlight(window: MainWindow, panel: Path) -> Iterator[ScreenPower]:
    with powered(window, Backlight.find(panel.parent)) as power:
        yield power


def _brightness(panel: Path) -> int:
    return int((panel / "brightness").read_text())


def _tap(qtbot, window: MainWindow, widget) -> None:
    """A finger on the screen: at the widget's place in the window, hit-tested by Qt."""
    at = widget.mapTo(window, widget.rect().center())
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=at)


def test_open_hours_leave_the_screen_alone(lit_by_backlight: ScreenPower, panel: Path) -> None:
    assert lit_by_backlight.open and not lit_by_backlight.dimmed
    assert _brightness(panel) == 200
    assert not lit_by_backlight.overlay.isVisible()


def test_one_timer_at_closing_time_dims_then_opening_restores(
    lit_by_backlight: ScreenPower, panel: Path, clock: Clock
) -> None:
    power = lit_by_backlight
    assert power.timer.isSingleShot() and power.timer.isActive()
    assert 30_000 <= power.timer.interval() <= 31_000  # closing at 20:00, 30 s away
    clock.at += timedelta(seconds=31)  # 20:00:01, everything closed
    power.timer.timeout.emit()
    assert power.dimmed and _brightness(panel) == round(255 * 0.15)
    assert not power.overlay.isVisible()  # the backlight does it
    # next opening Thursday 09:00, half a day away: looked at again within the hour
    assert power.timer.isActive() and power.timer.interval() == 3_600_000
    clock.at = THURSDAY_MORNING
    power.timer.timeout.emit()
    assert not power.dimmed and _brightness(panel) == 200


def test_closed_at_start_dims_and_a_touch_brightens_until_idle(
    qtbot, window: MainWindow, site: Site, panel: Path, clock: Clock
) -> None:
    clock.at = WEDNESDAY_NIGHT
    with powered(window, Backlight.find(panel.parent)) as power:
        assert power.dimmed and _brightness(panel) == 38
        with qtbot.waitSignal(window.welcome.guest_requested):  # the screen can be read
            _tap(qtbot, window, window.welcome.guest_button)
        assert not power.dimmed and _brightness(panel) == 200
        power.on_idle()
        assert power.dimmed and _brightness(panel) == 38
    assert _brightness(panel) == 200  # stopped: left as it was found


def test_a_kiosk_killed_at_night_is_bright_again_at_opening(
    window: MainWindow, site: Site, panel: Path, clock: Clock
) -> None:
    (panel / "brightness").write_text("38\n")  # what the previous process left
    clock.at = THURSDAY_MORNING
    with powered(window, Backlight.find(panel.parent)) as power:
        assert power.open and _brightness(panel) == 255


def test_a_screen_set_darker_by_hand_is_not_brightened_at_night(
    window: MainWindow, site: Site, panel: Path, clock: Clock
) -> None:
    (panel / "brightness").write_text("20\n")
    clock.at = WEDNESDAY_NIGHT
    with powered(window, Backlight.find(panel.parent)):
        assert _brightness(panel) == 20
    assert _brightness(panel) == 20


def test_without_a_backlight_an_overlay_dims_and_a_touch_only_wakes(
    qtbot, window: MainWindow, site: Site, clock: Clock
) -> None:
    clock.at = WEDNESDAY_NIGHT
    with powered(window, None) as power:
        overlay = power.overlay
        assert power.dimmed and overlay.isVisible() and overlay.geometry() == window.rect()
        button = window.welcome.guest_button
        middle = button.mapTo(window, button.rect().center())
        assert window.childAt(middle) is overlay
        guests: list[object] = []
        window.welcome.guest_requested.connect(lambda: guests.append(1))
        _tap(qtbot, window, button)
        assert guests == [] and window.currentWidget() is window.welcome  # nothing pressed
        assert not overlay.isVisible() and not power.dimmed
        _tap(qtbot, window, button)  # awake: the next touch is a touch
        assert guests == [1] and window.currentWidget() is window.guest
        window.go_home()
        power.on_idle()  # nobody for a while
        assert overlay.isVisible()


def test_the_overlay_stays_over_every_screen(
    qtbot, window: MainWindow, site: Site, clock: Clock
) -> None:
    clock.at = WEDNESDAY_NIGHT
    with powered(window, None) as power:
        window.reset_on_idle()
        window.setCurrentWidget(window.today)  # a page shown is raised by the stack
        assert window.childAt(window.rect().center()) is power.overlay
        window.resize(1024, 768)
        assert power.overlay.geometry() == window.rect()


def test_the_overlay_is_drawn_dark(qtbot, window: MainWindow, site: Site, clock: Clock) -> None:
    clock.at = WEDNESDAY_NIGHT
    lit = window.grab().toImage()
    with powered(window, None):
        dim = window.grab().toImage()
    at = QPoint(10, 10)
    assert dim.pixelColor(at).lightness() < lit.pixelColor(at).lightness() * 0.3


def test_no_writable_backlight_means_none(tmp_path: Path, panel: Path) -> None:
    assert Backlight.find(tmp_path / "no-such-class") is None
    (panel / "max_brightness").write_text("nonsense")
    assert Backlight.find(panel.parent) is None
    if os.geteuid() != 0:  # root may write anything
        (panel / "max_brightness").write_text("255")
        (panel / "brightness").chmod(stat.S_IRUSR)
        assert Backlight.find(panel.parent) is None


def test_a_broken_backlight_is_logged_not_raised(panel: Path, caplog) -> None:
    backlight = Backlight(panel)
    (panel / "brightness").unlink()
    backlight.dim()
    backlight.restore()
    assert caplog.text.count("could not set the brightness") == 1


def test_x11_blanking_is_turned_off_with_xset(qtbot, tmp_path: Path, monkeypatch) -> None:
    calls = tmp_path / "xset-calls"
    fake = tmp_path / "bin" / "xset"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    assert not keep_display_awake("wayland")  # cage blanks nothing: nothing to run
    assert not keep_display_awake("offscreen")
    assert keep_display_awake("xcb")
    qtbot.waitUntil(calls.exists)
    qtbot.waitUntil(lambda: calls.read_text() == "s off -dpms\n")


def test_x11_without_xset_does_not_crash(tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not keep_display_awake("xcb")
    assert "xset is not installed" in caplog.text


def test_the_fullscreen_kiosk_dims_at_night_and_wakes_for_a_badge(qtbot, site: Site) -> None:
    site.now = lambda: WEDNESDAY_NIGHT  # type: ignore[method-assign]
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.window.setMinimumSize(320, 240)  # the offscreen screen is 800x800
    kiosk.show(windowed=False)
    try:
        power = kiosk.screen_power
        assert power.backlight is None  # offscreen: the machine's backlight is left alone
        assert power.overlay.isVisible()
        kiosk.window.handle_scan("not a badge", CheckinMethod.BADGE)
        assert not power.overlay.isVisible()  # the refusal is seen in full
        kiosk.idle.idle.emit()
        assert power.overlay.isVisible()
        # staff open the fab lab tonight (a special opening): lit at once
        kiosk.desk.add_exception(
            space="fablab", starts_on=WEDNESDAY_NIGHT.date(), opens_at=time(21), closes_at=time(23)
        )
        kiosk.window.staff.changed.emit()
        assert power.open and not power.overlay.isVisible()
    finally:
        kiosk.stop()
    assert not power.overlay.isVisible()


def test_the_windowed_kiosk_never_dims(qtbot, site: Site) -> None:
    site.now = lambda: WEDNESDAY_NIGHT  # type: ignore[method-assign]
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    try:
        kiosk.window.staff.changed.emit()  # staff changed the hours
        kiosk.idle.idle.emit()
        assert kiosk.screen_power.open is None and not kiosk.screen_power.overlay.isVisible()
    finally:
        kiosk.stop()
