"""Sizes for people who read poorly and tap with a whole finger: on a 1280x800 screen every
visitor button is at least 80x80 px and every visitor text at least 20 px high; on a
1024x600 screen every visitor screen still fits."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

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
        w.tutorials.player.quiz.choice_buttons[0].click()

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


def _scrolled(widget: QWidget, screen: QWidget) -> bool:
    """Inside a scroll area: below the edge is fine, a finger brings it up."""
    parent = widget.parentWidget()
    while parent is not None and parent is not screen:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_every_visitor_screen_fits_1024x600(qtbot, kiosk: Kiosk, site: Site) -> None:
    """Fits: the window is no taller than the screen (the stack takes its tallest page's
    minimum), nothing is drawn below the bottom edge, and no button is squeezed."""
    kiosk.show(windowed=True, size=QSize(1024, 600))
    qtbot.wait(1)  # the smaller style's sizes are known at the next turn of the loop
    kiosk.window.resize(1024, 600)
    problems = []
    for name, show in _visitor_screens(kiosk, site):
        show()
        qtbot.wait(1)
        screen = kiosk.window.currentWidget()
        for widget in screen.findChildren(QWidget):
            if not widget.isVisibleTo(screen) or widget.isWindow() or _scrolled(widget, screen):
                continue
            bottom = widget.mapTo(screen, widget.rect().bottomLeft()).y()
            if bottom > screen.height() and widget.parentWidget().isVisibleTo(screen):
                problems.append(f"{name}: {type(widget).__name__} ends at {bottom} px")
            squeezed = widget.height() < widget.minimumHeight()
            if isinstance(widget, QAbstractButton) and widget.text().strip() and squeezed:
                problems.append(f"{name}: button {widget.text()!r} squeezed")
    window = kiosk.window.minimumSizeHint()
    if window.height() > 600 or kiosk.window.height() > 600:
        problems.append(
            f"the window needs {window.width()}x{window.height()}, "
            f"is {kiosk.window.width()}x{kiosk.window.height()}"
        )
    assert problems == [], "; ".join(problems[:12])
