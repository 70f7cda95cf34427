"""The people the kiosk is for, each walked through the real window by taps (offscreen),
at 1280x800 and at 1024x600: what they see at each step, and what is recorded.

- Samira, first visit, reads poorly: registers (first name only), is checked in.
- Théo, a member with his badge: one scan in, the greeting asks nothing he must answer;
  a second scan minutes later asks whether he is leaving already.
- Awa, a workshop trainee: follows the first tutorial without showing her badge, passes
  the quiz, shows her badge on the result: the pass is recorded for her. At her
  workshop's session, her badge at the door checks her in and she signs with a finger.
- Staff: open staff mode with the PIN, see who is in the building.
- Staff, workshops: a workshop with weekly sessions, a new trainee and her badge, an
  absence excused on the roster, the trainer signing the half-day.

With FABLAB_KIOSK_SCREENSHOTS=DIR, every screen on the way is saved as
DIR/<width>x<height>/<persona>-<n>-<screen>.png (``make screenshots``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from kiosk.checkin import open_visits
from kiosk.config import hash_pin
from kiosk.members.registration import NewMember, register_member
from kiosk.site import Site
from kiosk.workshops.attendance import current_marks
from kiosk.workshops.models import Mark
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from ui.app import Kiosk

SIZES = [QSize(1280, 800), QSize(1024, 600)]
SHOTS = os.environ.get("FABLAB_KIOSK_SCREENSHOTS")


class Walk:
    """Taps and looks, as the person would; keeps a picture of each screen when asked."""

    def __init__(self, qtbot, kiosk: Kiosk, persona: str, size: QSize) -> None:
        self.qtbot, self.kiosk, self.persona, self.size = qtbot, kiosk, persona, size
        self.shots = 0
        self._last: tuple[str, int] | None = None

    def tap(self, button: QAbstractButton) -> None:
        self.qtbot.waitUntil(button.isVisible)
        assert button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.look()

    def look(self, *, new_picture: bool = False) -> None:
        """The window fits the screen, and (when asked) a picture of each new screen or
        page is kept."""
        window = self.kiosk.window
        QApplication.processEvents()
        assert window.width() <= self.size.width() and window.height() <= self.size.height()
        screen = window.currentWidget()
        pages = getattr(screen, "pages", None) or getattr(screen, "steps", None)
        shown = (type(screen).__name__, pages.currentIndex() if pages is not None else -1)
        if SHOTS and (shown != self._last or new_picture):
            self._last = shown
            folder = Path(SHOTS) / f"{self.size.width()}x{self.size.height()}"
            folder.mkdir(parents=True, exist_ok=True)
            self.shots += 1
            name = type(window.currentWidget()).__name__.removesuffix("Screen").lower()
            window.grab().save(str(folder / f"{self.persona}-{self.shots:02d}-{name}.png"))


@pytest.fixture(params=SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def size(request: pytest.FixtureRequest) -> QSize:
    return request.param


@pytest.fixture
def kiosk(qtbot, site: Site, size: QSize) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True, size=size)
    yield kiosk
    kiosk.stop()


def _member(site: Site, name: str) -> tuple[str, str]:
    with site.transaction() as session:
        member = register_member(session, NewMember(name), consent_at=site.now())
        return member.id, site.badge_token(member)


def test_a_first_time_visitor_registers_and_is_checked_in(qtbot, kiosk, site, size) -> None:
    walk = Walk(qtbot, kiosk, "first-visit", size)
    window = kiosk.window
    walk.look()
    walk.tap(window.welcome.register_button)
    register = window.register
    assert window.currentWidget() is register
    assert "1" in register.step_labels[0].text()  # "Étape 1 sur 4"
    qtbot.keyClicks(register.first_name, "Samira")
    walk.tap(register.name_next)
    walk.tap(register.age_buttons["45-64"])
    walk.tap(register.contact_next)  # no email, no postcode: both optional
    assert register.consent.text_to_read()  # the consent can be read aloud
    walk.tap(register.agree_button)
    assert window.currentWidget() is window.badge
    walk.tap(window.badge.checkin_button)
    assert window.currentWidget() is window.result
    assert "Samira" in window.result.title.text()
    with site.sessions() as session:
        assert len(open_visits(session)) == 1


def test_a_member_checks_in_with_one_scan_and_is_asked_before_leaving(
    qtbot, kiosk, site, size
) -> None:
    walk = Walk(qtbot, kiosk, "member", size)
    _member_id, token = _member(site, "Théo")
    window = kiosk.window
    window.on_badge_seen(token)
    walk.look()
    assert window.currentWidget() is window.result
    assert "Théo" in window.result.title.text()
    with site.sessions() as session:
        assert len(open_visits(session)) == 1  # in, with no tap
    window.go_home()
    real_now = site.now
    site.now = lambda: real_now() + timedelta(minutes=2)  # type: ignore[method-assign]
    window.on_badge_seen(token)  # two minutes later: leaving already?
    walk.look(new_picture=True)
    with site.sessions() as session:
        assert len(open_visits(session)) == 1  # not checked out without asking
    assert window.result.leave_button.isVisible()
    walk.tap(window.result.leave_button)
    with site.sessions() as session:
        assert open_visits(session) == []


def test_a_trainee_passes_a_tutorial_then_shows_her_badge(qtbot, kiosk, site, size) -> None:
    walk = Walk(qtbot, kiosk, "trainee", size)
    member_id, token = _member(site, "Awa")
    window = kiosk.window
    walk.tap(window.welcome.learn_button)
    listing, player = window.tutorials.screens()
    library = kiosk.desk.tutorial_library()
    tutorial = library.tutorials[next(iter(library.courses.values())).tutorials[0]]
    walk.tap(
        next(
            b
            for b in listing.findChildren(QPushButton)
            if tutorial.title.get("fr") in b.text() and b.isVisible()
        )
    )
    drawn = next(q for q in tutorial.quiz if q.pictures)  # the first quiz answers drawn
    drawn_check_seen = False
    for _ in range(4 * len(tutorial.steps) + 4):
        if player.pages.currentIndex() != 0:
            break
        step = tutorial.steps[player.step]
        if player.check_box.isVisible() and step.check is not None:
            if step.check.pictures and not drawn_check_seen:
                drawn_check_seen = True
                walk.look(new_picture=True)  # a check question with its pictures
            answers = [b for b in player.check_box.findChildren(QPushButton) if b.isVisible()]
            walk.tap(answers[step.check.answer])
        walk.tap(player.next_button)
    for question in tutorial.quiz:
        if question is drawn:
            walk.look(new_picture=True)  # the answers drawn
            assert all(b.picture.isVisible() for b in player.quiz.choice_buttons)
        walk.tap(player.quiz.choice_buttons[question.answer])
        if question is drawn:
            walk.look(new_picture=True)  # and the explanation below them
        walk.tap(player.quiz.next_button)
    assert player.pages.currentIndex() == 2  # the result
    assert drawn_check_seen
    assert kiosk.desk.certifications(member_id) == []
    window.on_badge_seen(token)  # her badge, shown on the result screen
    walk.look(new_picture=True)
    assert {c.tutorial for c in kiosk.desk.certifications(member_id)} == {tutorial.id}
    assert "Awa" in player.notice.text()

    # at her workshop's next session, her badge at the door: checked in, she signs
    session_id = _workshop_under_way(site, member_id)
    window.go_home()
    window.on_badge_seen(token)
    walk.look()
    assert window.currentWidget() is window.sign
    assert "Awa" in window.sign.greeting.text()
    pad = window.sign.pad
    w, h = pad.width(), pad.height()
    points = [QPoint(round(w * x), round(h * y)) for x, y in _SIGNATURE]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point, 2)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
    walk.look(new_picture=True)  # the pad with her signature
    walk.tap(window.sign.confirm_button)
    with site.sessions() as session:
        assert current_marks(session, session_id)[(0, member_id)].mark is Mark.SIGNED


# a quick name written with a finger: two loops and a flourish
_SIGNATURE = [
    (0.12, 0.62), (0.16, 0.35), (0.2, 0.2), (0.23, 0.45), (0.24, 0.68), (0.28, 0.5),
    (0.33, 0.42), (0.36, 0.6), (0.4, 0.66), (0.44, 0.45), (0.47, 0.3), (0.5, 0.55),
    (0.55, 0.68), (0.6, 0.5), (0.64, 0.4), (0.68, 0.58), (0.74, 0.62), (0.82, 0.5),
    (0.88, 0.45),
]  # fmt: skip


def _workshop_under_way(site: Site, member_id: str) -> str:
    """Awa enrolled in a workshop whose session (09:30-12:30) is under way: the site's
    clock is set to 09:40 that day. The session's id."""
    start = datetime(2026, 12, 2, 9, 30, tzinfo=site.settings.tz)
    with site.transaction() as session:
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop("Premiers pas numériques", "fablab", title_en="First digital steps"),
            set(),
        )
        enrol(session, workshop.id, member_id, now=start - timedelta(days=7))
        meeting = add_sessions(
            session, site.settings, workshop.id, start, start + timedelta(hours=3),
            today=start.date() - timedelta(days=7),
        )[0]  # fmt: skip
    site.now = lambda: start + timedelta(minutes=10)  # type: ignore[method-assign]
    return meeting.id


def test_staff_open_staff_mode_and_see_who_is_in(qtbot, kiosk, site, size) -> None:
    from dataclasses import replace

    walk = Walk(qtbot, kiosk, "staff", size)
    _member_id, token = _member(site, "Inès")
    kiosk.window.on_badge_seen(token)
    kiosk.window.go_home()
    site.settings = replace(site.settings, staff_pin_hash=hash_pin("2468"))
    kiosk.desk.site.settings = site.settings
    window = kiosk.window
    walk.tap(window.welcome.staff_button)
    pad = window.staff_pin
    for digit in "2468":
        walk.tap(pad.keys[digit])
    walk.tap(pad.ok_button)
    qtbot.waitUntil(lambda: window.currentWidget() is window.staff)
    presence = window.staff.presence
    qtbot.waitUntil(lambda: "1" in presence.count.text())
    walk.look()
    rows = [w.text() for w in presence.findChildren(type(presence.count))]
    assert any("Inès" in text for text in rows)
    staff = window.staff
    qtbot.mouseClick(staff.tab_reports, Qt.MouseButton.LeftButton)  # the year's figures
    qtbot.waitUntil(lambda: staff.reports is not None and not staff.reports.busy, timeout=20_000)
    walk.look(new_picture=True)


def test_staff_plan_a_workshop_enrol_a_trainee_and_the_trainer_signs(
    qtbot, kiosk, site, size
) -> None:
    """Staff, workshops: a workshop with three weekly sessions, a new trainee (her
    badge shown), her progress on the roster, an absence excused, the trainer signing."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QDate, QPoint

    utc, paris = ZoneInfo("UTC"), ZoneInfo("Europe/Paris")
    at = datetime(2026, 12, 2, 15, 0, tzinfo=paris).astimezone(utc)  # the session: 14-17
    site.now = lambda: at  # type: ignore[method-assign]
    walk = Walk(qtbot, kiosk, "staff-workshops", size)
    window = kiosk.window
    _member(site, "Awa")
    window._go(window.staff)
    walk.tap(window.staff.tab_workshops)
    panel = window.staff.workshops
    walk.tap(panel.new_button)
    walk.look(new_picture=True)
    panel.form.title_fr.insert("Fabriquer une lampe")  # QTest types ASCII only
    panel.form.trainers.insert("Camille Dupont")
    panel.form.funder.insert("FSE+ Inclusion numérique")
    for tutorial in ("workshop-safety", "laser-cutter"):
        walk.tap(panel.form.tutorial_buttons[tutorial])
    walk.look(new_picture=True)
    walk.tap(panel.form.save_button)
    page = panel.workshop
    page.session_form.calendar.setSelectedDate(QDate(2026, 12, 2))
    walk.tap(page.session_form.weeks.plus)
    walk.tap(page.session_form.weeks.plus)
    walk.tap(page.session_form.add_button)
    walk.look(new_picture=True)
    qtbot.keyClicks(page.search, "awa")
    walk.tap(page.search_button)
    enrol = [b for b in page.findChildren(QPushButton) if "Awa" in b.text() and b.isVisible()]
    walk.tap(enrol[0])
    qtbot.keyClicks(page.first_name, "Nour")
    qtbot.keyClicks(page.last_name, "Diallo")
    walk.tap(page.register_button)
    assert window.currentWidget() is window.badge and "Nour" in window.badge.title.text()
    walk.tap(window.badge.done_button)
    assert window.currentWidget() is window.staff
    page.body.verticalScrollBar().setValue(page.body.verticalScrollBar().maximum())
    walk.look(new_picture=True)
    page.body.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    walk.tap(next(b for b in page.findChildren(QPushButton, "roster") if b.isVisible()))
    roster = panel.roster
    qtbot.keyClicks(roster.staff_name, "Sam")
    QApplication.processEvents()
    rows = [b for b in roster.findChildren(QAbstractButton) if "DIALLO" in b.text()]
    walk.tap(rows[0])
    qtbot.keyClicks(roster.reason, "rendez-vous")
    walk.tap(roster.excused_button)
    walk.look(new_picture=True)
    walk.tap(roster.trainer_signs)
    pad = panel.signing.pad
    box = pad.pad_rect()
    y = int(box.center().y())
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(int(box.left()) + 30, y))
    for i in range(1, 13):
        x = int(box.left()) + 30 + i * int(box.width() - 60) // 12
        qtbot.mouseMove(pad, QPoint(x, y + (25 if i % 2 else -25)))
        qtbot.wait(5)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(int(box.right()) - 30, y))
    walk.look(new_picture=True)
    walk.tap(panel.signing.valid_button)
    walk.look(new_picture=True)
    assert "Camille" in roster.trainer_box.text()
