"""Touch effort and sizes for visitors, measured on the real kiosk window (offscreen).

Run with ``python bench/bench_touch.py`` (or ``make bench``). It builds the kiosk on a
fresh site at 1280x800 and:

- walks each everyday task through the real screens, tapping real buttons (a mouse
  click on the widget, as a finger does) and counting the taps and the characters typed:
  badge check-in, a guest, a registration (first name, no email) ending checked in, and
  the beginners' first tutorial with its quiz, every answer right;
- shows every visitor screen in turn and measures, as laid out at 1280x800, the smallest
  button a visitor can tap and the smallest text on it.

Targets (issue 13): badge check-in 0 taps; every visitor touch target at least 80x80 px
(about 15 mm on a 10-inch 1280x800 screen); visitor text at least 20 px high. It exits 1
when one is missed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.members.registration import NewMember, register_member
from kiosk.models import Visit
from kiosk.site import init_site
from ui.app import Kiosk

MIN_TARGET_PX = 80
MIN_TEXT_PX = 20
STAFF_ONLY = ("StaffScreen", "StaffPinScreen", "OutOfOrderScreen")


@dataclass
class Effort:
    taps: int = 0
    typed: int = 0
    path: list[str] = field(default_factory=list)


class Finger:
    """Taps real buttons and types into real fields, counting both."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.effort = Effort()

    def tap(self, button: QAbstractButton, what: str = "") -> None:
        if not (button.isVisible() and button.isEnabled()):
            raise RuntimeError(f"cannot tap {what or button.text()!r}: hidden or disabled")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.effort.taps += 1
        self.effort.path.append(what or button.text().replace("\n", " ")[:24])
        self.settle()

    def type(self, field: QWidget, text: str) -> None:
        field.setFocus()
        QTest.keyClicks(field, text)
        self.effort.typed += len(text)
        self.settle()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def done(self) -> Effort:
        effort, self.effort = self.effort, Effort()
        return effort


def visits(kiosk: Kiosk) -> int:
    with kiosk.desk.site.sessions() as session:
        return session.query(Visit).count()


def badge_check_in(kiosk: Kiosk, finger: Finger) -> Effort:
    site = kiosk.desk.site
    with site.transaction() as session:
        member = register_member(session, NewMember(first_name="Aya"), consent_at=site.now())
        token = site.badge_token(member)
    before = visits(kiosk)
    kiosk.window.on_badge_seen(token)
    finger.settle()
    assert visits(kiosk) == before + 1, "the badge did not check in"
    kiosk.window.go_home()
    return finger.done()


def guest(kiosk: Kiosk, finger: Finger) -> Effort:
    window = kiosk.window
    before = visits(kiosk)
    finger.tap(window.welcome.guest_button, "guest")
    finger.tap(window.guest.purpose_buttons["discovery"], "purpose")
    assert visits(kiosk) == before + 1, "the guest was not counted"
    window.go_home()
    return finger.done()


def registration(kiosk: Kiosk, finger: Finger) -> Effort:
    window = kiosk.window
    register = window.register
    before = visits(kiosk)
    finger.tap(window.welcome.register_button, "first visit")
    finger.type(register.first_name, "Noor")
    finger.tap(register.name_next, "next")
    finger.tap(register.age_buttons["26-44"], "age")
    finger.tap(register.contact_next, "next (no email)")
    finger.tap(register.agree_button, "I agree")
    assert window.currentWidget() is window.badge, "no badge shown after registering"
    finger.tap(window.badge.checkin_button, "check in")
    assert visits(kiosk) == before + 1, "the newcomer was not checked in"
    window.go_home()
    return finger.done()


def tutorial_with_quiz(kiosk: Kiosk, finger: Finger) -> Effort:
    window = kiosk.window
    flow = window.tutorials
    list_screen, player = flow.screens()
    finger.tap(window.welcome.learn_button, "learn")
    library = kiosk.desk.tutorial_library()
    course = next(iter(library.courses.values()))
    tutorial = library.tutorials[course.tutorials[0]]
    title = tutorial.title.get("fr")
    choice = next(
        b for b in list_screen.findChildren(QAbstractButton) if title in b.text() and b.isVisible()
    )
    finger.tap(choice, "tutorial")
    for _ in range(4 * len(tutorial.steps) + 4):
        if player.pages.currentIndex() != 0:
            break
        step = tutorial.steps[player.step]
        if player.check_box.isVisible() and step.check is not None:
            buttons = [b for b in player.check_box.findChildren(QAbstractButton) if b.isVisible()]
            finger.tap(buttons[step.check.answer], "check answer")
        finger.tap(player.next_button, "next")
    for question in tutorial.quiz:
        finger.tap(player.quiz.choice_buttons[question.answer], "quiz answer")
        finger.tap(player.quiz.next_button, "next question")
    assert player.pages.currentIndex() == 2, "the quiz result is not shown"
    window.go_home()
    return finger.done()


@dataclass(frozen=True)
class Smallest:
    screen: str
    what: str
    size: int


def smallest_on_visitor_screens(kiosk: Kiosk, app: QApplication) -> tuple[Smallest, Smallest]:
    window = kiosk.window
    window.refresh_today()
    window.picker.ask("visit", kiosk.desk.board())
    target = Smallest("", "", 10**6)
    text = Smallest("", "", 10**6)
    for i in range(window.count()):
        screen = window.widget(i)
        name = type(screen).__name__
        if name in STAFF_ONLY:
            continue
        window.setCurrentWidget(screen)
        for _ in range(3):
            app.processEvents()
        for button in screen.findChildren(QAbstractButton):
            if not button.isVisible():
                continue
            side = min(button.width(), button.height())
            if side < target.size:
                target = Smallest(name, button.text().replace("\n", " ")[:30], side)
        for label in screen.findChildren(QLabel):
            if not label.isVisible() or not label.text().strip():
                continue
            px = QFontInfo(label.font()).pixelSize()
            if px < text.size:
                text = Smallest(name, label.text().replace("\n", " ")[:30], px)
    window.go_home()
    return target, text


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        from kiosk.demo import demo_settings

        site = init_site(Path(tmp) / "site", "Fablab", demo_settings())
        kiosk = Kiosk(app, site, start_camera=False, start_sync=False)
        kiosk.show(windowed=True, size=QSize(1280, 800))
        finger = Finger(app)
        tasks = {
            "badge check-in": badge_check_in,
            "guest": guest,
            "registration (first name, no email), then checked in": registration,
            "first tutorial and its quiz": tutorial_with_quiz,
        }
        efforts = {name: task(kiosk, finger) for name, task in tasks.items()}
        target, text = smallest_on_visitor_screens(kiosk, app)
        kiosk.stop()
        kiosk.window.close()

    print("Taps for each everyday task at 1280x800 (characters typed besides):")
    for name, effort in efforts.items():
        typed = f", {effort.typed} characters typed" if effort.typed else ""
        print(f"  {name:<55} {effort.taps:>3} taps{typed}")
        if effort.path and effort.taps <= 8:
            print(f"      {' -> '.join(effort.path)}")
    print(f"Smallest visitor touch target: {target.size} px ({target.screen}: {target.what!r})")
    print(f"Smallest visitor text: {text.size} px ({text.screen}: {text.what!r})")
    misses = []
    if efforts["badge check-in"].taps:
        misses.append("a badge check-in needs a tap")
    if target.size < MIN_TARGET_PX:
        misses.append(f"a touch target under {MIN_TARGET_PX} px")
    if text.size < MIN_TEXT_PX:
        misses.append(f"text under {MIN_TEXT_PX} px")
    for miss in misses:
        print(f"MISSED: {miss}")
    print("PASS" if not misses else "FAIL")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
