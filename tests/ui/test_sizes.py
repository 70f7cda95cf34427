"""Sizes for people who read poorly and tap with a whole finger: on a 1280x800 screen every
visitor button is at least 80x80 px and every visitor text at least 20 px high; on a
1024x600 screen every visitor screen should still fit (not yet: the test says which)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.members.registration import NewMember, register_member
from kiosk.site import Site
from ui.app import Kiosk


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    yield kiosk
    kiosk.stop()
    kiosk.show(windowed=True)  # the style back at 1280x800 for the tests that follow
    kiosk.window.hide()


def _visitor_screens(kiosk: Kiosk, site: Site) -> list[tuple[str, Callable[[], None]]]:
    with site.transaction() as session:
        token = site.badge_token(
            register_member(session, NewMember("Nadia"), consent_at=site.now())
        )
    w = kiosk.window

    def check_question() -> None:
        w.tutorials.open_tutorial("measuring")
        player = w.tutorials.player
        step = next(i for i, s in enumerate(player.tutorial.steps) if s.check is not None)
        player.show_step(step)
        player.go(1)

    def quiz_answered() -> None:
        w.tutorials.player.start_quiz()
        w.tutorials.player.quiz_choice_buttons[0].click()

    return [
        ("welcome", w.go_home),
        ("greeting", lambda: w.on_badge_seen(token)),
        ("not a badge", lambda: (w.go_home(), w.on_badge_seen("https://example.org"))),
        ("code", lambda: (w.go_home(), w.welcome.code_button.click())),
        ("guest", lambda: (w.go_home(), w.welcome.guest_button.click())),
        ("name", lambda: (w.go_home(), w.welcome.register_button.click())),
        ("age", lambda: (w.register.first_name.setText("Karim"), w.register.name_next.click())),
        ("contact", lambda: w.register.age_buttons[""].click()),
        ("consent", lambda: w.register.contact_next.click()),
        ("hours and machines", lambda: (w.go_home(), w.welcome.today_requested.emit())),
        ("tutorials", lambda: (w.go_home(), w.tutorials.show_list())),
        ("check question", check_question),
        ("quiz", quiz_answered),
    ]


def test_buttons_and_text_are_big_enough_at_1280x800(qtbot, kiosk: Kiosk, site: Site) -> None:
    kiosk.show(windowed=True, size=QSize(1280, 800))
    problems = []
    for name, show in _visitor_screens(kiosk, site):
        show()
        qtbot.wait(1)
        screen = kiosk.window.currentWidget()
        for widget in screen.findChildren(QWidget):
            if not widget.isVisibleTo(screen) or not isinstance(
                widget, QLabel | QAbstractButton | QLineEdit
            ):
                continue
            text = widget.text() if not isinstance(widget, QLineEdit) else "typed"
            if not text.strip():
                continue
            if isinstance(widget, QAbstractButton) and min(widget.width(), widget.height()) < 80:
                problems.append(f"{name}: button {text!r} {widget.width()}x{widget.height()}")
            if QFontInfo(widget.font()).pixelSize() < 20:
                problems.append(f"{name}: {text[:30]!r} {QFontInfo(widget.font()).pixelSize()} px")
    assert problems == []


@pytest.mark.xfail(
    strict=True,
    reason="not done yet: at 1024x600 (88 px buttons) the welcome screen needs 738 px of "
    "height, the greeting with its spaces 748, the code keypad 669, the guest screen 673, "
    "a step's check question 682, an answered quiz question 825; the window takes its "
    "tallest page's height (825, the staff PIN 778 too)",
)
def test_every_visitor_screen_fits_1024x600(qtbot, kiosk: Kiosk, site: Site) -> None:
    kiosk.show(windowed=True, size=QSize(1024, 600))
    limit = QSize(1024, 600)
    too_big = []
    for name, show in _visitor_screens(kiosk, site):
        show()
        qtbot.wait(1)
        needs = kiosk.window.currentWidget().minimumSizeHint()
        if needs.width() > limit.width() or needs.height() > limit.height():
            too_big.append(f"{name} needs {needs.width()}x{needs.height()}")
    window = kiosk.window.minimumSizeHint()  # the stack is as tall as its tallest page
    if window.height() > limit.height():
        too_big.append(f"the window needs {window.width()}x{window.height()}")
    assert too_big == [], "; ".join(too_big)
