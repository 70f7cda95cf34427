"""Registration by taps and typing makes a member whose new badge, as shown, checks in."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kiosk.checkin import Outcome
from kiosk.members.registration import list_members
from kiosk.models import CheckinMethod
from kiosk.scanning import make_decoder
from kiosk.site import Site
from ui.app import Kiosk


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.show(windowed=True)
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _commit_text(widget, text: str) -> None:
    """Type like Qt Virtual Keyboard does: an input-method commit (accents included)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _decode_widget(widget) -> list[str]:
    image = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB888)
    array = (
        np.frombuffer(image.constBits(), np.uint8)
        .reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
        .reshape(image.height(), image.width(), 3)
    )
    return make_decoder("zxing")(cv2.cvtColor(array, cv2.COLOR_RGB2BGR))


def test_newcomer_registers_and_their_badge_checks_in(qtbot, kiosk: Kiosk, site: Site) -> None:
    window, register = kiosk.window, kiosk.window.register
    _tap(qtbot, window.welcome.register_button)
    assert window.currentWidget() is register

    _tap(qtbot, register.name_next)  # nothing typed: told kindly, stays
    assert register.name_error.text()
    assert register.steps.currentIndex() == 0
    qtbot.keyClicks(register.first_name, "  L")
    _commit_text(register.first_name, "éa ")  # as the on-screen keyboard enters it
    qtbot.keyClicks(register.last_name, "Diallo")
    _tap(qtbot, register.name_next)
    assert register.steps.currentIndex() == 1

    _tap(qtbot, register.age_buttons["18-25"])
    qtbot.keyClicks(register.email, "lea@example")
    _tap(qtbot, register.contact_next)
    assert register.contact_error.text()  # a wrong email is said, not stored
    register.email.clear()
    qtbot.keyClicks(register.email, "lea@example.org")
    qtbot.keyClicks(register.postcode, "80000")
    _tap(qtbot, register.contact_next)
    assert register.steps.currentIndex() == 3
    with site.sessions() as session:
        assert list_members(session) == []  # nothing stored before consent

    _tap(qtbot, register.agree_button)
    assert window.currentWidget() is window.badge
    with site.sessions() as session:
        (member,) = list_members(session)
    assert (member.first_name, member.last_name, member.email, member.age_bracket) == (
        "Léa",
        "Diallo",
        "lea@example.org",
        "18-25",
    )
    assert member.consent_at is not None
    assert window.badge.code.text() == f"{member.short_code[:4]}-{member.short_code[4:]}"

    # the QR as painted on the screen is the member's badge, and it checks in
    codes = _decode_widget(window.badge.qr)
    assert codes == [site.badge_token(member)]
    shown = []
    window.scan_shown.connect(lambda result, _t: shown.append(result))
    window.on_badge_seen(codes[0])
    assert shown and shown[0].outcome is Outcome.CHECKED_IN
    assert shown[0].member_id == member.id


def test_refusing_consent_stores_nothing_and_idle_clears_fields(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    window, register = kiosk.window, kiosk.window.register
    _tap(qtbot, window.welcome.register_button)
    qtbot.keyClicks(register.first_name, "Karim")
    _tap(qtbot, register.name_next)
    _tap(qtbot, register.age_buttons[""])  # "I'd rather not say"
    _tap(qtbot, register.contact_next)
    _tap(qtbot, register.refuse_button)
    assert window.currentWidget() is window.welcome
    with site.sessions() as session:
        assert list_members(session) == []

    _tap(qtbot, window.welcome.register_button)
    qtbot.keyClicks(register.first_name, "Karim")
    kiosk.idle.timer.timeout.emit()  # nobody touched the screen for a while
    assert window.still_there.isVisible()  # asked first
    assert window.currentWidget() is register
    window.still_there.timed_out.emit()  # nobody answered
    assert window.currentWidget() is window.welcome
    assert register.first_name.text() == ""
    assert not window.still_there.isVisible()


def test_still_there_yes_keeps_what_was_typed(qtbot, kiosk: Kiosk) -> None:
    window, register = kiosk.window, kiosk.window.register
    _tap(qtbot, window.welcome.register_button)
    qtbot.keyClicks(register.first_name, "Karim")
    kiosk.idle.timer.timeout.emit()
    still = window.still_there
    assert still.isVisible() and "20" in still.countdown.text()
    assert still.question.text() == "Vous êtes encore là\u00a0?"
    still._count()  # a second goes by: the countdown says so
    assert "19" in still.countdown.text()
    _tap(qtbot, still.yes_button)
    assert not still.isVisible()
    assert window.currentWidget() is register
    assert register.first_name.text() == "Karim"


def test_badges_are_ignored_while_someone_registers(qtbot, kiosk: Kiosk, site: Site) -> None:
    with site.transaction() as session:
        from kiosk.members.registration import NewMember, register_member

        token = site.badge_token(
            register_member(session, NewMember("Sacha"), consent_at=site.now())
        )
    _tap(qtbot, kiosk.window.welcome.register_button)
    kiosk.window.on_badge_seen(token)
    assert kiosk.window.currentWidget() is kiosk.window.register
    assert kiosk.desk.scan(token, CheckinMethod.BADGE).outcome is Outcome.CHECKED_IN


def test_every_step_has_its_counter_and_back_in_the_same_place(qtbot, kiosk: Kiosk) -> None:
    window, register = kiosk.window, kiosk.window.register
    kiosk.window.resize(1280, 800)
    _tap(qtbot, window.welcome.register_button)
    assert register.first_name.hasFocus()  # the field that looks selected takes the keys
    backs = [register.name_back, register.age_back, register.contact_back, register.consent_back]
    places = []
    _tap(qtbot, register.name_next)  # no first name: the error shows in the top half
    assert register.name_error.isVisible() and register.name_error.text()
    assert register.name_error.mapTo(register, register.name_error.rect().bottomLeft()).y() < 400
    qtbot.keyClicks(register.first_name, "Karim")
    for step, back in enumerate(backs):
        register.steps.setCurrentIndex(step)
        qtbot.waitUntil(back.isVisible)
        counter = register.step_labels[step]
        assert counter.text() == f"Étape {step + 1} sur 4"
        places.append((back.mapTo(register, back.rect().topLeft()), back.size()))
        places.append((counter.mapTo(register, counter.rect().topLeft()).y(),))
        if step == 2:
            assert register.email.hasFocus()
    assert len({p for p in places if len(p) == 2}) == 1  # "Back" never moves
    assert len({p for p in places if len(p) == 1}) == 1  # nor the counter
    _tap(qtbot, register.consent_back)
    assert register.steps.currentIndex() == 2 and register.first_name.text() == "Karim"
