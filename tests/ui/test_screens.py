"""The welcome screen's other ways in, refusals in words, languages, scanner, full disk."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from kiosk.badges import make_token
from kiosk.checkin import Outcome, visits_between
from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, MembershipStatus
from kiosk.site import Site
from tests.conftest import fill
from ui.app import Kiosk


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.show(windowed=True)
    yield kiosk
    kiosk.stop()


def _member(site: Site, name: str = "Nadia", **kw) -> tuple[str, str]:
    with site.transaction() as session:
        member = register_member(session, NewMember(name), consent_at=site.now(), **kw)
        return member.short_code, site.badge_token(member)


def _tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_short_code_typed_on_the_keypad_checks_in(qtbot, kiosk: Kiosk, site: Site) -> None:
    code, _ = _member(site, status=MembershipStatus.ACTIVE)
    _tap(qtbot, kiosk.window.welcome.code_button)
    screen = kiosk.window.code_entry
    assert not screen.ok_button.isEnabled()
    for char in code[:7] + "X":
        _tap(qtbot, screen.keypad.keys[char])
    _tap(qtbot, screen.keypad.backspace)  # a typo, corrected
    _tap(qtbot, screen.keypad.keys[code[7]])
    assert screen.display.text().replace(" ", "") == f"{code[:4]}-{code[4:]}"
    _tap(qtbot, screen.ok_button)
    assert kiosk.window.currentWidget() is kiosk.window.result
    assert "Nadia" in kiosk.window.result.title.text()


def test_unknown_code_is_refused_in_plain_words(qtbot, kiosk: Kiosk) -> None:
    _tap(qtbot, kiosk.window.welcome.code_button)
    for char in "ZZZZZZZZ":
        _tap(qtbot, kiosk.window.code_entry.keypad.keys[char])
    _tap(qtbot, kiosk.window.code_entry.ok_button)
    result = kiosk.window.result
    assert result.objectName() == "refusal"
    assert "code" in result.title.text().lower()
    assert "8" in result.subtitle.text()  # says how many characters to check


@pytest.mark.parametrize(
    ("make_text", "words"),
    [
        (lambda site, token: token[:-3], "lire"),  # cut short: "could not read"
        (
            lambda site, token: make_token(b"x" * 32, site.settings.site_id, token[10:18], 1),
            "valable",
        ),  # forged
        (lambda site, token: make_token(b"x" * 32, "ZZZZ", "ABCDEFGH", 1), "autre"),
        (lambda site, token: "https://example.org/", "pas un badge"),  # a web address
    ],
)
def test_bad_badges_get_a_clear_french_message(qtbot, kiosk, site, make_text, words) -> None:
    _, token = _member(site)
    kiosk.window.on_badge_seen(make_text(site, token))
    result = kiosk.window.result
    assert kiosk.window.currentWidget() is result and result.objectName() == "refusal"
    assert words in (result.title.text() + result.subtitle.text()).lower()
    with site.sessions() as session:
        assert visits_between(session, None, None) == []


def test_expired_membership_is_recorded_and_sent_to_staff(qtbot, kiosk, site) -> None:
    from datetime import date

    _, token = _member(site, status=MembershipStatus.ACTIVE, valid_until=date(2020, 1, 1))
    kiosk.window.on_badge_seen(token)
    result = kiosk.window.result
    assert result.objectName() == "greeting" and result.banner.isVisible()
    assert "renouveler" in result.banner.text().lower()  # says what to do: renew with staff
    with site.sessions() as session:
        assert len(visits_between(session, None, None)) == 1


def test_space_tapped_after_check_in_is_recorded(qtbot, kiosk, site) -> None:
    _, token = _member(site)
    kiosk.window.on_badge_seen(token)
    result = kiosk.window.result
    _tap(qtbot, result.space_buttons["coworking"])
    assert kiosk.window.currentWidget() is kiosk.window.welcome
    with site.sessions() as session:
        (visit,) = visits_between(session, None, None)
    assert visit.space == "coworking"


def test_guests_are_counted_by_taps(qtbot, kiosk, site) -> None:
    _tap(qtbot, kiosk.window.welcome.guest_button)
    guest = kiosk.window.guest
    for _ in range(4):
        _tap(qtbot, guest.plus)
    _tap(qtbot, guest.purpose_buttons["workshop"])
    assert "5" in kiosk.window.result.subtitle.text()
    with site.sessions() as session:
        (visit,) = visits_between(session, None, None)
    assert (visit.member_id, visit.head_count, visit.purpose) == (None, 5, "workshop")


def test_language_switch_and_back_to_french_on_idle(qtbot, kiosk) -> None:
    welcome = kiosk.window.welcome
    french = welcome.prompt.text()
    assert french == "Montrez votre badge à la caméra"
    _tap(qtbot, welcome.language_buttons["en"])
    qtbot.waitUntil(lambda: welcome.prompt.text() == "Show your badge to the camera")
    kiosk.idle.timer.timeout.emit()
    qtbot.waitUntil(lambda: welcome.prompt.text() == french)


def test_usb_scanner_burst_checks_in_but_slow_typing_does_not(qtbot, kiosk, site) -> None:
    code, token = _member(site)
    qtbot.keyClicks(kiosk.window, token)  # a scanner types the token in a few ms
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    assert kiosk.window.currentWidget() is kiosk.window.result
    assert "Nadia" in kiosk.window.result.title.text()

    kiosk.window.go_home()
    for char in code:  # a person typing, 100 ms per key
        qtbot.keyClick(kiosk.window, char)
        time.sleep(0.1)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    assert kiosk.window.currentWidget() is kiosk.window.welcome


def test_unwritable_database_is_said_and_the_kiosk_goes_on(qtbot, kiosk, site) -> None:
    """Disk full, file damaged or read-only: SQLite refuses the write; the person is told."""
    _, token = _member(site)

    def read_only(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")

    engine = site.sessions.kw["bind"]
    engine.dispose()
    event.listen(engine, "connect", read_only)
    try:
        kiosk.window.on_badge_seen(token)
        result = kiosk.window.result
        assert result.objectName() == "refusal"
        assert "enregistr" in result.title.text().lower()  # "could not be recorded"
        assert "pas de votre faute" in result.subtitle.text()  # kind to the visitor
        assert result.banner.isVisible() and "sudo fablab-kiosk doctor" in result.banner.text()
    finally:
        event.remove(engine, "connect", read_only)
        engine.dispose()
    assert kiosk.desk.scan(token, CheckinMethod.BADGE).outcome is Outcome.CHECKED_IN


def test_a_full_disk_is_said_to_staff_and_the_kiosk_records_again(qtbot, small_disk) -> None:
    """A real full disk (a 4 MB tmpfs, root only): the visitor is told kindly, staff are
    told the disk is full (not that the database is damaged), and once space is freed the
    same running kiosk records again."""
    from kiosk.demo import demo_settings
    from kiosk.site import init_site

    site = init_site(small_disk / "site", "Fablab Test", demo_settings())
    _, token = _member(site)
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    try:
        filler = fill(small_disk)
        kiosk.window.on_badge_seen(token)
        result = kiosk.window.result
        assert result.objectName() == "refusal"
        assert "pas de votre faute" in result.subtitle.text()
        assert result.banner.isVisible() and "le disque est plein" in result.banner.text()
        assert "endommag" not in result.banner.text()  # not "damaged"
        filler.unlink()
        kiosk.window.go_home()
        kiosk.window.on_badge_seen(token)
        assert kiosk.window.result.objectName() != "refusal"
        assert "Nadia" in kiosk.window.result.title.text()
    finally:
        kiosk.stop()
        site.sessions.kw["bind"].dispose()


def test_a_second_scan_minutes_after_check_in_asks_before_checking_out(qtbot, kiosk, site) -> None:
    from datetime import timedelta

    _, token = _member(site, "Léa")
    kiosk.window.on_badge_seen(token)
    assert "Léa" in kiosk.window.result.title.text()
    kiosk.window.go_home()
    later = site.now() + timedelta(minutes=2)
    site.now = lambda: later  # two minutes later, the badge again
    kiosk.window.on_badge_seen(token)
    result = kiosk.window.result
    assert kiosk.window.currentWidget() is result
    assert result.title.text() == "Vous partez déjà, Léa\u00a0?"
    with site.sessions() as session:
        (visit,) = visits_between(session, None, None)
        assert visit.checked_out_at is None  # nothing done yet
    _tap(qtbot, result.ok_button)  # "No, I am staying"
    assert kiosk.window.currentWidget() is kiosk.window.welcome
    kiosk.window.on_badge_seen(token)
    _tap(qtbot, result.leave_button)  # "Yes, I am leaving"
    with site.sessions() as session:
        (visit,) = visits_between(session, None, None)
        assert visit.checked_out_at is not None
    assert result.title.text().startswith("Au revoir")


def test_a_qr_code_that_is_not_a_badge_says_so(qtbot, kiosk) -> None:
    kiosk.window.on_badge_seen("https://example.org/menu")
    result = kiosk.window.result
    assert "badge" in result.title.text() and "20 cm" not in result.subtitle.text()
    assert "Première visite" in result.subtitle.text()  # what to do next


def test_the_space_question_waits_for_a_slow_reader(qtbot, kiosk, site) -> None:
    _, token = _member(site, "Omar")
    kiosk.window.on_badge_seen(token)
    result = kiosk.window.result
    assert result.question.isVisible()  # "Where are you going today?"
    assert not result._timer.isActive()  # no 12-second close while someone reads
    kiosk.idle.timer.timeout.emit()  # a long while without a touch: asked first
    assert kiosk.window.still_there.isVisible()
    assert kiosk.window.currentWidget() is result
    kiosk.window.still_there.timed_out.emit()
    assert kiosk.window.currentWidget() is kiosk.window.welcome
