"""Nothing cut at 1024x600 (nor at 1280x800 where the tutorials are concerned): a button
narrower than its words, a wrapped text shorter than its lines, a widget beyond its
parent or the window. Each tutorial's check questions and quiz answers, with their
pictures, and every staff tab (the reports counted on two years of demo visits)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QWidget,
)

from kiosk.demo import create_demo
from kiosk.site import Site
from ui.app import Kiosk
from ui.widgets.touch import ChoiceButton


def _in_a_scroll_area(widget: QWidget) -> bool:
    """*widget* is what a scroll area scrolls: it may be larger than the area's view."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and parent is area.viewport()


def _scrolled(widget: QWidget) -> bool:
    """*widget* is inside what a scroll area scrolls (at any depth)."""
    while widget is not None:
        if _in_a_scroll_area(widget):
            return True
        widget = widget.parentWidget()
    return False


def _named(widget: QWidget) -> str:
    words = ""
    if isinstance(widget, QLabel | QAbstractButton):
        words = widget.text()
    return f"{type(widget).__name__} {widget.objectName()!r} {words[:40]!r}"


def cut_off(screen: QWidget) -> list[str]:
    """What a person would see cut on *screen* as it is shown now: a button narrower than
    its words, a wrapped text shorter than its lines, a widget sticking out of its parent
    (but for what a scroll area scrolls: that is what it is for) or out of the window."""
    window = screen.window()
    found = []
    for widget in [screen, *screen.findChildren(QWidget)]:
        if not widget.isVisible() or widget.isWindow() or widget.width() == 0:
            continue
        if isinstance(widget, QPushButton) and QPushButton.text(widget):
            need = QPushButton.sizeHint(widget).width()
            if need > widget.width() + 1:
                found.append(f"{_named(widget)}: its words need {need} px, it has {widget.width()}")
        if isinstance(widget, QLabel) and widget.text() and widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 2:
                found.append(
                    f"{_named(widget)}: its lines need {need} px, it has {widget.height()}"
                )
        parent = widget.parentWidget()
        beyond = parent is not None and not parent.rect().contains(widget.geometry())
        if parent is not None and beyond and not _in_a_scroll_area(widget):
            found.append(
                f"{_named(widget)} at {widget.geometry().getRect()} sticks out of its "
                f"{type(parent).__name__} {parent.rect().getRect()}"
            )
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        if not _scrolled(widget) and not window.rect().contains(corner - QPoint(1, 1)):
            found.append(f"{_named(widget)}: its corner {corner.toTuple()} is off the window")
    return found


def laid_out_cut_off(qtbot, screen: QWidget) -> list[str]:
    """cut_off() once the layouts have settled (a style polished on first show, a text
    wrapped anew, a scroll area resized: each a turn of the event loop), or after 2 s."""
    with contextlib.suppress(AssertionError):  # qtbot's timeout: still cut; say what
        qtbot.waitUntil(lambda: not cut_off(screen), timeout=2000)
    return cut_off(screen)


def test_the_check_tells_a_cut_off(qtbot) -> None:
    """The check above fails on what was seen cut before (so it is not a test that cannot
    fail): a button squeezed narrower than its words, a label shorter than its lines, a
    widget beyond its parent's edge."""
    screen = QWidget()
    qtbot.addWidget(screen)
    screen.resize(600, 400)
    squeezed = QPushButton("Close the visits that were forgotten", screen)
    squeezed.setGeometry(0, 0, 120, 90)
    short = QLabel("A long sentence that wraps on several lines. " * 4, screen)
    short.setWordWrap(True)
    short.setGeometry(0, 100, 200, 30)
    screen.show()
    qtbot.waitExposed(screen)
    found = "\n".join(cut_off(screen))
    assert "its words need" in found and "its lines need" in found
    squeezed.setGeometry(500, 0, 400, 90)
    short.setGeometry(0, 100, 600, 300)
    assert "sticks out of its" in "\n".join(cut_off(screen))
    squeezed.setGeometry(0, 0, 600, 90)
    assert cut_off(screen) == []


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    # all of this year and the end of last year: the reports compare the two
    return create_demo(tmp_path_factory.mktemp("demo") / "site", weeks=57)


@pytest.mark.parametrize("size", [QSize(1024, 600), QSize(1280, 800)], ids=str)
def test_every_check_question_and_quiz_answer_is_whole(qtbot, qapp, site: Site, size) -> None:
    """Each tutorial's check questions (asked, then answered) and quiz questions (answered:
    the explanation shown), with or without pictures: nothing cut, in the real window."""
    kiosk = Kiosk(qapp, site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True, size=size)
    flow, cut = kiosk.window.tutorials, {}
    flow.show_list()
    for tutorial in kiosk.desk.tutorial_library().tutorials.values():
        flow.open_tutorial(tutorial.id)
        kiosk.window.setCurrentWidget(flow.player)
        player = flow.player
        for index, step in enumerate(tutorial.steps):
            if step.check is None:
                continue
            player.show_step(index)
            player.go(+1)  # its check question, below its words
            qtbot.waitUntil(player.check_box.isVisible)
            cut[f"{tutorial.id} step {index + 1} asked"] = laid_out_cut_off(qtbot, player)
            answers = player.check_box.findChildren(ChoiceButton)
            qtbot.mouseClick(answers[1 - step.check.answer], Qt.MouseButton.LeftButton)
            cut[f"{tutorial.id} step {index + 1} answered"] = laid_out_cut_off(qtbot, player)
        player.start_quiz()
        for number, question in enumerate(tutorial.quiz, 1):
            cut[f"{tutorial.id} quiz {number}"] = laid_out_cut_off(qtbot, player)
            wrong = player.quiz.choice_buttons[(question.answer + 1) % 2]
            qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
            cut[f"{tutorial.id} quiz {number} answered"] = laid_out_cut_off(qtbot, player)
            qtbot.mouseClick(player.quiz.next_button, Qt.MouseButton.LeftButton)
        flow.show_list()
    kiosk.stop()
    assert {where: what for where, what in cut.items() if what} == {}


def test_staff_tabs_are_whole_at_1024x600(qtbot, qapp, demo_site: Site) -> None:
    """Who is in (its buttons' words), the reports (each figure with its comparison with
    last year, counted on a demo site with two years of visits), and every other tab."""
    kiosk = Kiosk(qapp, demo_site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True, size=QSize(1024, 600))
    window, staff = kiosk.window, kiosk.window.staff
    window.setCurrentWidget(staff)
    cut = {}
    for tab in staff.tabs.buttons():
        staff.tabs.idClicked.emit(staff.tabs.id(tab))
        if tab is staff.tab_reports:
            qtbot.waitUntil(
                lambda: staff.reports is not None and not staff.reports.busy, timeout=20_000
            )
        cut[tab.text()] = laid_out_cut_off(qtbot, staff)
    kiosk.stop()
    assert {tab: what for tab, what in cut.items() if what} == {}
