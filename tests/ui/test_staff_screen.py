"""Staff mode's own polish: how the last action went (green with a tick, red with a
cross) and that it goes away with its tab; quitting asks first; closures on a calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QTableView

from kiosk.models import MachineStatus
from ui.app import Kiosk
from ui.screens.staff import StaffScreen


@pytest.fixture
def kiosk(qtbot, site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    kiosk.window.refresh_today()
    kiosk.window._go(kiosk.window.staff)
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_error_is_red_with_a_cross_and_goes_when_another_tab_opens(qtbot, kiosk) -> None:
    staff: StaffScreen = kiosk.window.staff
    _tap(qtbot, staff.tab_machines)
    staff._set_status("prusa-1", MachineStatus.OUT_OF_ORDER)  # no reason written
    assert staff.feedback.isVisible() and staff.feedback.outcome == "error"
    assert staff.feedback.text().startswith("✗ ")
    _tap(qtbot, staff.tab_members)
    assert not staff.feedback.isVisible() and staff.feedback.text() == ""

    _tap(qtbot, staff.tab_machines)
    staff.reason.setText("Buse bouchée")
    staff._set_status("prusa-1", MachineStatus.MAINTENANCE)
    assert staff.feedback.outcome == "ok" and staff.feedback.text().startswith("✓ ")


def test_quitting_the_kiosk_asks_first(qtbot, kiosk) -> None:
    staff: StaffScreen = kiosk.window.staff
    quits: list[bool] = []
    staff.quit_requested.disconnect()  # the test watches the request, the kiosk stays up
    staff.quit_requested.connect(lambda: quits.append(True))
    _tap(qtbot, staff.quit_button)
    assert quits == [] and staff.quit_confirm.isVisible()
    _tap(qtbot, staff.quit_cancel)
    assert quits == [] and not staff.quit_confirm.isVisible()
    _tap(qtbot, staff.quit_button)
    _tap(qtbot, staff.quit_yes)
    assert quits == [True]


def test_a_closure_is_two_taps_on_the_calendar(qtbot, kiosk, site) -> None:
    staff: StaffScreen = kiosk.window.staff
    _tap(qtbot, staff.tab_hours)
    hours = staff.exceptions
    first = site.now().date() + timedelta(days=2)
    last = first + timedelta(days=9)  # over a month's end sometimes: the calendar turns

    def tap_day(day) -> None:
        hours.days.setCurrentPage(day.year, day.month)
        view = hours.days.findChild(QTableView)
        model = view.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                # the first row may end the month before, the last rows start the next
                other_month = (row == 1 and day.day > 20) or (row >= 5 and day.day < 15)
                if str(model.data(index)) != str(day.day) or other_month:
                    continue
                rect = view.visualRect(index)
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                if hours.days.selectedDate() == QDate(day.year, day.month, day.day):
                    return
        raise AssertionError(f"{day} not on the calendar")

    tap_day(first)
    tap_day(last)
    assert (hours.days.first, hours.days.last) == (first, last)
    hours.comment.setText("Inventaire")
    _tap(qtbot, hours.add_button)
    assert staff.feedback.outcome == "ok"
    model = kiosk.window._model
    assert any(
        e.starts_on == first and e.ends_on == last and e.comment == "Inventaire"
        for e in model.exceptions
    )
