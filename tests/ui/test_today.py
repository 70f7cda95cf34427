"""Today: the welcome strip and the board follow the clock; machines at check-in; staff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.checkin import Outcome, open_visits
from kiosk.hours import HoursState
from kiosk.machines import board
from kiosk.members.registration import NewMember, register_member
from kiosk.models import Certification, CheckinMethod, MachineStatus, MembershipStatus
from kiosk.site import Site, open_site
from kiosk.staff import set_staff_pin
from ui.app import Kiosk
from ui.widgets.machine_card import MachineCard

PARIS = ZoneInfo("Europe/Paris")


class Clock:
    """The site's clock, moved by the test (Site.now is the one place time comes from)."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(site: Site) -> Clock:
    clock = Clock(datetime(2026, 11, 25, 19, 59, 30, tzinfo=PARIS))  # a Wednesday
    site.now = clock  # type: ignore[method-assign]
    return clock


@pytest.fixture
def kiosk(qtbot, site: Site, clock: Clock) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _member(site: Site, name: str = "Jade", tutorials: tuple[str, ...] = ()) -> str:
    with site.transaction() as session:
        member = register_member(
            session, NewMember(name), consent_at=site.now(), status=MembershipStatus.ACTIVE
        )
        for tutorial in tutorials:
            session.add(Certification(member_id=member.id, tutorial=tutorial, theory_at=site.now()))
        return site.badge_token(member)


def test_strip_says_open_until_when_and_turns_closed_at_the_minute(kiosk, clock) -> None:
    panel = kiosk.window.welcome.hours_panel
    fablab = panel.status_labels[0].text()
    assert "20:00" in fablab and kiosk.window._model.spaces[0].state is HoursState.OPEN
    # one timer, armed for the closing minute (30 s away), not a poll
    timer = kiosk.window._today_timer
    # (wall time passes between arming and this check: a loaded machine takes seconds)
    assert timer.isActive() and 25_000 <= timer.remainingTime() <= 31_500
    clock.at += timedelta(seconds=31)
    timer.timeout.emit()
    assert kiosk.window._model.spaces[0].state is HoursState.CLOSED
    assert panel.status_labels[0].text() != fablab
    assert "14:00" in panel.status_labels[0].text()  # opens Friday at 14:00


def test_board_shows_each_status_in_words(qtbot, kiosk, site) -> None:
    kiosk.desk.set_machine_status("laser", MachineStatus.OUT_OF_ORDER, note="Tube HS")
    kiosk.window.refresh_today()
    _tap(qtbot, kiosk.window.welcome.hours_panel.today_button)
    today = kiosk.window.today
    assert kiosk.window.currentWidget() is today
    cards = {card.machine.id: card for card in today.findChildren(MachineCard)}
    assert "Tube HS" in cards["laser"].status.text()
    assert cards["laser"].status.text() != cards["cnc"].status.text()
    assert "✖" in cards["laser"].status.text() and "✔" in cards["cnc"].status.text()


def test_machine_tapped_at_check_in_is_in_use_until_check_out(qtbot, kiosk, site, clock) -> None:
    kiosk.desk.set_machine_status("prusa-2", MachineStatus.OUT_OF_ORDER, note="Buse bouchée")
    kiosk.window.refresh_today()
    token = _member(site)
    kiosk.window.on_badge_seen(token)
    _tap(qtbot, kiosk.window.result.space_buttons["fablab"])
    picker = kiosk.window.picker
    assert kiosk.window.currentWidget() is picker
    assert not picker.buttons["prusa-2"].isEnabled()  # out of order: cannot be picked
    _tap(qtbot, picker.buttons["laser"])
    _tap(qtbot, picker.ok_button)
    # no laser tutorial: told which one, kindly, and still marked in use
    assert picker.message.text() and "laser" in picker.message.text().lower()
    with site.sessions() as session:
        laser = {m.id: m for m in board(session, site.settings, clock())}["laser"]
    assert laser.status is MachineStatus.IN_USE
    _tap(qtbot, picker.ok_button)
    assert kiosk.window.currentWidget() is kiosk.window.welcome

    clock.at += timedelta(minutes=1)
    kiosk.window.on_badge_seen(token)  # a minute later: "leaving already?", yes
    _tap(qtbot, kiosk.window.result.leave_button)
    with site.sessions() as session:
        laser = {m.id: m for m in board(session, site.settings, clock())}["laser"]
    assert laser.status is MachineStatus.AVAILABLE


def test_certified_member_is_not_told_about_a_tutorial(qtbot, kiosk, site) -> None:
    token = _member(site, "Malik", tutorials=("cnc-mill",))
    kiosk.window.on_badge_seen(token)
    _tap(qtbot, kiosk.window.result.space_buttons["pro"])
    _tap(qtbot, kiosk.window.picker.buttons["cnc"])
    _tap(qtbot, kiosk.window.picker.ok_button)
    assert kiosk.window.currentWidget() is kiosk.window.welcome  # nothing to say


def _start_kiosk(qtbot, site: Site) -> Kiosk:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    return kiosk


def _type_pin(qtbot, kiosk: Kiosk, pin: str) -> None:
    pad = kiosk.window.staff_pin
    for digit in pin:
        _tap(qtbot, pad.keys[digit])
    _tap(qtbot, pad.ok_button)
    qtbot.waitUntil(lambda: not pad.checking)  # checked on its own thread


def test_staff_pin_locks_after_three_wrong_tries_even_across_a_restart(
    qtbot, site: Site, clock: Clock
) -> None:
    set_staff_pin(site, "2468")  # in config.toml, as `fablab-kiosk staff-pin` does
    kiosk = _start_kiosk(qtbot, site)
    try:
        _tap(qtbot, kiosk.window.welcome.staff_button)
        pad = kiosk.window.staff_pin
        for _ in range(3):
            _type_pin(qtbot, kiosk, "1111")
        assert kiosk.window.currentWidget() is pad
        assert not pad.keys["2"].isEnabled()  # locked: the pad waits
        assert "30" in pad.message.text()
        kiosk.window.go_home()  # leave and come back: the lock is still there
        _tap(qtbot, kiosk.window.welcome.staff_button)
        assert not pad.keys["2"].isEnabled()
    finally:
        kiosk.stop()
        kiosk.window.close()

    # the plug is pulled; the kiosk starts again on the same data directory
    clock.at += timedelta(seconds=5)
    restarted = open_site(site.data_dir.path)
    restarted.now = clock  # type: ignore[method-assign]
    kiosk = _start_kiosk(qtbot, restarted)
    try:
        _tap(qtbot, kiosk.window.welcome.staff_button)
        pad = kiosk.window.staff_pin
        assert kiosk.window.currentWidget() is pad
        assert not pad.keys["2"].isEnabled() and not pad.ok_button.isEnabled()
        assert "25" in pad.message.text()  # the 30 s wait went on while it was off
    finally:
        kiosk.stop()
        kiosk.window.close()

    clock.at += timedelta(seconds=26)  # once the wait is over, the right PIN opens it
    restarted = open_site(site.data_dir.path)
    restarted.now = clock  # type: ignore[method-assign]
    kiosk = _start_kiosk(qtbot, restarted)
    try:
        _tap(qtbot, kiosk.window.welcome.staff_button)
        _type_pin(qtbot, kiosk, "2468")
        assert kiosk.window.currentWidget() is kiosk.window.staff
    finally:
        kiosk.stop()


def test_staff_sets_a_machine_out_of_order_with_a_reason_and_adds_a_closure(
    qtbot, kiosk, site, clock
) -> None:
    staff = kiosk.window.staff
    kiosk.window.refresh_today()
    kiosk.window._go(staff)
    _tap(qtbot, staff.tab_machines)

    def card(machine_id: str) -> MachineCard:
        return next(c for c in staff.findChildren(MachineCard) if c.machine.id == machine_id)

    def action(machine_id: str, index: int):
        return card(machine_id).action_row.itemAt(index).widget()

    _tap(qtbot, action("prusa-1", 2))  # "Out of order" with no reason: asked for one
    qtbot.waitUntil(lambda: bool(staff.feedback.text()))
    with site.sessions() as session:
        assert {m.id: m for m in board(session, site.settings, clock())}["prusa-1"].status is (
            MachineStatus.AVAILABLE
        )
    qtbot.keyClicks(staff.reason, "Broche cassee")
    _tap(qtbot, action("prusa-1", 2))
    qtbot.waitUntil(lambda: "Broche cassee" in card("prusa-1").status.text())
    with site.sessions() as session:
        prusa = {m.id: m for m in board(session, site.settings, clock())}["prusa-1"]
    assert (prusa.status, prusa.note) == (MachineStatus.OUT_OF_ORDER, "Broche cassee")
    assert "Broche cassee" in card("prusa-1").status.text()  # the board followed

    _tap(qtbot, staff.tab_hours)
    clock.at = datetime(2026, 11, 27, 15, 0, tzinfo=PARIS)  # Friday, fab lab open
    kiosk.window.refresh_today()
    hours = staff.exceptions
    _tap(qtbot, hours.space_buttons["fablab"])
    hours.days.pick(clock.at.date(), clock.at.date())
    qtbot.keyClicks(hours.comment, "Inventaire")
    _tap(qtbot, hours.add_button)
    qtbot.waitUntil(lambda: kiosk.window._model.spaces[0].comment == "Inventaire")
    status = kiosk.window._model.spaces[0]
    assert status.state is HoursState.CLOSED and status.comment == "Inventaire"
    strip = kiosk.window.welcome.hours_panel
    assert any("Inventaire" in text.text() for text in strip.findChildren(QLabel))


def test_a_machine_that_cannot_be_used_is_said_and_the_visit_stays(qtbot, kiosk, site) -> None:
    token = _member(site)
    kiosk.window.on_badge_seen(token)
    visit_id = kiosk.window.result._result.visit_id
    _tap(qtbot, kiosk.window.result.space_buttons["fablab"])
    # taken by staff for maintenance between the picker showing and the tap
    kiosk.desk.set_machine_status("prusa-1", MachineStatus.MAINTENANCE, note="Calibrage")
    _tap(qtbot, kiosk.window.picker.buttons["prusa-1"])
    _tap(qtbot, kiosk.window.picker.ok_button)
    assert "Calibrage" in kiosk.window.picker.message.text()
    with site.sessions() as session:
        assert [v.id for v in open_visits(session)] == [visit_id]
        prusa = {m.id: m for m in board(session, site.settings, site.now())}["prusa-1"]
    assert prusa.status is MachineStatus.MAINTENANCE
    assert kiosk.desk.scan(token, CheckinMethod.BADGE).outcome is Outcome.REPEAT


def test_a_broken_hours_string_shows_unknown_and_staff_see_why(qtbot, site, clock) -> None:
    from dataclasses import replace

    from kiosk.config import Space

    broken = Space("fablab", {"fr": "Fab lab", "en": "Fab lab"}, "We,Fx 14:00-20:00")
    site.settings = replace(site.settings, spaces=(broken, *site.settings.spaces[1:]))
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    try:
        model = kiosk.window._model
        assert model.spaces[0].state is HoursState.UNKNOWN
        assert model.spaces[1].state is HoursState.CLOSED  # the others still work (18:00)
        assert kiosk.window.welcome.hours_panel.status_labels[0].text().startswith("?")
        staff = kiosk.window.staff
        assert staff.problems.isVisibleTo(staff)
        assert "fablab" in staff.problems.text() and "Fx" in staff.problems.text()
    finally:
        kiosk.stop()


def test_the_board_shows_a_machine_photo_from_the_data_directory(qtbot, site, clock) -> None:
    from dataclasses import replace

    from PySide6.QtGui import QColor, QImage

    photo = QImage(64, 48, QImage.Format.Format_RGB32)
    photo.fill(QColor("orange"))
    (site.data_dir.path / "photos").mkdir()
    assert photo.save(str(site.data_dir.path / "photos" / "laser.png"))
    machines = tuple(
        replace(m, photo="photos/laser.png") if m.id == "laser" else m
        for m in site.settings.machines
    )
    site.settings = replace(site.settings, machines=machines)
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    try:
        cards = {c.machine.id: c for c in kiosk.window.today.findChildren(MachineCard)}
        pictures = {mid: card.findChild(QLabel, "machineicon") for mid, card in cards.items()}
        assert not pictures["laser"].pixmap().isNull()  # the photo
        laser = pictures["laser"].pixmap().toImage()
        assert laser.pixelColor(laser.width() // 2, laser.height() // 2) == QColor("orange")
        # no photo: the drawing of its kind (resources/pictograms/cnc_mill.svg)
        assert not pictures["cnc"].pixmap().isNull() and not pictures["cnc"].text()
    finally:
        kiosk.stop()
