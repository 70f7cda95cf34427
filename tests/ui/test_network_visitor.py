"""A member of another place of the network at the door: welcomed as such, then "just
come in" (the visit recorded, the usual greeting) or "register here" (the registration)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.badges import make_token
from kiosk.checkin import visits_between
from kiosk.models import CheckinMethod
from kiosk.network import Place, replace_places
from kiosk.site import Site
from ui.app import Kiosk

BADGE = make_token(b"the key of Rennes, never on this kiosk", "ABCD", "8M3XQ2TB", 1)


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    with site.transaction() as session:
        replace_places(session, [Place("ABCD", "Fablab de Rennes")], site.now())
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.show(windowed=True)
    kiosk.set_language("en")  # the new words are not in the French catalogue yet
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _visits(site: Site) -> list:
    with site.sessions() as session:
        return visits_between(session, None, None)


def test_the_badge_of_a_place_of_the_network_offers_two_choices(qtbot, kiosk, site) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    screen = window.network_visitor
    assert window.currentWidget() is screen
    assert screen.title.text() == "Welcome!"
    assert screen.subtitle.text() == "You are a member of Fablab de Rennes."
    assert screen.come_in_button.text() == "Just come in"
    assert screen.register_button.text() == "Register here"
    assert screen.come_in_button.picture.pixmap() is not None  # a picture on each choice
    assert not screen.register_button.picture.pixmap().isNull()
    window.on_badge_seen(BADGE)  # still in front of the camera: the question stays
    assert window.currentWidget() is screen and _visits(site) == []


def test_just_come_in_records_the_visit_and_greets(qtbot, kiosk, site, monkeypatch) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    _tap(qtbot, window.network_visitor.come_in_button)
    assert window.currentWidget() is window.result
    assert window.result.title.text() == "Welcome!"
    assert "%1" not in window.result.subtitle.text()
    [visit] = _visits(site)
    assert (visit.member_id, visit.home_site, visit.network_badge) == (None, "ABCD", BADGE)
    assert visit.method is CheckinMethod.BADGE
    _tap(qtbot, window.result.space_buttons["coworking"])  # the usual question after it
    assert _visits(site)[0].space == "coworking"
    assert window.currentWidget() is window.welcome

    later = site.now() + timedelta(hours=2)
    monkeypatch.setattr(site, "now", lambda: later)
    window.on_badge_seen(BADGE)  # two hours later: leaving
    [visit] = _visits(site)
    assert visit.checked_out_at is not None
    assert window.currentWidget() is window.result
    assert window.result.title.text() == "Goodbye!"


def test_register_here_opens_the_registration_and_records_nothing(qtbot, kiosk, site) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    _tap(qtbot, window.network_visitor.register_button)
    assert window.currentWidget() is window.register
    assert _visits(site) == []


def test_back_goes_home_and_forgets_the_badge(qtbot, kiosk, site) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    _tap(qtbot, window.network_visitor.back_button)
    assert window.currentWidget() is window.welcome
    assert window.network_visitor.subtitle.text() == ""
    window.network.screen.come_in.emit()  # nothing left to let in
    assert _visits(site) == []


def test_a_second_scan_minutes_later_asks_before_the_goodbye(
    qtbot, kiosk, site, monkeypatch
) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    _tap(qtbot, window.network_visitor.come_in_button)
    later = site.now() + timedelta(minutes=2)
    monkeypatch.setattr(site, "now", lambda: later)
    window.go_home()
    window.on_badge_seen(BADGE)
    assert window.currentWidget() is window.result
    assert window.result.title.text() == "Leaving already?"
    assert _visits(site)[0].checked_out_at is None
    _tap(qtbot, window.result.leave_button)
    assert _visits(site)[0].checked_out_at is not None
    assert window.result.title.text() == "Goodbye!"


def test_staff_see_a_network_visitor_in_the_building(qtbot, kiosk, site) -> None:
    window = kiosk.window
    window.on_badge_seen(BADGE)
    _tap(qtbot, window.network_visitor.come_in_button)
    panel = window.staff.presence
    panel.refresh()
    words = [w.text() for w in panel.findChildren(QLabel)]
    assert any("a member of Fablab de Rennes" in w and "ABCD 8M3X-Q2TB" in w for w in words)
