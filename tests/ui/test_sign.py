"""At the door during a workshop, through the real window over a real FrontDesk and
SQLite file: a trainee scanned in signs with a finger (real mouse drags), or says they
cannot sign; outside a session window the ordinary greeting shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, Visit
from kiosk.site import Site
from kiosk.workshops.attendance import current_marks
from kiosk.workshops.models import Mark
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from kiosk.workshops.signatures import unpack
from ui.app import Kiosk
from ui.widgets.listen import visible_words

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 2, 9, 30, tzinfo=PARIS)  # 09:30-12:30, one half-day


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(site: Site) -> Clock:
    clock = Clock(START + timedelta(minutes=10))
    site.now = clock  # type: ignore[method-assign]
    return clock


@pytest.fixture
def trainee(site: Site, clock: Clock) -> tuple[str, str, str]:
    """Inès Benali, enrolled in a workshop whose session is under way: (member id,
    badge token, session id)."""
    with site.transaction() as session:
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop("Premiers pas numériques", "fablab", title_en="First digital steps"),
            set(),
        )
        meeting = add_sessions(
            session,
            site.settings,
            workshop.id,
            START,
            START + timedelta(hours=3),
            today=date(2026, 11, 25),
        )[0]
        member = register_member(
            session, NewMember("Inès", "Benali"), consent_at=START - timedelta(days=30)
        )
        enrol(session, workshop.id, member.id, now=START - timedelta(days=7))
        return member.id, site.badge_token(member), meeting.id


@pytest.fixture
def kiosk(qtbot, qapp: QApplication, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(qapp, site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True, size=QSize(1280, 800))
    yield kiosk
    kiosk.stop()


def sign_with_finger(qtbot, kiosk: Kiosk) -> None:
    pad = kiosk.window.sign.pad
    qtbot.waitUntil(pad.isVisible)
    w, h = pad.width(), pad.height()
    path = [(0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.45, 0.35), (0.6, 0.65), (0.85, 0.4)]
    points = [QPoint(round(x * w), round(y * h)) for x, y in path]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point, 5)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def box(site: Site, session_id: str, member_id: str):  # type: ignore[no-untyped-def]
    with site.sessions() as session:
        entry = current_marks(session, session_id)[(0, member_id)]
        session.expunge(entry)
        return entry


def shown_words(kiosk: Kiosk) -> str:
    screen = kiosk.window.currentWidget()
    widgets = [*screen.findChildren(QLabel), *screen.findChildren(QAbstractButton)]
    return " ".join(w.text() for w in widgets if w.isVisible())


def test_a_trainee_scanned_in_signs_with_a_finger(qtbot, kiosk: Kiosk, site: Site, trainee) -> None:
    member_id, token, session_id = trainee
    window = kiosk.window
    window.on_badge_seen(token)
    assert window.currentWidget() is window.sign
    words = shown_words(kiosk)
    assert "Inès" in words and "Premiers pas numériques" in words
    assert "Benali" not in words  # the public screen never shows last names
    assert "09:30" in window.sign.workshop.text() and "12:30" in window.sign.workshop.text()
    with site.sessions() as session:
        assert session.query(Visit).count() == 1  # the visit is recorded as well
    assert not window.accepts_scans()  # a second badge must not take the pad away

    # Valider with an empty pad says what to do, stores nothing
    qtbot.mouseClick(window.sign.confirm_button, Qt.MouseButton.LeftButton)
    assert window.sign.problem.isVisible() and "doigt" in window.sign.problem.text()
    assert box(site, session_id, member_id).mark is Mark.DESK

    sign_with_finger(qtbot, kiosk)
    drawn = window.sign.pad.strokes()
    assert not window.sign.problem.isVisible()
    qtbot.mouseClick(window.sign.confirm_button, Qt.MouseButton.LeftButton)
    entry = box(site, session_id, member_id)
    assert entry.mark is Mark.SIGNED
    assert entry.identity.startswith(f"badge:{member_id}:") and entry.kiosk_id
    stored = unpack(entry.strokes or "")
    assert len(stored) == 1 and len(stored[0]) == len(drawn[0]) >= 6
    assert stored[0][0][:2] == pytest.approx(drawn[0][0][:2], abs=1e-4)
    assert window.sign.pages.currentIndex() == 1 and "Inès" in window.sign.answer_title.text()
    assert window.accepts_scans()
    window.on_badge_seen(token)  # still in front of the camera: the thanks stay
    assert window.currentWidget() is window.sign and window.sign.pages.currentIndex() == 1

    # the same badge later the same half-day: checked out then in again -> already signed
    window.go_home()
    site.now = lambda: START + timedelta(minutes=40)  # type: ignore[method-assign]
    window.handle_scan(token, CheckinMethod.BADGE, confirmed=True)  # out
    site.now = lambda: START + timedelta(minutes=50)  # type: ignore[method-assign]
    window.handle_scan(token, CheckinMethod.BADGE, confirmed=True)  # in again
    assert window.currentWidget() is window.sign
    assert window.sign.pages.currentIndex() == 1  # no second pad
    assert "déjà signé" in window.sign.answer_title.text()


def test_cannot_sign_is_recorded_for_staff_to_countersign(
    qtbot, kiosk: Kiosk, site: Site, trainee
) -> None:
    member_id, token, session_id = trainee
    window = kiosk.window
    window.on_badge_seen(token)
    qtbot.mouseClick(window.sign.cannot_button, Qt.MouseButton.LeftButton)
    entry = box(site, session_id, member_id)
    assert entry.mark is Mark.CANNOT_SIGN and entry.countersigned_by is None
    assert "contresign" in window.sign.answer_text.text()


def test_signing_after_the_half_day_ended_shows_the_core_refusal(
    qtbot, kiosk: Kiosk, site: Site, trainee, clock: Clock
) -> None:
    member_id, token, session_id = trainee
    window = kiosk.window
    clock.at = START + timedelta(hours=2, minutes=58)
    window.on_badge_seen(token)
    sign_with_finger(qtbot, kiosk)
    clock.at = START + timedelta(hours=3, minutes=1)  # slow: the half-day ended meanwhile
    qtbot.mouseClick(window.sign.confirm_button, Qt.MouseButton.LeftButton)
    assert "12:30" in window.sign.answer_text.text()  # the core's worded refusal
    assert box(site, session_id, member_id).mark is Mark.DESK


def test_outside_a_session_window_the_ordinary_greeting(
    qtbot, kiosk: Kiosk, site: Site, trainee, clock: Clock
) -> None:
    _member_id, token, _session_id = trainee
    clock.at = START - timedelta(hours=2)
    kiosk.window.on_badge_seen(token)
    assert kiosk.window.currentWidget() is kiosk.window.result
    assert "Inès" in kiosk.window.result.title.text()


def test_the_still_there_warning_keeps_the_drawing(
    qtbot, kiosk: Kiosk, site: Site, trainee
) -> None:
    window = kiosk.window
    window.on_badge_seen(trainee[1])
    sign_with_finger(qtbot, kiosk)
    drawn = window.sign.pad.strokes()
    assert window.ask_if_still_there()  # something to lose: asked, not reset
    assert window.still_there.isVisible()
    qtbot.mouseClick(window.still_there.yes_button, Qt.MouseButton.LeftButton)
    assert window.currentWidget() is window.sign and window.sign.pad.strokes() == drawn
    window.reset_on_idle()  # nobody answered: nothing of hers left on screen
    assert window.currentWidget() is window.welcome and window.sign.pad.is_empty()
    assert "Inès" not in window.sign.greeting.text()


@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1024, 600)], ids=str)
def test_the_pad_and_buttons_are_big_enough(
    qtbot, kiosk: Kiosk, site: Site, trainee, size: QSize
) -> None:
    kiosk.window.resize(size)
    kiosk.window.on_badge_seen(trainee[1])
    sign = kiosk.window.sign
    sign.leave_button.show()  # the afternoon of a full day: four buttons in the row
    qtbot.wait(20)
    assert kiosk.window.height() <= size.height() and kiosk.window.width() <= size.width()
    for button in (sign.clear_button, sign.cannot_button, sign.leave_button, sign.confirm_button):
        assert button.width() >= 80 and button.height() >= 80, button.text()
        words = button.fontMetrics().horizontalAdvance(button.text())
        assert words + 16 <= button.width(), button.text()  # the words are not cut
        bottom = button.mapTo(kiosk.window, QPoint(0, button.height())).y()
        assert bottom <= size.height()
    box_ = sign.pad.pad_rect()
    assert box_.width() >= (500 if size.width() < 1280 else 700)
    assert box_.width() == pytest.approx(3 * box_.height(), abs=1)


def test_in_english_with_a_typed_code_and_read_aloud_in_order(
    qtbot, kiosk: Kiosk, site: Site, trainee
) -> None:
    member_id, _token, _session_id = trainee
    with site.sessions() as session:
        from kiosk.models import Member

        code = session.get_one(Member, member_id).short_code
    kiosk.set_language("en")
    window = kiosk.window
    window.handle_scan(code, CheckinMethod.CODE)  # the code printed under the badge
    assert window.currentWidget() is window.sign
    assert window.sign.greeting.text() == "Hello Inès!"
    assert "First digital steps" in window.sign.workshop.text()
    words = visible_words(window.sign)  # what the listen button reads
    order = ["Hello Inès", "First digital steps", "with your finger", "Clear", "I cannot sign"]
    assert [words.index(w) for w in order] == sorted(words.index(w) for w in order)
    # the badge read again by the camera seconds later: the pad stays
    window.on_badge_seen(_token)
    assert window.currentWidget() is window.sign and window.sign.signing_now()


@pytest.fixture
def full_day(site: Site, trainee) -> str:
    """A second session the same week, 09:30-16:30: a morning and an afternoon."""
    member_id = trainee[0]
    start = START + timedelta(days=1)
    with site.transaction() as session:
        from kiosk.workshops.models import WorkshopSession

        workshop_id = session.get_one(WorkshopSession, trainee[2]).workshop_id
        meeting = add_sessions(
            session, site.settings, workshop_id, start, start + timedelta(hours=7),
            today=date(2026, 11, 25),
        )[0]  # fmt: skip
    assert member_id
    return meeting.id


@pytest.mark.parametrize("leaves", [False, True], ids=["signs", "leaves"])
def test_in_since_the_morning_the_badge_at_one_asks_to_sign_the_afternoon_or_leave(
    qtbot, kiosk: Kiosk, site: Site, trainee, full_day: str, clock: Clock, leaves: bool
) -> None:
    member_id, token, _ = trainee
    window = kiosk.window
    clock.at = START + timedelta(days=1, minutes=-5)
    window.on_badge_seen(token)
    sign_with_finger(qtbot, kiosk)
    qtbot.mouseClick(window.sign.confirm_button, Qt.MouseButton.LeftButton)
    assert not window.sign.leave_button.isVisible()
    window.go_home()
    clock.at = START + timedelta(days=1, hours=3, minutes=40)  # 13:10, still in
    window.on_badge_seen(token)
    assert window.currentWidget() is window.sign and window.sign.signing_now()
    assert "après-midi" in window.sign.workshop.text()
    assert window.sign.leave_button.isVisible()
    if leaves:
        qtbot.mouseClick(window.sign.leave_button, Qt.MouseButton.LeftButton)
        assert window.currentWidget() is window.result
        assert "Au revoir" in window.result.title.text()
        with site.sessions() as session:
            assert session.query(Visit).one().checked_out_at is not None
            assert (1, member_id) not in current_marks(session, full_day)
    else:
        sign_with_finger(qtbot, kiosk)
        qtbot.mouseClick(window.sign.confirm_button, Qt.MouseButton.LeftButton)
        with site.sessions() as session:
            assert current_marks(session, full_day)[(1, member_id)].mark is Mark.SIGNED
            assert session.query(Visit).one().checked_out_at is None  # still in
