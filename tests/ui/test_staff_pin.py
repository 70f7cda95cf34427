"""The staff PIN is checked off the GUI thread (scrypt takes tens of milliseconds, more
on a small board): the screen stays alive, and the pad takes no second try meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import hash_pin
from kiosk.site import Site
from kiosk.staff import PinCheck
from ui.app import Kiosk


class HeldCheck:
    """The real PIN check, held at its start until the test lets it go."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.real = kiosk.desk.check_staff_pin
        self.release = threading.Event()
        self.threads: list[int] = []

    def __call__(self, pin: str) -> PinCheck:
        self.threads.append(threading.get_ident())
        self.release.wait(10)
        return self.real(pin)


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    site.settings = replace(site.settings, staff_pin_hash=hash_pin("2468"))
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    yield kiosk
    kiosk.stop()


@pytest.fixture
def held(kiosk: Kiosk) -> Iterator[HeldCheck]:
    held = HeldCheck(kiosk)
    kiosk.desk.check_staff_pin = held  # type: ignore[method-assign]
    yield held
    held.release.set()  # never leave the check's thread waiting


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_pin(qtbot, kiosk: Kiosk, pin: str) -> None:
    _tap(qtbot, kiosk.window.welcome.staff_button)
    for digit in pin:
        _tap(qtbot, kiosk.window.staff_pin.keys[digit])
    _tap(qtbot, kiosk.window.staff_pin.ok_button)


def test_the_pin_is_checked_off_the_gui_thread_and_the_pad_takes_no_second_try(
    qtbot, kiosk: Kiosk, held: HeldCheck
) -> None:
    pad = kiosk.window.staff_pin
    _type_pin(qtbot, kiosk, "2468")
    qtbot.waitUntil(lambda: bool(held.threads))
    assert held.threads[0] != threading.get_ident()  # not the GUI thread
    # the check is running: the pad shows it takes nothing
    assert pad.checking and kiosk.window.currentWidget() is pad
    assert not pad.ok_button.isEnabled() and not pad.keys["2"].isEnabled()
    with qtbot.assertNotEmitted(pad.pin_entered):
        pad._submit()  # what a second tap on OK would do
    kiosk.window.staff_door.pin_entered("2468")  # and the window does not start a second check
    qtbot.wait(50)
    assert len(held.threads) == 1

    held.release.set()
    qtbot.waitUntil(lambda: kiosk.window.currentWidget() is kiosk.window.staff)
    assert not pad.checking and len(held.threads) == 1


def test_a_right_pin_does_not_open_staff_mode_after_the_person_left_the_pad(
    qtbot, kiosk: Kiosk, held: HeldCheck
) -> None:
    pad = kiosk.window.staff_pin
    _type_pin(qtbot, kiosk, "2468")
    qtbot.waitUntil(lambda: bool(held.threads))
    _tap(qtbot, pad.back_button)
    assert kiosk.window.currentWidget() is kiosk.window.welcome
    held.release.set()
    qtbot.waitUntil(lambda: not pad.checking)
    assert kiosk.window.currentWidget() is kiosk.window.welcome  # not staff mode

    # the pad is usable again at once
    _type_pin(qtbot, kiosk, "2468")
    qtbot.waitUntil(lambda: kiosk.window.currentWidget() is kiosk.window.staff)
